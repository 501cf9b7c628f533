import type { UserRule } from '../rule';

const LIMITS = {
  SAML: { firstName: 100, lastName: 100 },
  CONNECT_MANAGED: { firstName: 255, lastName: 300 },
} as const;

export const nameLength: UserRule = {
  name: 'name-length',
  description: 'First name at most 100 (SAML) or 255 (CONNECT_MANAGED) characters; last name at most 100 or 300.',
  check: (user, { identityManagementType }) => {
    if (identityManagementType === 'EXISTING_DIRECTORY') return 'not-applicable';
    const limits = LIMITS[identityManagementType];
    return (['firstName', 'lastName'] as const)
      .filter((field) => (user[field]?.length ?? 0) > limits[field])
      .map((field) => ({
        field,
        code: 'NAME_LENGTH',
        message: `expected at most ${limits[field]} characters under ${identityManagementType}, got ${user[field]!.length}: shorten it`,
      }));
  },
};
