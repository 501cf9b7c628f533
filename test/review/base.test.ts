import * as path from 'node:path';
import { readBaseUsers } from '../../src/review/base';
import { enforceRemovalGuard } from '../../src/review/review';
import { UsersError } from '../../src/problems';
import { readUsers } from '../../src/users';
import { csv, gitRepo, thrown } from '../helpers';
import { write } from './repo';
import { run } from './run';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `user${i},First,Last${i},user${i}@example.com,Sales,Agent,,soft,,`);

/** An app (main.ts at the base, app.js now, as cdktf.json says) declaring one stack `sales` in users/. */
const APP = "const stacks = [{ id: 'sales', usersDir: 'users', identityManagementType: 'CONNECT_MANAGED' }];\nif (process.env.CONNECT_USERS_DESCRIBE === '1') process.stdout.write(JSON.stringify(stacks) + '\\n');\n";

/** A repository whose base commit's main.ts cannot list its stacks; the working tree keeps 3 of its 4 users and has a working app. */
function brokenBase() {
  const repo = gitRepo({ 'main.ts': 'throw new Error("broken at the base");\n', 'users/a.csv': csv(...rows(4)) });
  write(repo.dir, { 'main.ts': APP, 'app.js': APP, 'cdktf.json': '{ "app": "node app.js" }\n', 'users/a.csv': csv(...rows(4).slice(1)) });
  return { ...repo, users: path.join(repo.dir, 'users') };
}

describe("the base's stacks cannot be listed", () => {
  it('the side reads the same folder (for diff), with a warning, and a BASE_UNREADABLE problem on its main.ts (for the guard)', () => {
    const { users } = brokenBase();
    const base = readBaseUsers({ revision: 'HEAD', dir: users, stack: 'sales' });
    expect(base.mergeBase.users.length).toBe(4);
    expect(base.mergeBase.notes).toStrictEqual([expect.stringMatching(/^warning: the stacks at HEAD could not be listed \(its app failed: .*broken at the base.*\); comparing with the same folder there, users$/)]);
    expect(base.mergeBase.problems.map((p) => [p.file, p.code])).toStrictEqual([['HEAD:main.ts', 'BASE_UNREADABLE']]);
    expect(base.mergeBase.problems[0].message).toMatch(/^the stacks it declares could not be listed \(its app failed: .*\), so which folder stack sales had there is unknown$/);
  });

  it('without a stack (--dir) the base app is not asked: no problem', () => {
    const { users } = brokenBase();
    const base = readBaseUsers({ revision: 'HEAD', dir: users });
    expect([base.mergeBase.users.length, base.mergeBase.problems, base.mergeBase.notes]).toStrictEqual([4, [], []]);
  });

  it('a base without main.ts has no app that could have moved the folder: the same folder, a note, no problem', () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows(3)) });
    const base = readBaseUsers({ revision: 'HEAD', dir: path.join(repo.dir, 'users'), stack: 'sales' });
    expect(base.mergeBase.users.length).toBe(3);
    expect(base.mergeBase.problems).toStrictEqual([]);
    expect(base.mergeBase.notes).toStrictEqual(['warning: the stacks at HEAD could not be listed (it has no main.ts); comparing with the same folder there, users']);
  });

  it('check refuses (BASE_UNREADABLE, exit 2) rather than pass on the same folder; diff shows the change with the warning (exit 0)', async () => {
    const { dir } = brokenBase();
    const check = await run(['check', '--base', 'HEAD'], {}, dir);
    expect(check.status).toBe(2);
    expect(check.stdout).toMatch(/^ {2}HEAD:main\.ts: the stacks it declares could not be listed \(its app failed: [^\n]*\), so which folder stack sales had there is unknown \(BASE_UNREADABLE\)$/m);
    expect(check.stderr).toMatch(/^connect-users: 1 file\(s\) at HEAD cannot be read \(BASE_UNREADABLE\): the deletion guard does not judge a change it cannot see$/m);

    const diff = await run(['diff', '--base', 'HEAD'], {}, dir);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(/^ {2}- user0 /m);
    expect(diff.stdout).toMatch(/^warning: the stacks at HEAD could not be listed \(its app failed: [^\n]*\); comparing with the same folder there, users$/m);
  });

  it("synth's guard refuses too (BASE_UNREADABLE), naming the base's main.ts", () => {
    const { users } = brokenBase();
    const err = thrown(() => enforceRemovalGuard(readUsers({ dir: users }).users, { base: 'HEAD', dir: users, stack: 'sales', identityManagementType: 'CONNECT_MANAGED' }));
    expect(err).toBeInstanceOf(UsersError);
    expect((err as UsersError).problems.map((p) => [p.file, p.code])).toStrictEqual([['HEAD:main.ts', 'BASE_UNREADABLE']]);
  });
});
