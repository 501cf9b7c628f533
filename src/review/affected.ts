/**
 * Which stacks a change touches, so CI plans and deploys only those: with
 * Connect's API limits, a one-agent change must not re-read thousands of users.
 */
import * as path from 'node:path';
import type { IdentityManagementType } from '../model';

export interface DescribedStack {
  readonly id: string;
  /** The users folder, relative to the repository root. */
  readonly usersDir: string;
  readonly identityManagementType?: IdentityManagementType;
  readonly allowPlaintextPasswords?: boolean;
}

export interface AffectedStack extends DescribedStack {
  /** The changed files that make it affected (at most a few, for the log). */
  readonly because: readonly string[];
}

/** Files that shape every stack: a change to one of them affects all. */
export const SHARED_PATHS: readonly string[] = ['main.ts', 'cdktf.json', 'package.json', 'package-lock.json', 'src/', 'bin/', 'scripts/'];

/** Pure: `changed` are paths relative to the repository root, with "/" separators. */
export function affectedStacks(stacks: readonly DescribedStack[], changed: readonly string[]): AffectedStack[] {
  const shared = changed.filter((f) => SHARED_PATHS.some((p) => (p.endsWith('/') ? f.startsWith(p) : f === p)));
  const result: AffectedStack[] = [];
  for (const stack of stacks) {
    const dir = stack.usersDir.split(path.sep).join('/').replace(/\/$/, '');
    const own = changed.filter((f) => dir === '.' || f === dir || f.startsWith(`${dir}/`));
    const because = [...shared, ...own];
    if (because.length > 0) result.push({ ...stack, because: because.slice(0, 5) });
  }
  return result;
}
