import type { UserRule } from '../rule';

export const passwordNotAllowed: UserRule = {
  name: 'password-not-allowed',
  description: 'SAML and EXISTING_DIRECTORY instances take no password: the identity provider or directory holds it.',
  check: (user, { identityManagementType }) => {
    if (identityManagementType === 'CONNECT_MANAGED') return 'not-applicable';
    if (user.password === undefined || user.password === '') return [];
    return [
      {
        field: 'password',
        code: 'PASSWORD_NOT_ALLOWED',
        message: `expected no password on ${identityManagementType === 'SAML' ? 'a SAML instance (users sign in through the identity provider)' : 'an EXISTING_DIRECTORY instance (users sign in through the directory)'}, got one: clear the cell`,
      },
    ];
  },
};
