/**
 * The users folder as it was at a git revision, for the deletion guard and the
 * change report. The folder is extracted (once per commit) under
 * `.connect-users/` in the repository, so TypeScript user files there resolve
 * `connect-users/define` like the working tree's do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { loadUsersFolder } from '../load/folder';
import type { User } from '../model';
import { compareText, formatProblem } from '../problems';
import { withDefaults } from '../validate';

export class GitError extends Error {
  override name = 'GitError';
}

export interface UsersAtRevision {
  /** The full commit id the revision names. */
  readonly commit: string;
  /** The users that could be read there (defaults applied), sorted by username. */
  readonly users: User[];
  /** Files that could not be read at that revision: their users are not compared. */
  readonly warnings: string[];
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`git could not be run: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${(r.stderr || '').trim().split('\n')[0]}`);
  return r.stdout;
}

/**
 * The commit a change is measured from: the merge base of `revision` and HEAD,
 * as in a pull request's own diff, so that what landed on the base branch
 * meanwhile does not count as this change's doing.
 */
export function resolveBase(revision: string, cwd: string): string {
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd).trim();
  } catch {
    throw new GitError(`"${revision}" is not a commit here: fetch it first (in CI: git fetch origin <base branch>, or checkout with fetch-depth: 0)`);
  }
  try {
    return git(['merge-base', commit, 'HEAD'], cwd).trim();
  } catch {
    throw new GitError(`"${revision}" and HEAD have no common history: fetch more of it (fetch-depth: 0)`);
  }
}

/** Files changed since the merge base of `revision` and HEAD (committed, staged, unstaged and untracked), relative to the repository root. */
export function changedFiles(revision: string, cwd: string): { root: string; files: string[] } {
  const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const base = resolveBase(revision, root);
  const changed = git(['diff', '--name-only', '--no-renames', '-z', base], root).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root).split('\0');
  return { root, files: [...new Set([...changed, ...untracked].filter(Boolean))].sort(compareText) };
}

export function readUsersAtRevision(revision: string, dir: string): UsersAtRevision {
  // Ask git from the users folder itself, so the right repository answers wherever we run.
  let cwd = path.resolve(dir);
  while (!existsSync(cwd)) cwd = path.dirname(cwd); // a folder that is new, or was deleted
  const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const commit = resolveBase(revision, cwd);
  const rel = path.relative(root, path.resolve(dir)).split(path.sep).join('/');
  if (rel.startsWith('..')) throw new GitError(`the users folder ${dir} is outside the git repository ${root}`);
  const listed = git(['ls-tree', '-r', '--name-only', commit, '--', rel || '.'], root);
  if (listed.trim() === '') return { commit, users: [], warnings: [] };

  // One extraction per commit and folder: several stacks' folders can live side by side.
  const target = path.join(root, '.connect-users', `base-${commit.slice(0, 16)}`);
  const folder = path.join(target, rel);
  if (!existsSync(folder)) {
    const tmp = `${target}.${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const tar = spawnSync('git', ['archive', '--format=tar', commit, '--', rel || '.'], { cwd: root, maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new GitError(`git archive failed: ${tar.stderr.toString().trim().split('\n')[0]}`);
    const x = spawnSync('tar', ['-x', '-C', tmp], { input: tar.stdout });
    if (x.status !== 0) throw new GitError(`tar failed: ${x.stderr.toString().trim()}`);
    mkdirSync(path.dirname(folder), { recursive: true });
    try {
      renameSync(path.join(tmp, rel), folder);
    } catch {
      // another process extracted it first
    }
    rmSync(tmp, { recursive: true, force: true });
  }

  const loaded = loadUsersFolder(folder);
  const shown = (file: string) => `${revision}:${path.relative(target, file) || file}`;
  // Only compared, never synthesized: defaults applied, no rules run (the base was checked when it landed).
  const users = loaded.users.map(withDefaults);
  for (const u of users) (u as { source: User['source'] }).source = { ...u.source, file: shown(u.source.file) };
  const warnings = loaded.problems.map(
    (p) => `warning: at ${revision}: ${formatProblem({ ...p, file: shown(p.file) })}; its users are left out of the comparison`,
  );
  return { commit, users: users.sort((a, b) => compareText(a.username, b.username)), warnings };
}
