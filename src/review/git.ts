/**
 * Git plumbing for the review commands: which commits a change is measured
 * from, which files it changed, and a commit's whole tree extracted to disk
 * (so the base's user files load like the working tree's, TypeScript helpers
 * and `connect-users/define` included, and the base's own app can say where
 * its stacks' users were).
 *
 * Extractions live in the repository's git directory
 * (`.git/connect-users/base-<commit>`): a path under `.git` can never be
 * committed, so no pull request can plant a fake "base". Each is written to a
 * temporary folder, marked complete, then renamed into place in one step; a
 * folder without the mark is never read.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compareText } from '../problems';

export class GitError extends Error {
  override name = 'GitError';
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`git could not be run: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout;
}

/** The repository's top folder, asked from `dir` or its nearest existing parent (a folder may be new, or deleted). */
export function repositoryRoot(dir: string): string {
  let cwd = path.resolve(dir);
  while (!existsSync(cwd)) cwd = path.dirname(cwd);
  return git(['rev-parse', '--show-toplevel'], cwd).trim();
}

/** The full commit id `revision` names. */
export function resolveCommit(revision: string, cwd: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd).trim();
  } catch {
    throw new GitError(`"${revision}" is not a commit here: fetch it first (in CI: git fetch origin <base branch>, or checkout with fetch-depth: 0)`);
  }
}

/**
 * The commit a change is measured from: the merge base of `revision` and HEAD,
 * as in a pull request's own diff, so that what landed on the base branch
 * meanwhile does not count as this change's doing.
 */
export function resolveBase(revision: string, cwd: string): string {
  const commit = resolveCommit(revision, cwd);
  try {
    return git(['merge-base', commit, 'HEAD'], cwd).trim();
  } catch {
    throw new GitError(`"${revision}" and HEAD have no common history: fetch more of it (fetch-depth: 0)`);
  }
}

export interface BaseCommits {
  readonly root: string;
  /** Where this branch forked from the base: what "this change" is measured from. */
  readonly mergeBase: string;
  /** The base's newest commit: what a deploy of this tree would replace. */
  readonly tip: string;
}

export function baseCommits(revision: string, cwd: string): BaseCommits {
  const root = repositoryRoot(cwd);
  return { root, mergeBase: resolveBase(revision, root), tip: resolveCommit(revision, root) };
}

/** Files changed since the merge base of `revision` and HEAD (committed, staged, unstaged and untracked), relative to the repository root. */
export function changedFiles(revision: string, cwd: string): { root: string; files: string[] } {
  const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const base = resolveBase(revision, root);
  const changed = git(['diff', '--name-only', '--no-renames', '-z', base], root).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root).split('\0');
  return { root, files: [...new Set([...changed, ...untracked].filter(Boolean))].sort(compareText) };
}

/** The file in an extraction that says it is complete (it holds the commit id). */
export const COMPLETE_MARK = '.connect-users-complete';

/** Extractions unused for this long are removed when a new one is written. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

function isComplete(folder: string, commit: string): boolean {
  // Stryker disable next-line BlockStatement: an empty catch returns undefined, which both callers take as false (they only test it in an if).
  try { return lstatSync(folder).isDirectory() && readFileSync(path.join(folder, COMPLETE_MARK), 'utf8') === commit; } catch { return false; }
}

/**
 * The whole tree of `commit`, extracted once under the git directory; returns
 * its folder. `node_modules` there links to the repository's, so the base's
 * TypeScript files and app resolve their packages.
 */
export function extractCommit(root: string, commit: string): string {
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new GitError(`not a full commit id: ${commit}`);
  // Per worktree (--absolute-git-dir, not the common dir): the node_modules link points at this worktree's packages.
  const cache = path.join(git(['rev-parse', '--absolute-git-dir'], root).trim(), 'connect-users');
  const target = path.join(cache, `base-${commit}`);
  if (isComplete(target, commit)) {
    const now = new Date();
    utimesSync(path.join(target, COMPLETE_MARK), now, now);
    return target;
  }
  mkdirSync(cache, { recursive: true });
  prune(cache);
  const tmp = mkdtempSync(path.join(cache, `tmp-${commit.slice(0, 12)}-`));
  try {
    writeTree(root, commit, tmp);
    const modules = path.join(root, 'node_modules');
    if (existsSync(modules) && !existsSync(path.join(tmp, 'node_modules'))) symlinkSync(modules, path.join(tmp, 'node_modules'), 'dir');
    writeFileSync(path.join(tmp, COMPLETE_MARK), commit);
    try {
      renameSync(tmp, target);
    } catch {
      // Another process got there first (then its copy is complete), or a folder we did not finish is in the way.
      if (!isComplete(target, commit)) {
        rmSync(target, { recursive: true, force: true });
        renameSync(tmp, target);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}

/** Writes every file of `commit` under `into`, from git's objects (no attributes, filters or export-ignore applied). */
function writeTree(root: string, commit: string, into: string): void {
  // The output ends with a NUL: its empty last item has no type, and the blob filter drops it.
  const entries = git(['ls-tree', '-r', '-z', '--full-tree', commit], root)
    .split('\0')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, object] = line.slice(0, tab).split(' ');
      return { mode, type, object, file: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob'); // submodules (commit) are left out
  const batch = spawnSync('git', ['cat-file', '--batch'], { cwd: root, input: entries.map((e) => `${e.object}\n`).join(''), maxBuffer: 1 << 30 });
  if (batch.status !== 0) throw new GitError(`git cat-file failed: ${batch.stderr.toString().trim().split('\n')[0]}`);
  const out = batch.stdout;
  let at = 0;
  for (const e of entries) {
    const eol = out.indexOf(0x0a, at);
    const [object, type, size] = out.toString('utf8', at, eol).split(' ');
    if (object !== e.object || type !== 'blob') throw new GitError(`git cat-file: object ${e.object} of ${e.file} is missing`);
    const content = out.subarray(eol + 1, eol + 1 + Number(size));
    at = eol + 1 + Number(size) + 1;
    const dest = path.resolve(into, e.file);
    if (!dest.startsWith(into + path.sep)) throw new GitError(`the tree of ${commit} has a path outside it: ${JSON.stringify(e.file)}`);
    mkdirSync(path.dirname(dest), { recursive: true });
    if (e.mode === '120000') symlinkSync(content.toString('utf8'), dest);
    else {
      writeFileSync(dest, content);
      if (e.mode === '100755') chmodSync(dest, 0o755);
    }
  }
}

/** Removes extractions unused for a week, and temporary folders a crashed run left behind. */
function prune(cache: string): void {
  const now = Date.now();
  for (const name of readdirSync(cache)) {
    const folder = path.join(cache, name);
    try {
      const used = name.startsWith('base-') ? statSync(path.join(folder, COMPLETE_MARK)).mtimeMs : statSync(folder).mtimeMs;
      if (now - used > (name.startsWith('tmp-') ? KEEP_MS / 7 : KEEP_MS)) rmSync(folder, { recursive: true, force: true });
    } catch {
      if (name.startsWith('base-')) rmSync(folder, { recursive: true, force: true }); // never completed
    }
  }
}
