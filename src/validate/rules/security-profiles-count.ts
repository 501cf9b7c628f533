import type { UserRule } from '../rule';

/**
 * SecurityProfileIds: "Minimum number of 1 item. Maximum number of 10 items" (botocore
 * service-2.json, "SecurityProfileIds"); hashicorp/aws: a set with MinItems 1, MaxItems 10. A set
 * drops repeats silently, so a repeated name is refused here rather than hidden.
 */
export const MAX_SECURITY_PROFILES = 10;

export const securityProfilesCount: UserRule = {
  name: 'security-profiles-count',
  description: `Every user has 1 to ${MAX_SECURITY_PROFILES} security profiles, each named once.`,
  check: (user) => {
    const names = user.securityProfiles ?? [];
    const distinct = new Set(names);
    if (distinct.size >= 1 && distinct.size <= MAX_SECURITY_PROFILES && distinct.size === names.length && !names.includes('')) return [];
    const got = names.includes('') ? 'an empty name' : distinct.size !== names.length ? `${names.length} with repeats` : `${names.length}`;
    return [
      {
        field: 'securityProfiles',
        code: 'SECURITY_PROFILES_COUNT',
        message: `expected 1 to ${MAX_SECURITY_PROFILES} distinct names (joined with "|" in CSV), got ${got}`,
      },
    ];
  },
};
