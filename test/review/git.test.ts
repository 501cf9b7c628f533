import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { baseCommits, changedFiles, COMPLETE_MARK, extractCommit, GitError, repositoryRoot, resolveBase } from '../../src/review/git';
import { csv, gitRepo, tempFolder, thrown } from '../helpers';

import { git, write } from './repo';

describe('extractCommit', () => {
  it('writes the whole tree of a commit under the git directory, marked complete, once', () => {
    const repo = gitRepo({ 'users/a.csv': csv('amy,A,B,,Sales,Agent,,soft,,'), 'lib/team.ts': 'export const x = 1;\n', 'run.sh': '#!/bin/sh\n' });
    execFileSync('chmod', ['+x', path.join(repo.dir, 'run.sh')]);
    repo.commit('exec');
    const commit = git(repo.dir, 'rev-parse', 'HEAD');
    const tree = extractCommit(repo.dir, commit);
    expect(tree).toBe(path.join(repo.dir, '.git', 'connect-users', `base-${commit}`));
    expect(readFileSync(path.join(tree, 'users/a.csv'), 'utf8')).toBe(csv('amy,A,B,,Sales,Agent,,soft,,'));
    expect(readFileSync(path.join(tree, 'lib/team.ts'), 'utf8')).toBe('export const x = 1;\n');
    expect(statSync(path.join(tree, 'run.sh')).mode & 0o111).not.toBe(0);
    expect(readFileSync(path.join(tree, COMPLETE_MARK), 'utf8')).toBe(commit);
    // The second time, the extraction is reused as it is.
    writeFileSync(path.join(tree, 'users/extra.txt'), 'x');
    expect(extractCommit(repo.dir, commit)).toBe(tree);
    expect(existsSync(path.join(tree, 'users/extra.txt'))).toBe(true);
  });

  it('never trusts a folder it did not finish: one without the mark is written again', () => {
    const repo = gitRepo({ 'users/a.csv': 'real' });
    const commit = git(repo.dir, 'rev-parse', 'HEAD');
    const planted = path.join(repo.dir, '.git', 'connect-users', `base-${commit}`);
    mkdirSync(path.join(planted, 'users'), { recursive: true });
    writeFileSync(path.join(planted, 'users/a.csv'), 'fake');
    expect(readFileSync(path.join(extractCommit(repo.dir, commit), 'users/a.csv'), 'utf8')).toBe('real');
  });

  it('does not let a mark for another commit pass', () => {
    const repo = gitRepo({ 'users/a.csv': 'real' });
    const commit = git(repo.dir, 'rev-parse', 'HEAD');
    const planted = path.join(repo.dir, '.git', 'connect-users', `base-${commit}`);
    mkdirSync(path.join(planted, 'users'), { recursive: true });
    writeFileSync(path.join(planted, 'users/a.csv'), 'fake');
    writeFileSync(path.join(planted, COMPLETE_MARK), 'f'.repeat(40));
    expect(readFileSync(path.join(extractCommit(repo.dir, commit), 'users/a.csv'), 'utf8')).toBe('real');
  });

  it('writes files as committed: no export-ignore or filter attribute can hide or change one', () => {
    const repo = gitRepo({ '.gitattributes': 'users/** export-ignore\n*.csv export-subst\n', 'users/a.csv': '$Format:%H$\n' });
    const tree = extractCommit(repo.dir, git(repo.dir, 'rev-parse', 'HEAD'));
    expect(readFileSync(path.join(tree, 'users/a.csv'), 'utf8')).toBe('$Format:%H$\n');
  });

  it('keeps symbolic links as links (the loader refuses them)', () => {
    const repo = gitRepo({ 'users/a.csv': 'x' });
    execFileSync('ln', ['-s', '/etc/hostname', path.join(repo.dir, 'users/link.csv')]);
    repo.commit('link');
    const tree = extractCommit(repo.dir, git(repo.dir, 'rev-parse', 'HEAD'));
    expect(lstatSync(path.join(tree, 'users/link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(tree, 'users/link.csv'))).toBe('/etc/hostname');
  });

  it("links the repository's node_modules, so the base's TypeScript resolves its packages", () => {
    const repo = gitRepo({ 'users/a.csv': 'x' });
    mkdirSync(path.join(repo.dir, 'node_modules/pkg'), { recursive: true });
    const tree = extractCommit(repo.dir, git(repo.dir, 'rev-parse', 'HEAD'));
    expect(readlinkSync(path.join(tree, 'node_modules'))).toBe(path.join(repo.dir, 'node_modules'));
  });

  it('does not follow a link planted where the extraction goes', () => {
    const repo = gitRepo({ 'users/a.csv': 'real' });
    const commit = git(repo.dir, 'rev-parse', 'HEAD');
    const fake = path.join(repo.dir, 'fake');
    mkdirSync(path.join(fake, 'users'), { recursive: true });
    writeFileSync(path.join(fake, 'users/a.csv'), 'fake');
    writeFileSync(path.join(fake, COMPLETE_MARK), commit);
    mkdirSync(path.join(repo.dir, '.git', 'connect-users'), { recursive: true });
    symlinkSync(fake, path.join(repo.dir, '.git', 'connect-users', `base-${commit}`));
    const tree = extractCommit(repo.dir, commit);
    expect(lstatSync(tree).isSymbolicLink()).toBe(false);
    expect(readFileSync(path.join(tree, 'users/a.csv'), 'utf8')).toBe('real');
  });

  it('removes extractions unused for more than a week, temporary folders older than a day, and unfinished ones', () => {
    const repo = gitRepo({ 'a.txt': '1' });
    const cache = path.join(repo.dir, '.git', 'connect-users');
    const day = 24 * 3600;
    const aged = (name: string, days: number, marked = true) => {
      const folder = path.join(cache, name);
      mkdirSync(folder, { recursive: true });
      const when = Date.now() / 1000 - days * day;
      if (marked) {
        writeFileSync(path.join(folder, COMPLETE_MARK), 'x');
        utimesSync(path.join(folder, COMPLETE_MARK), when, when);
      }
      utimesSync(folder, when, when);
      return folder;
    };
    const old = aged('base-old', 7.1);
    const recent = aged('base-recent', 6.9);
    const unfinished = aged('base-unfinished', 0, false);
    const crashed = aged('tmp-crashed', 1.1);
    const running = aged('tmp-running', 0.9, false);
    extractCommit(repo.dir, git(repo.dir, 'rev-parse', 'HEAD'));
    expect([old, recent, unfinished, crashed, running].map(existsSync)).toStrictEqual([false, true, false, false, true]);
  });

  it('refuses what is not a full commit id', () => {
    const repo = gitRepo({ 'a.txt': 'x' });
    expect(thrown(() => extractCommit(repo.dir, 'HEAD'))).toBeInstanceOf(GitError);
  });
});

describe('baseCommits', () => {
  it('measures a change from the merge base, and knows the tip of the base when it moved on', () => {
    const repo = gitRepo({ 'a.txt': '1' });
    const fork = git(repo.dir, 'rev-parse', 'HEAD');
    git(repo.dir, 'checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(repo.dir, 'b.txt'), 'feature');
    repo.commit('feature');
    git(repo.dir, 'checkout', '-q', '-');
    writeFileSync(path.join(repo.dir, 'a.txt'), '2');
    repo.commit('main moves on');
    const tip = git(repo.dir, 'rev-parse', 'HEAD');
    git(repo.dir, 'checkout', '-q', 'feature');
    const main = git(repo.dir, 'rev-parse', '--abbrev-ref', '@{-1}');
    expect(baseCommits(main, repo.dir)).toStrictEqual({ root: repo.dir, mergeBase: fork, tip });
    expect(resolveBase(main, repo.dir)).toBe(fork);
    // What landed on main since the fork is not this change's doing.
    expect(changedFiles(main, repo.dir).files).toStrictEqual(['b.txt']);
  });

  it('fails clearly when the revision does not exist', () => {
    const repo = gitRepo({ 'a.txt': '1' });
    const err = thrown(() => baseCommits('no-such-branch', repo.dir));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toMatch(/^"no-such-branch" is not a commit here: fetch it first/);
  });

  it('fails clearly when there is no common history', () => {
    const repo = gitRepo({ 'a.txt': '1' });
    const first = git(repo.dir, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(repo.dir, 'checkout', '-q', '--orphan', 'other');
    repo.commit('unrelated');
    const err = thrown(() => baseCommits(first, repo.dir));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toBe(`"${first}" and HEAD have no common history: fetch more of it (fetch-depth: 0)`);
  });
});

describe('git errors', () => {
  it("says the first line of git's error, and which git command failed", () => {
    const repo = gitRepo({ 'a.txt': '1' });
    writeFileSync(path.join(repo.dir, '.git', 'index'), 'x'.repeat(200)); // git diff: "error: bad signature 0x78787878\nfatal: index file corrupt"
    const err = thrown(() => changedFiles('HEAD', repo.dir));
    expect(err).toBeInstanceOf(GitError);
    expect(err.name).toBe('GitError');
    expect(err.message).toBe('git diff failed: error: bad signature 0x78787878');
  });

  it('says when git cannot be run at all (here: the folder does not exist)', () => {
    const err = thrown(() => changedFiles('HEAD', path.join(tempFolder(), 'gone')));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toBe('git could not be run: spawnSync git ENOENT');
  });

  it('finds the repository from a folder that does not exist yet (its nearest existing parent)', () => {
    const repo = gitRepo({ 'a.txt': '1' });
    expect(repositoryRoot(path.join(repo.dir, 'new', 'deeper'))).toBe(repo.dir);
  });
});

describe('changedFiles', () => {
  it('lists committed, staged, unstaged and untracked changes once each, sorted, without ignored files', () => {
    const repo = gitRepo({ 'a.txt': '1', 'b.txt': '1', '.gitignore': 'ignored.txt\n' });
    const base = git(repo.dir, 'rev-parse', 'HEAD');
    write(repo.dir, { 'b.txt': '2' });
    repo.commit('committed');
    write(repo.dir, { 'b.txt': '3', 'c.txt': 'staged' });
    git(repo.dir, 'add', 'c.txt');
    write(repo.dir, { 'a.txt': 'unstaged', 'aa.txt': 'untracked', 'new file.txt': 'untracked', 'z/deep.txt': 'untracked', 'ignored.txt': 'x' });
    expect(changedFiles(base, repo.dir)).toStrictEqual({ root: repo.dir, files: ['a.txt', 'aa.txt', 'b.txt', 'c.txt', 'new file.txt', 'z/deep.txt'] });
  });
});

describe('changedFiles, a file both deleted and untracked', () => {
  it('lists a file taken out of git but still on disk once', () => {
    const repo = gitRepo({ 'a.txt': '1', 'x.txt': 'kept on disk' });
    git(repo.dir, 'rm', '-q', '--cached', 'x.txt');
    expect(changedFiles('HEAD', repo.dir).files).toStrictEqual(['x.txt']);
  });
});

describe('extractCommit, more', () => {
  const head = (dir: string) => git(dir, 'rev-parse', 'HEAD');

  it.each(['x', 'F'])('refuses a commit id with anything before or after its hex digits (%s)', (extra) => {
    const repo = gitRepo({ 'a.txt': 'x' });
    const commit = head(repo.dir);
    for (const bad of [`${extra}${commit}`, `${commit}${extra}`]) expect(thrown(() => extractCommit(repo.dir, bad)).message).toBe(`not a full commit id: ${bad}`);
  });

  it('marks a reused extraction as used now (so the week-long pruning keeps it)', () => {
    const repo = gitRepo({ 'a.txt': 'x' });
    const tree = extractCommit(repo.dir, head(repo.dir));
    const mark = path.join(tree, COMPLETE_MARK);
    const dayAgo = Date.now() / 1000 - 24 * 3600; // recent enough that pruning keeps it
    utimesSync(mark, dayAgo, dayAgo);
    expect(extractCommit(repo.dir, head(repo.dir))).toBe(tree);
    expect(statSync(mark).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });

  it('writes plain files without the executable bit, and links no node_modules when the repository has none', () => {
    const repo = gitRepo({ 'users/a.csv': 'x' });
    const tree = extractCommit(repo.dir, head(repo.dir));
    expect(statSync(path.join(tree, 'users/a.csv')).mode & 0o111).toBe(0);
    expect(thrown(() => lstatSync(path.join(tree, 'node_modules'))).code).toBe('ENOENT');
  });

  it('leaves submodules out (their commits are not in this repository)', () => {
    const repo = gitRepo({ 'a.txt': 'x' });
    git(repo.dir, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},sub`);
    git(repo.dir, 'commit', '-q', '-m', 'submodule');
    expect(git(repo.dir, 'ls-tree', 'HEAD', 'sub')).toBe(`160000 commit ${'1'.repeat(40)}\tsub`);
    const tree = extractCommit(repo.dir, head(repo.dir));
    expect(readdirSync(tree).sort()).toStrictEqual([COMPLETE_MARK, 'a.txt']);
  });

  it("fails clearly when a file's object is missing from the repository", () => {
    const repo = gitRepo({ 'a.txt': 'x' });
    const blob = git(repo.dir, 'rev-parse', 'HEAD:a.txt');
    rmSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const err = thrown(() => extractCommit(repo.dir, head(repo.dir)));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toBe(`git cat-file: object ${blob} of a.txt is missing`);
  });

  it("says git cat-file's own error when it fails (a corrupt object)", () => {
    const repo = gitRepo({ 'a.txt': 'hi\n' });
    const blob = git(repo.dir, 'rev-parse', 'HEAD:a.txt');
    const object = path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(object, 0o644);
    writeFileSync(object, deflateSync(Buffer.from('blob 3\0hi\n')).subarray(0, -3)); // a truncated stream: "fatal: unable to stream <id> to stdout"
    const err = thrown(() => extractCommit(repo.dir, head(repo.dir)));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toBe(`git cat-file failed: fatal: unable to stream ${blob} to stdout`);
  });

  it('refuses a tree with a path outside it (a crafted ".." entry)', () => {
    const repo = gitRepo({ 'u/b.csv': 'x' });
    const sub = git(repo.dir, 'rev-parse', 'HEAD:u');
    const tree = execFileSync('git', ['mktree'], { cwd: repo.dir, input: `040000 tree ${sub}\t..\n`, encoding: 'utf8' }).trim();
    const commit = git(repo.dir, 'commit-tree', tree, '-m', 'evil');
    const err = thrown(() => extractCommit(repo.dir, commit));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toBe(`the tree of ${commit} has a path outside it: "../b.csv"`);
  });

  it("uses another run's complete extraction when that run renamed its own into place first, and leaves no temporary folder", () => {
    const repo = gitRepo({ 'a.txt': 'x' });
    const commit = head(repo.dir);
    const cache = path.join(repo.dir, '.git', 'connect-users');
    const target = path.join(cache, `base-${commit}`);
    // The module object itself (an `import * as` namespace is a copy): what src/review/git.ts calls.
    const fs = require('node:fs') as typeof import('node:fs');
    const realRename = fs.renameSync;
    const temporaries: string[] = [];
    const spy = jest.spyOn(fs, 'renameSync').mockImplementationOnce((from, to) => {
      temporaries.push(String(from));
      mkdirSync(target);
      writeFileSync(path.join(target, 'theirs.txt'), 'other run');
      writeFileSync(path.join(target, COMPLETE_MARK), commit);
      realRename(from, to); // fails: the target is there now
    });
    try {
      expect(extractCommit(repo.dir, commit)).toBe(target);
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(path.join(target, 'theirs.txt'), 'utf8')).toBe('other run');
    expect(readdirSync(cache)).toStrictEqual([`base-${commit}`]);
    // The temporary folder was named so that pruning recognises it if a run crashes.
    expect(path.dirname(temporaries[0])).toBe(cache);
    expect(path.basename(temporaries[0])).toMatch(new RegExp(`^tmp-${commit.slice(0, 12)}-[A-Za-z0-9]{6}$`));
  });

  it('prunes at exactly a week (kept) and just past it (removed); a temporary folder by its own time; a dangling tmp- entry is left alone', () => {
    const repo = gitRepo({ 'a.txt': '1' });
    const cache = path.join(repo.dir, '.git', 'connect-users');
    const now = Math.floor(Date.now() / 1000) * 1000;
    const week = 7 * 24 * 3600 * 1000;
    const aged = (name: string, ageMs: number, marked: boolean) => {
      const folder = path.join(cache, name);
      mkdirSync(folder, { recursive: true });
      const when = (now - ageMs) / 1000;
      if (marked) {
        writeFileSync(path.join(folder, COMPLETE_MARK), 'x');
        utimesSync(path.join(folder, COMPLETE_MARK), when, when);
      }
      utimesSync(folder, when, when);
      return folder;
    };
    const atWeek = aged('base-week', week, true);
    const pastWeek = aged('base-past', week + 1000, true);
    const atDay = aged('tmp-day', week / 7, false);
    const pastDay = aged('tmp-past', week / 7 + 1000, false);
    const dangling = path.join(cache, 'tmp-dangling');
    symlinkSync(path.join(cache, 'nowhere'), dangling);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      extractCommit(repo.dir, git(repo.dir, 'rev-parse', 'HEAD'));
    } finally {
      clock.mockRestore();
    }
    expect([atWeek, pastWeek, atDay, pastDay].map(existsSync)).toStrictEqual([true, false, true, false]);
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
  });
});
