import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { readBaseUsers } from '../../src/review/base';
import { GitError } from '../../src/review/git';
import { UsersError, type Problem } from '../../src/problems';
import { enforceRemovalGuard, review } from '../../src/review/review';
import { ConnectUsersStack } from '../../src/synth/connect-users-stack';
import { readUsers } from '../../src/users';
import { csv, gitRepo, ROOT, thrown } from '../helpers';
import { git, write } from './repo';
import { run as runCli } from './run';
import { reportExit, worse } from '../../src/commands/review';

const rows = (n: number, prefix = 'user') => Array.from({ length: n }, (_, i) => `${prefix}${i},First,Last${i},${prefix}${i}@example.com,Sales,Agent,,soft,,`);

/** A repository whose base commit has 20 users; the working tree keeps `keep` of them. */
function repoRemoving(keep: number) {
  const repo = gitRepo({ 'users/agents.csv': csv(...rows(20)) });
  writeFileSync(path.join(repo.dir, 'users/agents.csv'), csv(...rows(20).slice(20 - keep)));
  return { ...repo, users: path.join(repo.dir, 'users') };
}

function cli(args: string[], env: Record<string, string> = {}, cwd?: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
}

const CM = 'CONNECT_MANAGED' as const;

/**
 * A stand-in for main.ts: declares stacks (id -> users folder) and prints
 * them with CONNECT_USERS_DESCRIBE=1, as src/synth/app.ts does. Plain enough
 * to be both main.ts (bundled at the base) and app.js (cdktf.json's app now).
 */
const app = (stacks: Record<string, string>) => {
  const code = `const stacks = ${JSON.stringify(Object.entries(stacks).map(([id, usersDir]) => ({ id, usersDir, identityManagementType: 'CONNECT_MANAGED' })))};\nif (process.env.CONNECT_USERS_DESCRIBE === '1') process.stdout.write(JSON.stringify(stacks) + '\\n');\n`;
  return { 'main.ts': code, 'app.js': code, 'cdktf.json': '{ "app": "node app.js" }\n' };
};

describe('readBaseUsers', () => {
  it('reads the users folder as it was at a commit', () => {
    const { users } = repoRemoving(15);
    const base = readBaseUsers({ revision: 'HEAD', dir: users });
    expect(base.mergeBase.users.length).toBe(20);
    expect(base.mergeBase.users[0].source.file).toBe('HEAD:users/agents.csv');
    expect(base.mergeBase.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(base.tip).toBeUndefined();
  });

  it('reads two folders of one commit (two stacks) one after the other', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(2)), 'users-dev/b.csv': csv(...rows(3)) });
    expect(readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users') }).mergeBase.users.length).toBe(2);
    expect(readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users-dev') }).mergeBase.users.length).toBe(3);
  });

  it('fails clearly when the revision does not exist', () => {
    const { users } = repoRemoving(20);
    const err = thrown(() => readBaseUsers({ revision: 'no-such-branch', dir: users }));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toMatch(/not a commit here/);
  });

  it('has no users at a commit where the folder did not exist yet', () => {
    const repo = gitRepo({ 'README.md': 'x' });
    expect(readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users-new') }).mergeBase.users).toStrictEqual([]);
  });

  it("finds a stack's users where the base's own main.ts kept them", () => {
    const repo = gitRepo({ ...app({ sales: 'users' }), 'users/a.csv': csv(...rows(4)) });
    write(repo.dir, { ...app({ sales: 'people' }), 'users/a.csv': null, 'people/a.csv': csv(...rows(1)) });
    const base = readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'people'), stack: 'sales' });
    expect([base.mergeBase.usersDir, base.mergeBase.users.length]).toStrictEqual(['users', 4]);
    expect(base.mergeBase.notes).toStrictEqual(['note: stack sales kept its users in users at HEAD (now people): compared with that folder']);
  });

  it("maps a folder the base's app names by its absolute path (CONNECT_USERS_DIR=/abs/path) to the same folder there", () => {
    const repo = gitRepo({ ...app({ sales: 'users' }), 'users/a.csv': csv(...rows(4)) });
    const code = "const stacks = [{ id: 'sales', usersDir: process.env.TEST_USERS_DIR }];\nif (process.env.CONNECT_USERS_DESCRIBE === '1') process.stdout.write(JSON.stringify(stacks) + '\\n');\n";
    write(repo.dir, { 'main.ts': code });
    repo.commit('absolute');
    process.env.TEST_USERS_DIR = path.join(repo.dir, 'users');
    try {
      const base = readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users'), stack: 'sales' });
      expect([base.mergeBase.usersDir, base.mergeBase.users.length, base.mergeBase.notes]).toStrictEqual(['users', 4, []]);
      process.env.TEST_USERS_DIR = path.dirname(repo.dir);
      repo.commit('another commit, asked afresh (the stacks of a commit are asked once per process)');
      const outside = readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users'), stack: 'sales' });
      expect(outside.mergeBase.notes).toStrictEqual([expect.stringMatching(/^warning: the stacks at HEAD could not be listed \(stack sales keeps its users outside the repository/)]);
    } finally {
      delete process.env.TEST_USERS_DIR;
    }
  });

  it('has no users for a stack the base did not have, and says so', () => {
    const repo = gitRepo({ ...app({ sales: 'users' }), 'users/a.csv': csv(...rows(4)) });
    const base = readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users'), stack: 'support' });
    expect(base.mergeBase.users).toStrictEqual([]);
    expect(base.mergeBase.notes).toStrictEqual(['note: stack support does not exist at HEAD: all its users are new']);
  });

  it("falls back to the same folder, with a warning, when the base's stacks cannot be listed", () => {
    const repo = gitRepo({ 'main.ts': 'throw new Error("broken at the base");\n', 'users/a.csv': csv(...rows(3)) });
    const base = readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users'), stack: 'sales' });
    expect(base.mergeBase.users.length).toBe(3);
    expect(base.mergeBase.notes).toHaveLength(1);
    expect(base.mergeBase.notes[0]).toMatch(/^warning: the stacks at HEAD could not be listed \(its app failed: .*broken at the base.*\); comparing with the same folder there, users$/);
    const none = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    expect(readBaseUsers({ revision: 'HEAD', dir: path.join(none.dir, 'users'), stack: 's' }).mergeBase.notes[0]).toMatch(/could not be listed \(it has no main\.ts\)/);
  });
});

describe('the deletion guard cannot be walked around', () => {
  it('a committed .connect-users/base-<commit> folder is not taken for the base', () => {
    const { dir, users } = repoRemoving(14);
    const commit = git(dir, 'rev-parse', 'HEAD');
    // What the old extraction cache looked like, committed with the same 14 users as the change.
    for (const name of [commit.slice(0, 16), commit]) write(dir, { [`.connect-users/base-${name}/users/agents.csv`]: csv(...rows(20).slice(6)) });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'plant a fake base');
    const report = review(readUsers({ dir: users }).users, { base: 'HEAD~1', dir: users, identityManagementType: CM });
    expect(report.diff.removed.length).toBe(6);
    expect(report.removalGuard?.ok).toBe(false);
  });

  it('moving the users folder in main.ts (git mv users people, then emptying it) still counts the removals', () => {
    const repo = gitRepo({ ...app({ sales: 'users' }), 'users/a.csv': csv(...rows(20)) });
    git(repo.dir, 'mv', 'users', 'people');
    write(repo.dir, { ...app({ sales: 'people' }), 'people/a.csv': csv(...rows(20).slice(8)) });
    const people = path.join(repo.dir, 'people');
    const report = review(readUsers({ dir: people }).users, { base: 'HEAD', dir: people, stack: 'sales', identityManagementType: CM });
    expect(report.diff.removed.map((u) => u.username)).toStrictEqual(['user0', 'user1', 'user2', 'user3', 'user4', 'user5', 'user6', 'user7']);
    expect(report.removalGuard?.ok).toBe(false);
  });

  it("a TS user file at the base that imports a helper outside the users folder is read (the whole tree is there)", () => {
    const person = (n: number) => `{ username: 'ts${n}', firstName: 'T', lastName: 'S${n}', routingProfile: 'Sales', securityProfiles: ['Agent'], phoneType: 'SOFT_PHONE' }`;
    const repo = gitRepo({
      'lib/people.ts': `export const people = [${[0, 1, 2, 3, 4, 5, 6].map(person).join(', ')}];\n`,
      'users/team.ts': "import { people } from '../lib/people';\nexport default people;\n",
      'users/a.csv': csv(...rows(13)),
    });
    write(repo.dir, { 'users/team.ts': null });
    const users = path.join(repo.dir, 'users');
    const report = review(readUsers({ dir: users }).users, { base: 'HEAD', dir: users, identityManagementType: CM });
    expect(report.unreadable).toStrictEqual([]);
    expect(report.diff.removed.length).toBe(7);
    expect(report.removalGuard?.ok).toBe(false);
  });

  it('a base file that cannot be read makes the guard refuse (BASE_UNREADABLE), never pass', async () => {
    const repo = gitRepo({ 'users/team.ts': "throw new Error('cannot load');\n", 'users/a.csv': csv(...rows(20)) });
    write(repo.dir, { 'users/team.ts': null });
    const users = path.join(repo.dir, 'users');
    const report = review(readUsers({ dir: users }).users, { base: 'HEAD', dir: users, identityManagementType: CM });
    expect(report.unreadable?.map((p) => [p.file, p.code])).toStrictEqual([['HEAD:users/team.ts', 'TS_LOAD_ERROR']]);
    expect(report.removalGuard?.ok).toBe(false);
    expect(report.removalGuard?.message).toMatch(/^the users at HEAD cannot all be read, so the guard cannot tell who would be removed \(BASE_UNREADABLE\): HEAD:users\/team\.ts:1: the file failed to load: Error: cannot load \(TS_LOAD_ERROR\)$/);
    const err = thrown(() => enforceRemovalGuard(readUsers({ dir: users }).users, { base: 'HEAD', dir: users, identityManagementType: CM }));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems.map((p: Problem) => [p.file, p.code])).toStrictEqual([['HEAD:users/team.ts', 'BASE_UNREADABLE']]);
    expect(err.problems[0].message).toMatch(/^the deletion guard cannot read this file at HEAD \(TS_LOAD_ERROR: the file failed to load: Error: cannot load\)/);
    const run = await runCli(['check', '--base', 'HEAD', '--dir', users]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/1 file\(s\) at HEAD cannot be read \(BASE_UNREADABLE\)/);
    expect(run.stdout).toMatch(/\nBase files that cannot be read \(BASE_UNREADABLE\):\n {2}HEAD:users\/team\.ts:1: /);
    // diff is a report: it shows the same, and does not fail.
    expect((await runCli(['diff', '--base', 'HEAD', '--dir', users])).status).toBe(0);
  });

  it('CONNECT_USERS_PRIVILEGED_PROFILES="," is a usage error, never "no privileged profiles"', async () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    write(repo.dir, { 'users/a.csv': csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,') });
    const dir = path.join(repo.dir, 'users');
    const run = await runCli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_PRIVILEGED_PROFILES: ',' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/expected one or more security profile names separated by commas, got ","/);
    // Unset (or empty: CI's "off") keeps the default list.
    expect((await runCli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_PRIVILEGED_PROFILES: '' })).status).toBe(4);
  });

  describe('a stale branch checked against a newer base', () => {
    /** main: 19 users; the branch forks, then main removes user18 and adds `added` users. */
    function stale(added: number) {
      const repo = gitRepo({ 'users/a.csv': csv(...rows(19)) });
      const main = git(repo.dir, 'rev-parse', '--abbrev-ref', 'HEAD');
      git(repo.dir, 'checkout', '-q', '-b', 'feature');
      git(repo.dir, 'checkout', '-q', main);
      write(repo.dir, { 'users/a.csv': csv(...rows(18), ...rows(added, 'new')) });
      repo.commit('main adds users');
      git(repo.dir, 'checkout', '-q', 'feature');
      return { main, users: path.join(repo.dir, 'users') };
    }

    it('counts the users added on the base since the fork as removals (a deploy would delete them)', () => {
      const { main, users } = stale(3);
      const report = review(readUsers({ dir: users }).users, { base: main, dir: users, identityManagementType: CM });
      // What this branch did, measured from the merge base: nothing (user18, removed on main, is no removal of this branch).
      expect([report.diff.removed, report.diff.added, report.diff.unchanged]).toStrictEqual([[], [], 19]);
      expect(report.missing?.map((u) => u.username)).toStrictEqual(['new0', 'new1', 'new2']);
      expect(report.missing?.[0].source.file).toBe(`${main}:users/a.csv`);
      // 3 of the 21 users at the tip: more than 10% (2).
      expect(report.removalGuard).toMatchObject({ ok: false, removals: 3, limit: 2 });
    });

    it("takes the percentage of the users at the base's tip (20 there: 2 pass), not at the merge base (19: only 1)", () => {
      const { main, users } = stale(2);
      const report = review(readUsers({ dir: users }).users, { base: main, dir: users, identityManagementType: CM });
      expect(report.removalGuard).toMatchObject({ ok: true, removals: 2, limit: 2 });
    });

    it('check exits 3 and tells to rebase', async () => {
      const { main, users } = stale(3);
      const run = await runCli(['check', '--base', main, '--dir', users]);
      expect(run.status).toBe(3);
      expect(run.stdout).toMatch(/\nMissing compared with \w+ \(added there since this branch forked: rebase, or a deploy of this branch deletes them\):\n {2}- new0 /);
      expect(run.stdout).toMatch(/3 added on the base branch since this branch forked \(rebase to keep them\)/);
    });
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

describe('exit codes across stacks', () => {
  it('the more serious code wins: 1 (user files), then 2 (unreadable), then 3 (removals), then 4 (privileges)', () => {
    const codes = [0, 4, 3, 2, 1];
    for (const a of codes) for (const b of codes) expect(worse(a, b)).toBe(a === 0 ? b : b === 0 ? a : Math.min(a, b));
    expect([4, 3].reduce(worse, 0)).toBe(3);
    expect([3, 4].reduce(worse, 0)).toBe(3);
  });

  it('a report asks for 2 when the base cannot be read, else 3 for removals, else 4 for privileges', () => {
    const ok = { ok: true, removals: 0, limit: 5, message: '' };
    const no = { ok: false, removals: 9, limit: 5, message: '' };
    const problem = { file: 'f', code: 'TS_LOAD_ERROR', message: 'm' };
    expect(reportExit({ removalGuard: ok })).toBe(0);
    expect(reportExit({ removalGuard: ok, privilegeGuard: { ok: false, message: '' } })).toBe(4);
    expect(reportExit({ removalGuard: no, privilegeGuard: { ok: false, message: '' } })).toBe(3);
    expect(reportExit({ removalGuard: no, unreadable: [problem] })).toBe(2);
    expect(reportExit({ removalGuard: ok, unreadable: [] })).toBe(0);
    expect(reportExit({})).toBe(0);
  });
});

describe('connect-users check / diff (end to end)', () => {
  it('check exits 3 on too many removals, 0 once acknowledged', async () => {
    const { users } = repoRemoving(14);
    // Once through the real executable; the rest in this process (same parsing, variables and exit codes).
    const refused = cli(['check', '--base', 'HEAD', '--dir', users]);
    expect(refused.status).toBe(3) /* refused.stderr */;
    expect(refused.stdout).toMatch(/REFUSED: 6 user\(s\) would be removed/);
    expect((await runCli(['check', '--base', 'HEAD', '--dir', users], { CONNECT_USERS_ALLOW_REMOVALS: '6' })).status).toBe(0);
    expect((await runCli(['check', '--base', 'HEAD', '--dir', users, '--allow-removals', '5'])).status).toBe(3);
  });

  it('check exits 4 on a privilege change when acknowledgement is required', async () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,'));
    const dir = path.join(repo.dir, 'users');
    const run = await runCli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack']);
    expect(run.status).toBe(4) /* run.stdout + run.stderr */;
    expect(run.stdout).toMatch(/! boss \(new user\) gets Admin/);
    expect((await runCli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: 'true' })).status).toBe(0);
  });

  it('check exits 4 on a renamed user who keeps a privileged profile (a new user in Connect), as plan-check does', async () => {
    const tom = (name: string) => `${name},Tom,Walsh,tom@example.com,Sales,CallCenterManager,,soft,,`;
    const repo = gitRepo({ 'users/a.csv': csv(...rows(20), tom('tom.walsh')) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(20), tom('tom.walshe')));
    const run = await runCli(['check', '--base', 'HEAD', '--dir', path.join(repo.dir, 'users'), '--require-privilege-ack']);
    expect(run.status).toBe(4) /* run.stdout + run.stderr */;
    expect(run.stdout).toContain('\n  ! tom.walshe (renamed from tom.walsh: a new user in Connect) gets CallCenterManager\n');
    expect(run.stdout).toContain('\nREFUSED: 1 privilege change(s) need a stricter review');
  });

  it('diff prints markdown for a job summary and exits 0 even with removals; 2 on an unknown base', async () => {
    const { users } = repoRemoving(10);
    const run = await runCli(['diff', '--base', 'HEAD', '--dir', users, '--format', 'markdown']);
    expect(run.status).toBe(0) /* run.stderr */;
    expect(run.stdout).toMatch(/^### Connect users/);
    expect(run.stdout).toMatch(/\*\*0 added, 10 removed/);
    expect((await runCli(['diff', '--base', 'nope', '--dir', users])).status).toBe(2);
  });

  it('exits 1 when the working tree itself is not valid', async () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(2)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv('bad user,,,,,,,soft,,'));
    expect((await runCli(['check', '--base', 'HEAD', '--dir', path.join(repo.dir, 'users')])).status).toBe(1);
  });
});

describe('connect-users check over the stacks of main.ts (end to end)', () => {
  const boss = 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,';

  it("compares each stack with the base's users of the same stack id, wherever its folder was", async () => {
    const repo = gitRepo({ ...app({ sales: 'users' }), 'users/a.csv': csv(...rows(20)) });
    git(repo.dir, 'mv', 'users', 'people');
    write(repo.dir, { ...app({ sales: 'people' }), 'people/a.csv': csv(...rows(20).slice(8)) });
    const run = await runCli(['check', '--base', 'HEAD'], {}, repo.dir);
    expect(run.status).toBe(3) /* run.stderr */;
    expect(run.stdout).toMatch(/^Users of sales: 0 added, 8 removed,/);
    expect(run.stdout).toMatch(/\nnote: stack sales kept its users in users at HEAD \(now people\): compared with that folder/);
  });

  it('counts every user of a stack that main.ts no longer has as removed, and says so', async () => {
    const repo = gitRepo({ ...app({ sales: 'users', support: 'support' }), 'users/a.csv': csv(...rows(20)), 'support/a.csv': csv(...rows(3, 's')) });
    write(repo.dir, app({ sales: 'users' }));
    const run = await runCli(['check', '--base', 'HEAD'], {}, repo.dir);
    expect(run.status).toBe(3);
    expect(run.stdout).toMatch(/\nUsers of support: 0 added, 3 removed, 0 renamed, 0 changed, 0 unchanged \(against HEAD\)\n/);
    expect(run.stdout).toMatch(/\nwarning: stack support exists at HEAD but not in main\.ts any more: all its users count as removed/);
  });

  it('exits 3 rather than 4 when one stack removes too many and another has a privilege change; 1 before both', async () => {
    const repo = gitRepo({ ...app({ a: 'granting', b: 'removing' }), 'removing/a.csv': csv(...rows(20)), 'granting/a.csv': csv(...rows(3, 'g')) });
    write(repo.dir, { 'removing/a.csv': csv(...rows(10)), 'granting/a.csv': csv(...rows(3, 'g'), boss) });
    expect((await runCli(['check', '--base', 'HEAD', '--require-privilege-ack'], {}, repo.dir)).status).toBe(3);
    write(repo.dir, { 'removing/a.csv': csv(...rows(10), 'bad user,,,,,,,soft,,') });
    expect((await runCli(['check', '--base', 'HEAD', '--require-privilege-ack'], {}, repo.dir)).status).toBe(1);
  });

  it('diff prints one Markdown report for all stacks', async () => {
    const repo = gitRepo({ ...app({ sales: 'users', dev: 'dev' }), 'users/a.csv': csv(...rows(2)), 'dev/a.csv': csv(...rows(2, 'd')) });
    write(repo.dir, { 'users/a.csv': csv(...rows(3)) });
    const run = await runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], {}, repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^### Connect users: sales\n\n\*\*1 added, 0 removed, 0 renamed, 0 changed, 2 unchanged\*\* against HEAD\n[^]*\n### Connect users: dev\n/);
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
    // The stack does not say where it was configured: the message names the prop, and the variable the sample main.ts reads.
    expect(err.problems[0].message).toMatch(/acknowledge it with the stack's removalGuard\.allowRemovals: 6 \(the sample main\.ts sets it from CONNECT_USERS_ALLOW_REMOVALS=6\)$/);
    expect(synth(6).notes.join('\n')).toMatch(/deletion guard against HEAD: 6 user\(s\) would be removed[^\n]*acknowledged/);
  });

  it('tells a construct user to set removalGuard.allowRemovals, not a variable it does not read', () => {
    const { users } = repoRemoving(14);
    const err = thrown(() =>
      new ConnectUsersStack(new App({ outdir: mkdtempSync(path.join(tmpdir(), 'cu-')) }), 's', {
        instanceId: 'i',
        usersDir: users,
        removalGuard: { base: 'HEAD', acknowledgeWith: 'construct' },
      }),
    );
    expect(err.problems[0].message).toMatch(/acknowledge it with removalGuard: \{ allowRemovals: 6 \} on the stack$/);
  });

  it('refuses with BASE_UNREADABLE when the base cannot be read', () => {
    const { users } = repoRemoving(20);
    const err = thrown(() => enforceRemovalGuard([], { base: 'no-such-branch', dir: users, identityManagementType: CM }));
    expect(err.problems.map((p: Problem) => [p.file, p.code])).toStrictEqual([[users, 'BASE_UNREADABLE']]);
    expect(err.problems[0].message).toMatch(/^the deletion guard cannot read the users at no-such-branch: "no-such-branch" is not a commit here/);
  });

  it('compares a stack with its own users at the base when given its id', () => {
    const repo = gitRepo({ ...app({ sales: 'users' }), 'users/a.csv': csv(...rows(20)) });
    git(repo.dir, 'mv', 'users', 'people');
    write(repo.dir, { 'people/a.csv': csv(...rows(20).slice(8)) });
    const people = path.join(repo.dir, 'people');
    const users = readUsers({ dir: people }).users;
    expect(thrown(() => enforceRemovalGuard(users, { base: 'HEAD', dir: people, stack: 'sales', identityManagementType: CM })).problems[0].code).toBe('REMOVAL_GUARD');
    // Without the id, the same (new) folder is compared: nothing to compare with.
    expect(enforceRemovalGuard(users, { base: 'HEAD', dir: people, identityManagementType: CM }).pop()).toBe('note: deletion guard against HEAD: no user would be removed');
  });
});

describe('variables CI sets to mean "off"', () => {
  it('an empty CONNECT_USERS_ALLOW_REMOVALS acknowledges nothing (and is no usage error)', async () => {
    const { users } = repoRemoving(14);
    const run = await runCli(['check', '--base', 'HEAD', '--dir', users], { CONNECT_USERS_ALLOW_REMOVALS: '' });
    expect(run.status).toBe(3) /* run.stderr */;
  });

  it('CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES set to "" or "false" acknowledges nothing', async () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv(...rows(3), 'boss,B,Oss,boss@example.com,Sales,Agent|Admin,,soft,,'));
    const dir = path.join(repo.dir, 'users');
    for (const value of ['', 'false', '0']) {
      const run = await runCli(['check', '--base', 'HEAD', '--dir', dir, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: value });
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
