/**
 * Compares a stack's users with its users at a git revision and applies the
 * guards: what `connect-users check` / `diff` and the stack's synth-time
 * guard share.
 */
import { readBaseUsers } from './base';
import { diffUsers } from './compare';
import { GitError } from './git';
import { checkPrivileges, checkRemovals, type PrivilegeGuardOptions, type RemovalGuardOptions } from './guard';
import type { IdentityManagementType, User } from '../model';
import { formatProblem, UsersError } from '../problems';
import { DEFAULT_PRIVILEGED_PROFILES, privilegeChanges, type Report } from './report';

export interface ReviewOptions extends RemovalGuardOptions, PrivilegeGuardOptions {
  /** The git revision to compare with (e.g. `origin/main`). */
  readonly base: string;
  /** The users folder, as in the working tree. */
  readonly dir: string;
  /**
   * The stack's id: its users at the base are those of the stack with this id
   * there (its users folder as the base's main.ts configured it).
   * @default - the same folder at the base
   */
  readonly stack?: string;
  readonly identityManagementType: IdentityManagementType;
  /** The time limit for each TypeScript user file at the base, in ms. @default 10_000 */
  readonly tsTimeoutMs?: number;
  /** @default ['Admin', 'CallCenterManager'] */
  readonly privilegedProfiles?: readonly string[];
}

/** Reviews the valid users of the working tree (`after`) against `options.base`. */
export function review(after: readonly User[], options: ReviewOptions): Report {
  const base = readBaseUsers({ revision: options.base, dir: options.dir, stack: options.stack, tsTimeoutMs: options.tsTimeoutMs });
  const before = base.mergeBase.users;
  const diff = diffUsers(before, after);
  const privilege = privilegeChanges(diff, before, options.privilegedProfiles ?? DEFAULT_PRIVILEGED_PROFILES);
  // Users on the base's tip that neither this tree nor the merge base has: added there since the fork; a deploy of this tree deletes them.
  const here = new Set([...after, ...before].map((u) => u.username));
  const missing = base.tip ? base.tip.users.filter((u) => !here.has(u.username)) : [];
  const usersBefore = (base.tip ?? base.mergeBase).users.length;
  const unreadable = [...base.mergeBase.problems, ...(base.tip?.problems ?? [])];
  const removalGuard =
    unreadable.length > 0
      ? {
          ok: false,
          removals: diff.removed.length + diff.renamed.length + missing.length,
          limit: 0,
          message: `the users at ${options.base} cannot all be read, so the guard cannot tell who would be removed (BASE_UNREADABLE): ${unreadable.map(formatProblem).join('; ')}`,
        }
      : checkRemovals(diff, usersBefore, options, missing);
  return {
    base: options.base,
    diff,
    missing,
    privilege,
    removalGuard,
    privilegeGuard: checkPrivileges(privilege.length, options),
    unreadable,
    warnings: [...new Set([...base.mergeBase.notes, ...(base.tip?.notes ?? [])])],
  };
}

/**
 * The synth-time guard: throws a UsersError (REMOVAL_GUARD, or BASE_UNREADABLE
 * when the base cannot be read) when it refuses; returns its notes otherwise.
 */
export function enforceRemovalGuard(users: readonly User[], options: ReviewOptions): string[] {
  const { base, dir } = options;
  let report;
  try {
    report = review(users, options);
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    throw new UsersError([{ file: dir, code: 'BASE_UNREADABLE', message: `the deletion guard cannot read the users at ${base}: ${err.message}` }]);
  }
  if (report.unreadable && report.unreadable.length > 0) {
    throw new UsersError(
      report.unreadable.map((p) => ({
        ...p,
        code: 'BASE_UNREADABLE',
        message: `the deletion guard cannot read this file at ${base} (${p.code}: ${p.message}), so it cannot tell who would be removed; fix the base, or compare with another revision`,
      })),
    );
  }
  const result = report.removalGuard!;
  if (!result.ok) throw new UsersError([{ file: dir, code: 'REMOVAL_GUARD', message: result.message }]);
  return [...(report.warnings ?? []), `note: deletion guard against ${base}: ${result.message}`];
}
