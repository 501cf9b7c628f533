import type { UserRule } from '../rule';

export const securityProfilesCount: UserRule = {
  name: 'security-profiles-count',
  description: 'Every user has 1 to 10 security profiles, each named once.',
  check: (user) => {
    const names = user.securityProfiles ?? [];
    const distinct = new Set(names);
    if (distinct.size >= 1 && distinct.size <= 10 && distinct.size === names.length && !names.includes('')) return [];
    const got = distinct.size !== names.length ? `${names.length} with repeats` : `${names.length}`;
    return [
      {
        field: 'securityProfiles',
        code: 'SECURITY_PROFILES_COUNT',
        message: `expected 1 to 10 distinct names (joined with "|" in CSV), got ${got}`,
      },
    ];
  },
};
