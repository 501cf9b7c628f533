import type { RawUser, User } from '../model';
import type { Problem } from '../problems';
import { duplicateUsernames } from './duplicate-usernames';
import { hierarchyPathConflicts } from './hierarchy-paths';
import type { RuleContext, RuleResult, UserRule } from './rule';
import { acwTimeout } from './rules/acw-timeout';
import { controlCharacters } from './rules/control-characters';
import { deskPhoneNumber } from './rules/desk-phone-number';
import { directoryUserId } from './rules/directory-user-id';
import { emailFormat } from './rules/email-format';
import { emailNotAllowed } from './rules/email-not-allowed';
import { hierarchyGroupName } from './rules/hierarchy-group-name';
import { nameLength } from './rules/name-length';
import { namesRequired } from './rules/names-required';
import { passwordNotAllowed } from './rules/password-not-allowed';
import { passwordSource } from './rules/password-source';
import { requiredFields } from './rules/required-fields';
import { routingProfileName } from './rules/routing-profile-name';
import { securityProfilesCount } from './rules/security-profiles-count';
import { tagLimits } from './rules/tag-limits';
import { usernameFormat } from './rules/username-format';

export type { RuleContext, RuleResult, UserRule } from './rule';

/** Every rule a user must pass, in the order their failures are listed. */
export const USER_RULES: readonly UserRule[] = [
  requiredFields,
  controlCharacters,
  usernameFormat,
  namesRequired,
  nameLength,
  emailNotAllowed,
  emailFormat,
  passwordNotAllowed,
  passwordSource,
  routingProfileName,
  securityProfilesCount,
  hierarchyGroupName,
  deskPhoneNumber,
  acwTimeout,
  tagLimits,
  directoryUserId,
];

export interface ValidationResult {
  /** The users with defaults applied; only meaningful when `problems` is empty. */
  readonly users: User[];
  readonly problems: Problem[];
}

/**
 * Runs every rule on every user and the folder-wide checks, collecting all
 * failures. Pure: no I/O, no cdktf.
 */
export function validateUsers(raw: readonly RawUser[], context: RuleContext): ValidationResult {
  const problems: Problem[] = [];
  for (const user of raw) {
    for (const rule of USER_RULES) {
      const result = rule.check(user, context);
      if (result === 'not-applicable') continue;
      for (const finding of result) problems.push({ ...user.source, ...finding });
    }
  }
  for (const p of duplicateUsernames(raw)) problems.push(p);
  for (const p of hierarchyPathConflicts(raw)) problems.push(p);
  return { users: raw.map(withDefaults), problems };
}

/** What each rule says of one user: for tests and for explaining a result. */
export function explainUser(user: RawUser, context: RuleContext): Record<string, RuleResult> {
  return Object.fromEntries(USER_RULES.map((rule) => [rule.name, rule.check(user, context)]));
}

/** A user with the defaults applied (auto-accept off, ACW 0, no tags, no hierarchy). */
export function withDefaults(user: RawUser): User {
  return {
    ...user,
    username: user.username ?? '',
    routingProfile: user.routingProfile ?? '',
    securityProfiles: user.securityProfiles ?? [],
    hierarchyPath: user.hierarchyPath ?? [],
    phoneType: user.phoneType ?? 'SOFT_PHONE',
    autoAccept: user.autoAccept ?? false,
    afterContactWorkTimeLimit: user.afterContactWorkTimeLimit ?? 0,
    tags: user.tags ?? {},
  };
}
