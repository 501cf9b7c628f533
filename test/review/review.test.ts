import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { GitError, readUsersAtRevision } from '../../src/review/git';
import { UsersError, type Problem } from '../../src/problems';
import { review } from '../../src/review/review';
import { ConnectUsersStack } from '../../src/synth/connect-users-stack';
import { readUsers } from '../../src/users';
import { csv, gitRepo, ROOT, thrown } from '../helpers';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `user${i},First,Last${i},user${i}@example.com,Sales,Agent,,soft,,`);

/** A repository whose base commit has 20 users; the working tree keeps `keep` of them. */
function repoRemoving(keep: number) {
  const repo = gitRepo({ 'users/agents.csv': csv(...rows(20)) });
  writeFileSync(path.join(repo.dir, 'users/agents.csv'), csv(...rows(20).slice(20 - keep)));
  return { ...repo, users: path.join(repo.dir, 'users') };
}

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('readUsersAtRevision', () => {
  it('reads the users folder as it was at a commit', () => {
    const { users } = repoRemoving(15);
    const base = readUsersAtRevision('HEAD', users);
    expect(base.users.length).toBe(20);
    expect(base.users[0].source.file).toMatch(/^HEAD:users\/agents\.csv$/);
    expect(base.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads two folders of one commit (two stacks) one after the other', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(2)), 'users-dev/b.csv': csv(...rows(3)) });
    expect(readUsersAtRevision('HEAD', path.join(repo.dir, 'users')).users.length).toBe(2);
    expect(readUsersAtRevision('HEAD', path.join(repo.dir, 'users-dev')).users.length).toBe(3);
  });

  it('fails clearly when the revision does not exist', () => {
    const { users } = repoRemoving(20);
    const err = thrown(() => readUsersAtRevision('no-such-branch', users));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toMatch(/not a commit here/);
  });

  it('has no users at a commit where the folder did not exist yet', () => {
    const repo = gitRepo({ 'README.md': 'x' });
    writeFileSync(path.join(repo.dir, 'a.csv'), csv(...rows(1)));
    expect(readUsersAtRevision('HEAD', path.join(repo.dir, 'users-new')).users).toStrictEqual([]);
  });
});

describe('review', () => {
  it('reports the removals against the base and applies the guard', () => {
    const { users } = repoRemoving(17);
    const report = review(readUsers({ dir: users }).users, { base: 'HEAD', dir: users, identityManagementType: 'CONNECT_MANAGED' });
    expect(report.diff.removed.length).toBe(3);
    expect(report.removalGuard?.ok).toBe(false) /* '3 of 20 is more than 10%' */;
  });
});

describe('connect-users check / diff (end to end)', () => {
  it('check exits 3 on too many removals, 0 once acknowledged', () => {
    const { users } = repoRemoving(14);
    const refused = cli(['check', '--base', 'HEAD', '--dir', users]);
    expect(refused.status).toBe(3) /* refused.stderr */;
    expect(refused.stdout).toMatch(/REFUSED: 6 user\(s\) would be removed/);
    expect(cli(['check', '--base', 'HEAD', '--dir', users], { CONNECT_USERS_ALLOW_REMOVALS: '6' }).status).toBe(0);
    expect(cli(['check', '--base', 'HEAD', '--dir', users, '--allow-removals', '5']).status).toBe(3);
  });

  it('check exits 4 on a privilege change when acknowledgement is required', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,'));
    const dir = path.join(repo.dir, 'users');
    const run = cli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack']);
    expect(run.status).toBe(4) /* run.stdout + run.stderr */;
    expect(run.stdout).toMatch(/! boss \(new user\) gets Admin/);
    expect(cli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: 'true' }).status).toBe(0);
  });

  it('diff prints markdown for a job summary and exits 0 even with removals; 2 on an unknown base', () => {
    const { users } = repoRemoving(10);
    const run = cli(['diff', '--base', 'HEAD', '--dir', users, '--format', 'markdown']);
    expect(run.status).toBe(0) /* run.stderr */;
    expect(run.stdout).toMatch(/^### Connect users/);
    expect(run.stdout).toMatch(/\*\*0 added, 10 removed/);
    expect(cli(['diff', '--base', 'nope', '--dir', users]).status).toBe(2);
  });

  it('exits 1 when the working tree itself is not valid', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(2)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv('bad user,,,,,,,soft,,'));
    expect(cli(['check', '--base', 'HEAD', '--dir', path.join(repo.dir, 'users')]).status).toBe(1);
  });
});

describe('the guard inside synth', () => {
  it('refuses to synthesize too many removals unless acknowledged', () => {
    const { users } = repoRemoving(14);
    const synth = (allowRemovals?: number) =>
      new ConnectUsersStack(new App({ outdir: mkdtempSync(path.join(tmpdir(), 'cu-')) }), 's', {
        instanceId: 'i',
        usersDir: users,
        removalGuard: { base: 'HEAD', allowRemovals },
      });
    const err = thrown(() => synth());
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems.map((p: Problem) => p.code)).toStrictEqual(['REMOVAL_GUARD']);
    expect(synth(6).notes.join('\n')).toMatch(/deletion guard against HEAD: 6 user\(s\) would be removed[^\n]*acknowledged/);
  });
});

describe('variables CI sets to mean "off"', () => {
  it('an empty CONNECT_USERS_ALLOW_REMOVALS acknowledges nothing (and is no usage error)', () => {
    const { users } = repoRemoving(14);
    const run = cli(['check', '--base', 'HEAD', '--dir', users], { CONNECT_USERS_ALLOW_REMOVALS: '' });
    expect(run.status).toBe(3) /* run.stderr */;
  });

  it('CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES set to "" or "false" acknowledges nothing', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,'));
    const dir = path.join(repo.dir, 'users');
    for (const value of ['', 'false', '0']) {
      const run = cli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: value });
      expect(run.status).toBe(4) /* `with ${JSON.stringify(value)}: ${run.stderr}` */;
    }
  });

  it('CONNECT_ALLOW_PLAINTEXT_PASSWORDS=false does not allow plaintext passwords', () => {
    const dir = path.join(gitRepo({ 'users/a.csv': 'username,password,firstName,lastName,routingProfile,securityProfiles,phoneType\namy,Secr3tPass,A,B,S,Agent,soft\n' }).dir, 'users');
    const run = cli(['validate', '--dir', dir], { CONNECT_ALLOW_PLAINTEXT_PASSWORDS: 'false' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PLAINTEXT_PASSWORD/);
  });
});
