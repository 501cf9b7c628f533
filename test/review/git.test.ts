import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { baseCommits, changedFiles, COMPLETE_MARK, extractCommit, GitError, resolveBase } from '../../src/review/git';
import { csv, gitRepo, thrown } from '../helpers';

import { git } from './repo';

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
