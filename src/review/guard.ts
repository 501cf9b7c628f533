/**
 * The deletion guard: refuses a change that removes more users than allowed,
 * unless the run acknowledges it; and the privilege guard beside it. Pure.
 * Shared by `check` (users folders), `plan-check` (a Terraform plan) and the
 * stack's synth-time guard.
 */
import type { UsersDiff } from './compare';

/**
 * Where the guard was configured, which decides how its message tells the
 * admin to acknowledge: `cli` (`check`, `plan-check`: `--allow-removals N` or
 * the variable), `env` (synth through the sample main.ts, which reads
 * CONNECT_USERS_ALLOW_REMOVALS), `construct` (a stack's `removalGuard` prop).
 */
export type AcknowledgeWith = 'cli' | 'env' | 'construct';

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
  /**
   * How the refusal message says to acknowledge.
   * @default - the stack's `removalGuard.allowRemovals`, and the variable the sample main.ts reads
   */
  readonly acknowledgeWith?: AcknowledgeWith;
}

export interface GuardResult {
  readonly ok: boolean;
  /** Users removed, renames included (a rename deletes the user in Connect). */
  readonly removals: number;
  /** Most removals allowed without acknowledgement. */
  readonly limit: number;
  readonly message: string;
}

/** How to acknowledge `n` removals, for where the guard was configured. */
export function removalAcknowledgement(n: number, how: AcknowledgeWith | undefined): string {
  switch (how) {
    case 'cli':
      return `--allow-removals ${n} (or CONNECT_USERS_ALLOW_REMOVALS=${n}; in the sample CI workflow, the pull request label connect-users/allow-removals)`;
    case 'env':
      return `CONNECT_USERS_ALLOW_REMOVALS=${n}`;
    case 'construct':
      return `removalGuard: { allowRemovals: ${n} } on the stack`;
    default:
      return `the stack's removalGuard.allowRemovals: ${n} (the sample main.ts sets it from CONNECT_USERS_ALLOW_REMOVALS=${n})`;
  }
}

/**
 * The verdict on `removals` removals out of `usersBefore` users. `what` says
 * what they are (e.g. "3 deleted, 1 renamed"), for the message.
 */
export function judgeRemovals(removals: number, what: string, usersBefore: number, options: RemovalGuardOptions = {}): GuardResult {
  const maxRemovals = options.maxRemovals ?? 5;
  const percent = options.maxRemovalPercent ?? 10;
  // "More than 5 users or more than 10% of the stack": the smaller bound wins.
  const limit = Math.min(maxRemovals, Math.floor((usersBefore * percent) / 100));
  const acknowledged = removals <= (options.allowRemovals ?? -Infinity); // none acknowledged: never
  const ok = removals <= limit || acknowledged;
  const head = `${removals} user(s) would be removed (${what})`;
  const bound = `at most ${limit} without acknowledgement (no more than ${maxRemovals} users and no more than ${percent}% of the ${usersBefore} users before)`;
  const message =
    removals === 0
      ? 'no user would be removed'
      : ok
        ? `${head}: allowed, ${acknowledged && removals > limit ? `acknowledged (up to ${options.allowRemovals})` : bound}`
        : `${head}; ${bound}. If this is intended, acknowledge it with ${removalAcknowledgement(removals, options.acknowledgeWith)}`;
  return { ok, removals, limit, message };
}

/**
 * The guard over a change between user sets. `missing` are users that exist
 * at the base branch's tip, not in this tree and not at the merge base (added
 * on the base since the branch forked): deploying this tree would delete them
 * too, so they count.
 */
export function checkRemovals(diff: UsersDiff, usersBefore: number, options: RemovalGuardOptions = {}, missing: readonly unknown[] = []): GuardResult {
  const removals = diff.removed.length + diff.renamed.length + missing.length;
  const what =
    `${diff.removed.length} deleted, ${diff.renamed.length} renamed` +
    (missing.length > 0 ? `, ${missing.length} added on the base branch since this branch forked (rebase to keep them)` : '') +
    '; a rename deletes the user and creates a new one, which loses its history';
  return judgeRemovals(removals, what, usersBefore, options);
}

export interface PrivilegeGuardOptions {
  /**
   * Refuse privilege changes unless acknowledged (`allowPrivilegeChanges`).
   * @default false
   */
  readonly requirePrivilegeAck?: boolean;
  /** @default false */
  readonly allowPrivilegeChanges?: boolean;
}

export interface PrivilegeGuardResult {
  readonly ok: boolean;
  readonly message: string;
}

/** The privilege guard over `changes` privilege changes; undefined when not required. */
export function checkPrivileges(changes: number, options: PrivilegeGuardOptions): PrivilegeGuardResult | undefined {
  if (!options.requirePrivilegeAck) return undefined;
  if (changes === 0) return { ok: true, message: 'no privilege change' };
  if (options.allowPrivilegeChanges) return { ok: true, message: `${changes} privilege change(s), acknowledged` };
  return {
    ok: false,
    message: `${changes} privilege change(s) need a stricter review; once reviewed, acknowledge with --allow-privilege-changes (or CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES=true; in the sample CI workflow, the pull request label connect-users/allow-privilege-changes)`,
  };
}
