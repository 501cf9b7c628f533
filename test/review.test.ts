import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { App } from 'cdktf';
import { GitError, readUsersAtRevision } from '../src/git';
import { UsersError } from '../src/problems';
import { review } from '../src/review';
import { ConnectUsersStack } from '../src/synth/connect-users-stack';
import { readUsers } from '../src/users';
import { csv, gitRepo, ROOT } from './helpers';

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
    assert.equal(base.users.length, 20);
    assert.match(base.users[0].source.file, /^HEAD:users\/agents\.csv$/);
    assert.match(base.commit, /^[0-9a-f]{40}$/);
  });

  it('reads two folders of one commit (two stacks) one after the other', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(2)), 'users-dev/b.csv': csv(...rows(3)) });
    assert.equal(readUsersAtRevision('HEAD', path.join(repo.dir, 'users')).users.length, 2);
    assert.equal(readUsersAtRevision('HEAD', path.join(repo.dir, 'users-dev')).users.length, 3);
  });

  it('fails clearly when the revision does not exist', () => {
    const { users } = repoRemoving(20);
    assert.throws(() => readUsersAtRevision('no-such-branch', users), (e) => e instanceof GitError && /not a commit here/.test(e.message));
  });

  it('has no users at a commit where the folder did not exist yet', () => {
    const repo = gitRepo({ 'README.md': 'x' });
    writeFileSync(path.join(repo.dir, 'a.csv'), csv(...rows(1)));
    assert.deepEqual(readUsersAtRevision('HEAD', path.join(repo.dir, 'users-new')).users, []);
  });
});

describe('review', () => {
  it('reports the removals against the base and applies the guard', () => {
    const { users } = repoRemoving(17);
    const report = review(readUsers({ dir: users }).users, { base: 'HEAD', dir: users, identityManagementType: 'CONNECT_MANAGED' });
    assert.equal(report.diff.removed.length, 3);
    assert.equal(report.removalGuard?.ok, false, '3 of 20 is more than 10%');
  });
});

describe('connect-users check / diff (end to end)', () => {
  it('check exits 3 on too many removals, 0 once acknowledged', () => {
    const { users } = repoRemoving(14);
    const refused = cli(['check', '--base', 'HEAD', '--dir', users]);
    assert.equal(refused.status, 3, refused.stderr);
    assert.match(refused.stdout, /REFUSED: 6 user\(s\) would be removed/);
    assert.equal(cli(['check', '--base', 'HEAD', '--dir', users], { CONNECT_USERS_ALLOW_REMOVALS: '6' }).status, 0);
    assert.equal(cli(['check', '--base', 'HEAD', '--dir', users, '--allow-removals', '5']).status, 3);
  });

  it('check exits 4 on a privilege change when acknowledgement is required', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,'));
    const dir = path.join(repo.dir, 'users');
    const run = cli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack']);
    assert.equal(run.status, 4, run.stdout + run.stderr);
    assert.match(run.stdout, /! boss \(new user\) gets Admin/);
    assert.equal(cli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: 'true' }).status, 0);
  });

  it('diff prints markdown for a job summary and exits 0 even with removals; 2 on an unknown base', () => {
    const { users } = repoRemoving(10);
    const run = cli(['diff', '--base', 'HEAD', '--dir', users, '--format', 'markdown']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^### Connect users/);
    assert.match(run.stdout, /\*\*0 added, 10 removed/);
    assert.equal(cli(['diff', '--base', 'nope', '--dir', users]).status, 2);
  });

  it('exits 1 when the working tree itself is not valid', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(2)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv('bad user,,,,,,,soft,,'));
    assert.equal(cli(['check', '--base', 'HEAD', '--dir', path.join(repo.dir, 'users')]).status, 1);
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
    assert.throws(() => synth(), (e) => e instanceof UsersError && e.problems[0].code === 'REMOVAL_GUARD');
    assert.match(synth(6).notes.join('\n'), /deletion guard against HEAD: 6 user\(s\) would be removed[^\n]*acknowledged/);
  });
});

describe('variables CI sets to mean "off"', () => {
  it('an empty CONNECT_USERS_ALLOW_REMOVALS acknowledges nothing (and is no usage error)', () => {
    const { users } = repoRemoving(14);
    const run = cli(['check', '--base', 'HEAD', '--dir', users], { CONNECT_USERS_ALLOW_REMOVALS: '' });
    assert.equal(run.status, 3, run.stderr);
  });

  it('CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES set to "" or "false" acknowledges nothing', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,'));
    const dir = path.join(repo.dir, 'users');
    for (const value of ['', 'false', '0']) {
      const run = cli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: value });
      assert.equal(run.status, 4, `with ${JSON.stringify(value)}: ${run.stderr}`);
    }
  });

  it('CONNECT_ALLOW_PLAINTEXT_PASSWORDS=false does not allow plaintext passwords', () => {
    const dir = path.join(gitRepo({ 'users/a.csv': 'username,password,firstName,lastName,routingProfile,securityProfiles,phoneType\namy,Secr3tPass,A,B,S,Agent,soft\n' }).dir, 'users');
    const run = cli(['validate', '--dir', dir], { CONNECT_ALLOW_PLAINTEXT_PASSWORDS: 'false' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /PLAINTEXT_PASSWORD/);
  });
});
