import type { UserRule } from '../rule';

export const emailNotAllowed: UserRule = {
  name: 'email-not-allowed',
  description: 'SAML instances take no primary email (a secondary email is allowed).',
  check: (user, { identityManagementType }) => {
    if (identityManagementType !== 'SAML') return 'not-applicable';
    if (user.email === undefined || user.email === '') return [];
    return [
      {
        field: 'email',
        code: 'EMAIL_NOT_ALLOWED',
        message: 'expected no primary email on a SAML instance, got one: move it to secondaryEmail or remove it',
      },
    ];
  },
};
