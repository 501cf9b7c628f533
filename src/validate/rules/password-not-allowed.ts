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
        message: `expected no password on a ${identityManagementType} instance (users sign in through ${identityManagementType === 'SAML' ? 'the identity provider' : 'the directory'}), got one: clear the cell`,
      },
    ];
  },
};
