import type { UserRule } from '../rule';

export const namesRequired: UserRule = {
  name: 'names-required',
  description: 'CONNECT_MANAGED and SAML users need a first and a last name (EXISTING_DIRECTORY takes them from the directory).',
  check: (user, { identityManagementType }) => {
    if (identityManagementType === 'EXISTING_DIRECTORY') return 'not-applicable';
    return (['firstName', 'lastName'] as const)
      .filter((field) => !user[field] || user[field]!.trim() === '')
      .map((field) => ({
        field,
        code: 'NAME_REQUIRED',
        message: `expected a ${field === 'firstName' ? 'first' : 'last'} name (required for ${identityManagementType}), got nothing: fill it in`,
      }));
  },
};
