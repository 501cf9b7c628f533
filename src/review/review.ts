/**
 * Compares the users folder with the same folder at a git revision and
 * applies the guards: what `connect-users check` / `diff` and the stack's
 * synth-time guard share.
 */
import { diffUsers } from './compare';
import { GitError, readUsersAtRevision } from './git';
import { checkRemovals, type RemovalGuardOptions } from './guard';
import type { IdentityManagementType, User } from '../model';
import { UsersError } from '../problems';
import { DEFAULT_PRIVILEGED_PROFILES, privilegeChanges, type Report } from './report';

export interface ReviewOptions extends RemovalGuardOptions {
  /** The git revision to compare with (e.g. `origin/main`). */
  readonly base: string;
  /** The users folder, as in the working tree. */
  readonly dir: string;
  readonly identityManagementType: IdentityManagementType;
  /** @default ['Admin', 'CallCenterManager'] */
  readonly privilegedProfiles?: readonly string[];
  /**
   * Refuse privilege changes unless acknowledged (`allowPrivilegeChanges`).
   * @default false
   */
  readonly requirePrivilegeAck?: boolean;
  /** @default false */
  readonly allowPrivilegeChanges?: boolean;
}

/** Reviews the valid users of the working tree (`after`) against `options.base`. */
export function review(after: readonly User[], options: ReviewOptions): Report {
  const before = readUsersAtRevision(options.base, options.dir);
  const diff = diffUsers(before.users, after);
  const privilege = privilegeChanges(diff, before.users, options.privilegedProfiles ?? DEFAULT_PRIVILEGED_PROFILES);
  const privilegeGuard = options.requirePrivilegeAck
    ? privilege.length === 0
      ? { ok: true, message: 'no privilege change' }
      : options.allowPrivilegeChanges
        ? { ok: true, message: `${privilege.length} privilege change(s), acknowledged` }
        : {
            ok: false,
            message: `${privilege.length} privilege change(s) need a stricter review; once reviewed, acknowledge with CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES=true (or --allow-privilege-changes)`,
          }
    : undefined;
  return {
    base: options.base,
    diff,
    privilege,
    removalGuard: checkRemovals(diff, before.users.length, options),
    privilegeGuard,
    warnings: before.warnings,
  };
}

/** Throws a UsersError when the guard refuses; returns its warnings otherwise. */
export function enforceRemovalGuard(users: readonly User[], options: ReviewOptions): string[] {
  const { base, dir } = options;
  let report;
  try {
    report = review(users, options);
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    throw new UsersError([{ file: dir, code: 'BASE_UNREADABLE', message: `the deletion guard cannot read the users at ${base}: ${err.message}` }]);
  }
  const result = report.removalGuard!;
  if (!result.ok) throw new UsersError([{ file: dir, code: 'REMOVAL_GUARD', message: result.message }]);
  return [...(report.warnings ?? []), `note: deletion guard against ${base}: ${result.message}`];
}
