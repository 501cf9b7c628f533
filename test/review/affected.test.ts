import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { affectedStacks, typeScriptImports } from '../../src/review/affected';
import { gitRepo, ROOT, tempFolder } from '../helpers';
import { git, write } from './repo';

const stacks = [
  { id: 'sales', usersDir: 'users/sales' },
  { id: 'support', usersDir: 'users/support' },
  { id: 'dev', usersDir: 'users-dev' },
];

describe('affectedStacks', () => {
  const cases: [string, string[], string[]][] = [
    ['a file in one stack folder affects that stack only', ['users/sales/agents.csv'], ['sales']],
    ['a nested file counts too', ['users/support/emea/team.ts'], ['support']],
    ['a folder whose name starts like another does not count for it', ['users-dev/x.csv'], ['dev']],
    ['main.ts affects every stack', ['main.ts'], ['sales', 'support', 'dev']],
    ['the sources and the lock file affect every stack', ['src/model.ts', 'package-lock.json'], ['sales', 'support', 'dev']],
    ['docs and workflows affect none', ['README.md', '.github/workflows/connect-users.yml'], []],
  ];
  for (const [when, changed, expected] of cases) {
    it(when, () => expect(affectedStacks(stacks, changed).map((s) => s.id)).toStrictEqual(expected));
  }

  it('says which files make a stack affected', () => {
    expect(affectedStacks(stacks, ['users/sales/a.csv'])[0].because).toStrictEqual(['users/sales/a.csv']);
  });

  it('a file that a stack\'s TypeScript user files import affects that stack only', () => {
    const imports = new Map([['support', { files: ['lib/teams.ts', 'users/support/team.ts'] }]]);
    expect(affectedStacks(stacks, ['lib/teams.ts'], imports).map((s) => [s.id, s.because])).toStrictEqual([['support', ['lib/teams.ts']]]);
    expect(affectedStacks(stacks, ['lib/other.ts'], imports)).toStrictEqual([]);
  });

  it('imports that cannot be listed make the stack affected by any change, and by none when nothing changed', () => {
    const imports = new Map([['dev', { error: 'Could not resolve "../lib/gone"' }]]);
    expect(affectedStacks(stacks, ['README.md'], imports).map((s) => [s.id, s.because])).toStrictEqual([
      ['dev', ['(imports of its TypeScript files cannot be listed: Could not resolve "../lib/gone")']],
    ]);
    expect(affectedStacks(stacks, [], imports)).toStrictEqual([]);
  });

  it('a users folder at the repository root is affected by everything', () => {
    expect(affectedStacks([{ id: 'all', usersDir: '.' }], ['README.md']).map((s) => s.id)).toStrictEqual(['all']);
  });

  it('lists at most 5 reasons', () => {
    expect(affectedStacks(stacks, ['main.ts', 'src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts', 'src/e.ts'])[0].because).toHaveLength(5);
  });
});

describe('typeScriptImports', () => {
  it('lists what TS user files import, transitively, without packages or node_modules, and without running them', () => {
    const root = tempFolder({
      'users/team.ts': "import { people } from '../lib/people';\nimport { defineUsers } from 'connect-users/define';\nthrow new Error('never run');\nexport default defineUsers(people);\n",
      'users/nested/more.ts': "export default [];\n",
      'users/types.d.ts': "import '../lib/types-only';\n",
      'users/.hidden/x.ts': "import '../../lib/hidden';\n",
      'lib/people.ts': "import { base } from './base';\nexport const people = [base];\n",
      'lib/base.ts': 'export const base = {};\n',
    });
    expect(typeScriptImports('users', root)).toStrictEqual({ files: ['lib/base.ts', 'lib/people.ts', 'users/nested/more.ts', 'users/team.ts'] });
  });

  it('has nothing to list for a folder of CSV files', () => {
    expect(typeScriptImports('users', tempFolder({ 'users/a.csv': 'x' }))).toStrictEqual({ files: [] });
  });

  it('says why when an import cannot be resolved', () => {
    expect(typeScriptImports('users', tempFolder({ 'users/a.ts': "import '../lib/gone';\n" }))).toStrictEqual({ error: 'Could not resolve "../lib/gone"' });
  });
});

describe('connect-users affected (end to end)', () => {
  it('plans a stack whose TS user file imports a changed helper outside its folder', () => {
    const app = `const stacks = [{ id: 'sales', usersDir: 'users' }, { id: 'dev', usersDir: 'users-dev' }];\nif (process.env.CONNECT_USERS_DESCRIBE === '1') process.stdout.write(JSON.stringify(stacks) + '\\n');\n`;
    const repo = gitRepo({
      'cdktf.json': '{ "app": "node app.js" }\n',
      'app.js': app,
      'users/team.ts': "import { people } from '../lib/people';\nexport default people;\n",
      'users-dev/a.csv': 'x\n',
      'lib/people.ts': 'export const people = [];\n',
    });
    write(repo.dir, { 'lib/people.ts': "export const people = [{ username: 'new' }];\n" });
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), 'affected', '--base', 'HEAD', '--json'], { cwd: repo.dir, encoding: 'utf8' });
    expect(run.status).toBe(0) /* run.stderr */;
    expect(JSON.parse(run.stdout).map((s: { id: string; because: string[] }) => [s.id, s.because])).toStrictEqual([['sales', ['lib/people.ts']]]);
    expect(git(repo.dir, 'status', '--porcelain')).toBe('M lib/people.ts');
  });
});

describe('the app describes its stacks without synthesizing', () => {
  it('CONNECT_USERS_DESCRIBE=1 prints each stack with its users folder and identity type', () => {
    // Unset what CI sets for main.ts ('' counts as unset there), so the sample's defaults show.
    const unset = { AWS_REGION: '', CONNECT_INSTANCE_ID: '', CONNECT_DEV_INSTANCE_ID: '', CONNECT_DEV_REGION: '', CONNECT_IDENTITY_MANAGEMENT: '', CONNECT_USERS_TS_TIMEOUT_SECONDS: '' };
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'app.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...unset, CONNECT_USERS_DESCRIBE: '1' } });
    expect(run.status).toBe(0) /* run.stderr */;
    expect(JSON.parse(run.stdout)).toStrictEqual([
      { id: 'connect-users', usersDir: 'users', identityManagementType: 'CONNECT_MANAGED', allowPlaintextPasswords: false, instance: '00000000-0000-0000-0000-000000000000', instanceId: '00000000-0000-0000-0000-000000000000', tsTimeoutMs: 10_000 },
      {
        id: 'connect-users-dev',
        usersDir: 'users-dev',
        identityManagementType: 'CONNECT_MANAGED',
        allowPlaintextPasswords: false,
        instance: '11111111-1111-1111-1111-111111111111',
        instanceId: '11111111-1111-1111-1111-111111111111',
        defaultTags: { environment: 'dev' },
        tsTimeoutMs: 10_000,
      },
    ]);
    const saml = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'app.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CONNECT_USERS_DESCRIBE: '1', CONNECT_IDENTITY_MANAGEMENT: 'saml' },
    });
    expect(JSON.parse(saml.stdout)[0].identityManagementType).toBe('SAML');
  });
});

describe('affectedStacks, edges', () => {
  it('a shared file counts by its exact name, a shared folder by its prefix', () => {
    expect(affectedStacks(stacks, ['main.ts.orig', 'package.json.bak', 'srcs/x.ts'])).toStrictEqual([]);
  });

  it('a users folder written with a trailing slash still matches its files', () => {
    expect(affectedStacks([{ id: 's', usersDir: 'users/sales/' }], ['users/sales/a.csv']).map((s) => [s.id, s.because])).toStrictEqual([['s', ['users/sales/a.csv']]]);
  });

  it('a change to the users folder path itself (say it became a file or a link) affects the stack', () => {
    expect(affectedStacks(stacks, ['users/sales']).map((s) => [s.id, s.because])).toStrictEqual([['sales', ['users/sales']]]);
  });
});

describe('typeScriptImports, edges', () => {
  it('walks no node_modules folder, takes only names ending in .ts (not .d.ts), and follows a relative import into node_modules without listing it', () => {
    const root = tempFolder({
      'users/team.ts': "import { x } from '../node_modules/helper/index';\nexport default x;\n",
      'users/odd.d.ts.ts': 'export default [];\n',
      'users/old.ts.orig': "import '../lib/gone-orig';\n",
      'users/node_modules/pkg/index.ts': "import '../../../lib/gone-nm';\n",
      'node_modules/helper/index.ts': 'export const x = [];\n',
    });
    expect(typeScriptImports('users', root)).toStrictEqual({ files: ['users/odd.d.ts.ts', 'users/team.ts'] });
  });

  it('writes nothing to disk', () => {
    const root = tempFolder({ 'users/team.ts': 'export default [];\n' });
    expect(typeScriptImports('users', root)).toStrictEqual({ files: ['users/team.ts'] });
    expect(readdirSync(root)).toStrictEqual(['users']);
  });

  it('has nothing to list for a users folder that does not exist', () => {
    expect(typeScriptImports('users', tempFolder())).toStrictEqual({ files: [] });
  });

  it('says the first error of the files in name order', () => {
    const root = tempFolder({ 'users/c.ts': "import '../gone-c';\n", 'users/a.ts': "import '../gone-a';\n", 'users/b.ts': "import '../gone-b';\n" });
    expect(typeScriptImports('users', root)).toStrictEqual({ error: 'Could not resolve "../gone-a"' });
  });

  describe('when esbuild throws', () => {
    // typeScriptImports requires esbuild when it runs, so a mock registered now is what it gets
    // (the module under test is not loaded again: its constants stay covered at load time).
    // (jest keeps the first mocked module: one mock, throwing what the test sets.)
    let toThrow: unknown;
    const withBuild = (thrownError: unknown) => {
      toThrow = thrownError;
      jest.doMock('esbuild', () => ({
        buildSync: () => {
          throw toThrow;
        },
      }));
      try {
        return typeScriptImports('users', tempFolder({ 'users/a.ts': 'export default [];\n' }));
      } finally {
        jest.dontMock('esbuild');
      }
    };

    it.each([
      ['an error without esbuild messages: its first line', new Error('first line\nsecond line'), 'first line'],
      ['no message in the list: the first line of the error', Object.assign(new Error('first line\nsecond'), { errors: [] }), 'first line'],
      ['a long message: cut at 200 characters', Object.assign(new Error('x'), { errors: [{ text: 'y'.repeat(300) }] }), 'y'.repeat(200)],
    ])('%s', (_, error, expected) => {
      expect(withBuild(error)).toStrictEqual({ error: expected });
    });
  });
});
