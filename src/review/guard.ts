/**
 * The deletion guard: refuses a change that removes more users than allowed,
 * unless the run acknowledges it. Pure.
 */
import type { UsersDiff } from './compare';

export interface RemovalGuardOptions {
  /**
   * Most users a change may remove without acknowledgement.
   * @default 5
   */
  readonly maxRemovals?: number;
  /**
   * Most users a change may remove without acknowledgement, as a percentage of the users before the change.
   * @default 10
   */
  readonly maxRemovalPercent?: number;
  /**
   * Acknowledges up to this many removals (CONNECT_USERS_ALLOW_REMOVALS): the
   * guard passes when the change removes no more than that.
   * @default - none acknowledged
   */
  readonly allowRemovals?: number;
}

export interface GuardResult {
  readonly ok: boolean;
  /** Users removed, renames included (a rename deletes the user in Connect). */
  readonly removals: number;
  /** Most removals allowed without acknowledgement. */
  readonly limit: number;
  readonly message: string;
}

export function checkRemovals(diff: UsersDiff, usersBefore: number, options: RemovalGuardOptions = {}): GuardResult {
  const maxRemovals = options.maxRemovals ?? 5;
  const percent = options.maxRemovalPercent ?? 10;
  // "More than 5 users or more than 10% of the stack": the smaller bound wins.
  const limit = Math.min(maxRemovals, Math.floor((usersBefore * percent) / 100));
  const removals = diff.removed.length + diff.renamed.length;
  const acknowledged = options.allowRemovals !== undefined && removals <= options.allowRemovals;
  const ok = removals <= limit || acknowledged;
  const what = `${removals} user(s) would be removed (${diff.removed.length} deleted, ${diff.renamed.length} renamed; a rename deletes the user and creates a new one, which loses its history)`;
  const bound = `at most ${limit} without acknowledgement (no more than ${maxRemovals} users and no more than ${percent}% of the ${usersBefore} users before)`;
  const message =
    removals === 0
      ? 'no user would be removed'
      : ok
        ? `${what}: allowed, ${acknowledged && removals > limit ? `acknowledged (up to ${options.allowRemovals})` : bound}`
        : `${what}; ${bound}. If this is intended, acknowledge it with CONNECT_USERS_ALLOW_REMOVALS=${removals} (or --allow-removals ${removals})`;
  return { ok, removals, limit, message };
}
