/**
 * The users a stack had at a git revision: the "before" side of the deletion
 * guard and the change report. A stack is found by its id in the base's own
 * app (its users folder as configured there), so moving or renaming the
 * folder in main.ts cannot hide a removal. Both the merge base (what this
 * change did) and the base branch's tip (what a deploy of this tree would
 * replace) are read. When the base's app cannot list its stacks, the same
 * folder is read (what `diff` shows, with a warning), and the side carries a
 * BASE_UNREADABLE problem, so the guards (`check`, synth) refuse rather than
 * pass on a guess.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DescribedStack } from './affected';
import { baseCommits, extractCommit, GitError } from './git';
import { loadUsersFolder } from '../load/folder';
import type { User } from '../model';
import { compareText, type Problem } from '../problems';
import { withDefaults } from '../validate';

export interface BaseSide {
  /** How this side is named in messages and file names (`origin/main`, or the merge base's short id). */
  readonly label: string;
  readonly commit: string;
  /** The users folder there, relative to the repository root; undefined when the stack did not exist there. */
  readonly usersDir?: string;
  /** The users read there (defaults applied), sorted by username. */
  readonly users: User[];
  /**
   * Files that could not be read there (the guard cannot judge a change it
   * cannot see), and its main.ts when the stacks it declares cannot be listed
   * (BASE_UNREADABLE: which folder the stack had there is unknown).
   */
  readonly problems: Problem[];
  /** What the reader should know: the stack's folder moved, the stack is new, the base's stacks could not be listed. */
  readonly notes: string[];
}

export interface BaseUsers {
  readonly revision: string;
  readonly mergeBase: BaseSide;
  /** The base branch's tip, when it has moved on since this branch forked. */
  readonly tip?: BaseSide;
}

export interface BaseTarget {
  /** The git revision given (`origin/main`). */
  readonly revision: string;
  /** The users folder in the working tree (relative to the working folder, or absolute). */
  readonly dir: string;
  /** The stack id: its folder at the base is asked from the base's app. Without it, the same folder is compared. */
  readonly stack?: string;
  /** The time limit for each TypeScript user file at the base, in ms. @default 10_000 */
  readonly tsTimeoutMs?: number;
}

/** The commit has no main.ts: no app, so no stack could have kept its users anywhere but the same folder. */
class NoAppError extends Error {
  override name = 'NoAppError';
}

/** The stacks the app at `tree` (an extracted commit) declares; memoized per folder. */
const described = new Map<string, DescribedStack[] | Error>();

/**
 * Runs the base's own main.ts (bundled with esbuild, packages left to
 * node_modules) with CONNECT_USERS_DESCRIBE=1: it prints its stacks as JSON
 * instead of synthesizing. The base's code is what was reviewed and merged.
 */
export function describeStacksAt(tree: string): DescribedStack[] {
  let result = described.get(tree);
  if (!result) {
    try {
      result = runDescribe(tree);
    } catch (err) {
      result = err instanceof Error ? err : new Error(String(err));
    }
    described.set(tree, result);
  }
  if (result instanceof Error) throw result;
  return result;
}

function runDescribe(tree: string): DescribedStack[] {
  if (!existsSync(path.join(tree, 'main.ts'))) throw new NoAppError('it has no main.ts');
  const esbuild = require('esbuild') as typeof import('esbuild');
  const built = esbuild.buildSync({
    absWorkingDir: tree,
    entryPoints: ['main.ts'],
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    // Stryker disable next-line StringLiteral: esbuild's default format for platform node (with bundle) is cjs; '' leaves it to that default
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const script = path.join(tree, `.connect-users-describe-${process.pid}.js`);
  writeFileSync(script, built.outputFiles[0].contents);
  try {
    const run = spawnSync(process.execPath, [script], {
      cwd: tree,
      encoding: 'utf8',
      env: { ...process.env, CONNECT_USERS_DESCRIBE: '1' },
      timeout: 120_000,
      maxBuffer: 1 << 26,
    });
    if (run.status !== 0) throw new Error(`its app failed: ${failure(run.stderr || String(run.error ?? `exit code ${run.status}`))}`);
    const list: unknown = JSON.parse(run.stdout.trim().split('\n').pop() || 'null');
    if (!Array.isArray(list) || !list.every((s) => typeof s?.id === 'string' && typeof s?.usersDir === 'string')) {
      throw new Error('its app printed no list of stacks');
    }
    return list as DescribedStack[];
  } finally {
    rmSync(script, { force: true });
  }
}

/** The line of a Node.js error output that says what went wrong (not the stack, not the version line). Exported for its tests. */
export function failure(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^at |^Node\.js v/.test(l));
  return (lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1) ?? 'no message').slice(0, 300);
}

/**
 * `dir` made absolute with its symbolic links resolved (those of its nearest existing folder: it
 * may not exist), as git names the repository root: a path through a link (a shell's $PWD) is
 * then inside the repository it leads to.
 */
export function physical(dir: string): string {
  const abs = path.resolve(dir);
  let existing = abs;
  while (!existsSync(existing)) existing = path.dirname(existing);
  return path.join(realpathSync(existing), path.relative(existing, abs));
}

/** `dir` (described by an app run in `tree`) as a path relative to the repository root, if it is inside. Exported for its tests. */
export function fromTree(dir: string, tree: string, root: string): string | undefined {
  const abs = physical(path.resolve(tree, dir));
  for (const top of [tree, root]) {
    const rel = path.relative(physical(top), abs); // both sides with their links resolved
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/') || '.';
  }
  return undefined;
}

/** The stacks the base declares, by id, with their users folder relative to the repository root; undefined when they cannot be listed. */
export function stacksAt(root: string, commit: string): Map<string, string> | Error {
  const tree = extractCommit(root, commit);
  try {
    const stacks = describeStacksAt(tree);
    const byId = new Map<string, string>();
    for (const s of stacks) {
      const rel = fromTree(s.usersDir, tree, root);
      if (rel === undefined) throw new Error(`stack ${s.id} keeps its users outside the repository (${s.usersDir})`);
      byId.set(s.id, rel);
    }
    return byId;
  } catch (err) {
    return err as Error;
  }
}

function readSide(root: string, commit: string, label: string, target: BaseTarget): BaseSide {
  const here = path.relative(root, physical(target.dir)).split(path.sep).join('/') || '.';
  if (here.startsWith('..')) throw new GitError(`the users folder ${target.dir} is outside the git repository ${root}`);
  const tree = extractCommit(root, commit);
  const notes: string[] = [];
  const problems: Problem[] = [];
  let usersDir: string | undefined = here;
  if (target.stack !== undefined) {
    const stacks = stacksAt(root, commit);
    if (stacks instanceof Error) {
      // The same folder is what `diff` shows; the guard refuses rather than pass on a guess (its folder may have moved).
      notes.push(`warning: the stacks at ${label} could not be listed (${stacks.message}); comparing with the same folder there, ${here}`);
      if (!(stacks instanceof NoAppError)) {
        problems.push({
          file: `${label}:main.ts`,
          code: 'BASE_UNREADABLE',
          message: `the stacks it declares could not be listed (${stacks.message}), so which folder stack ${target.stack} had there is unknown`,
        });
      }
    } else if (!stacks.has(target.stack)) {
      usersDir = undefined;
      notes.push(`note: stack ${target.stack} does not exist at ${label}: all its users are new`);
    } else {
      usersDir = stacks.get(target.stack)!;
      if (usersDir !== here) notes.push(`note: stack ${target.stack} kept its users in ${usersDir} at ${label} (now ${here}): compared with that folder`);
    }
  }
  const folder = usersDir === undefined ? undefined : path.join(tree, usersDir);
  if (folder === undefined || !existsSync(folder) || !statSync(folder).isDirectory()) {
    return { label, commit, usersDir, users: [], problems, notes };
  }
  const loaded = loadUsersFolder(folder, { tsTimeoutMs: target.tsTimeoutMs });
  const shown = (file: string) => `${label}:${path.relative(tree, file).split(path.sep).join('/') || file}`;
  // Only compared, never synthesized: defaults applied, no rules run (the base was checked when it landed).
  const users = loaded.users.map(withDefaults);
  for (const u of users) (u as { source: User['source'] }).source = { ...u.source, file: shown(u.source.file) };
  return {
    label,
    commit,
    usersDir,
    users: users.sort((a, b) => compareText(a.username, b.username)),
    problems: [...problems, ...loaded.problems.map((p) => ({ ...p, file: shown(p.file) }))],
    notes,
  };
}

/** The users of a stack (or folder) at the merge base of `revision` and HEAD, and at `revision` itself when it has moved on. */
export function readBaseUsers(target: BaseTarget): BaseUsers {
  const commits = baseCommits(target.revision, target.dir);
  const moved = commits.tip !== commits.mergeBase;
  const mergeBase = readSide(commits.root, commits.mergeBase, moved ? `${commits.mergeBase.slice(0, 12)}` : target.revision, target);
  const tip = moved ? readSide(commits.root, commits.tip, target.revision, target) : undefined;
  return { revision: target.revision, mergeBase, ...(tip && { tip }) };
}

/** Stacks declared at the merge base or the tip of `revision` (id -> absolute path of its users folder in the working tree); an Error when they cannot be listed. */
export function baseStacks(revision: string, cwd: string): Map<string, string> | Error {
  const commits = baseCommits(revision, cwd);
  const all = new Map<string, string>();
  for (const commit of new Set([commits.tip, commits.mergeBase])) {
    const stacks = stacksAt(commits.root, commit);
    if (stacks instanceof Error) return stacks;
    for (const [id, dir] of stacks) if (!all.has(id)) all.set(id, path.join(commits.root, dir));
  }
  return all;
}
