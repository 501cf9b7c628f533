/**
 * src/review/base.ts without git: its pure helpers, the base's app run in a plain folder, and the
 * sides read from folders that stand in for extracted commits (baseCommits and extractCommit are
 * replaced; test/review/base.test.ts and review.test.ts run the same on real repositories).
 */
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { baseStacks, describeStacksAt, failure, fromTree, physical, readBaseUsers, stacksAt } from '../../src/review/base';
import { baseCommits, extractCommit, GitError } from '../../src/review/git';
import { csv, tempFolder, thrown } from '../helpers';

jest.mock('../../src/review/git', () => ({ ...jest.requireActual('../../src/review/git'), baseCommits: jest.fn(), extractCommit: jest.fn() }));

/** A main.ts that prints `stacks` (JSON text) when asked to describe them. */
const printing = (stacks: string) => `if (process.env.CONNECT_USERS_DESCRIBE === '1') console.log(${JSON.stringify(stacks)});\n`;
const app = (stacks: Record<string, string>) => printing(JSON.stringify(Object.entries(stacks).map(([id, usersDir]) => ({ id, usersDir }))));

describe('failure (the line of a Node.js error output that says what went wrong)', () => {
  const crash = (error: string) => `/tmp/x.js:1\nthrow new Error('boom');\n^\n\n${error}\n    at Object.<anonymous> (/tmp/x.js:1:7)\n    at Module._compile (node:internal/modules/cjs/loader:1256:14)\n\nNode.js v20.11.0\n`;

  it.each([
    ['an uncaught Error', crash('Error: boom  '), 'Error: boom'],
    ['an error of another class', crash('TypeError: x is not a function'), 'TypeError: x is not a function'],
    [
      'an error of another class with properties after its stack',
      'TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string\n    at f (x.js:1:1) {\n  code: \'ERR_INVALID_ARG_TYPE\'\n}\n',
      'TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string',
    ],
    [
      'an error with properties after its stack',
      "node:internal/modules/cjs/loader:1147\n  throw err;\n  ^\n\nError: Cannot find module 'cdktf'\nRequire stack:\n- /tmp/x.js\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1144:15)\n    at Module._load (node:internal/modules/cjs/loader:985:27) {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: [ '/tmp/x.js' ]\n}\n\nNode.js v20.11.0\n",
      "Error: Cannot find module 'cdktf'",
    ],
    ['a word ending in Error', 'warning: an Error soon\nErrors: 3\nthe last line\n', 'the last line'],
    ['no error line: the last line that is no stack frame nor version', 'look at this\n    at f (x.js:1:1)\nNode.js v20.11.0\n', 'look at this'],
    ['the last of several lines', 'one\ntwo\nthree\n\n', 'three'],
    ['a line that names a Node.js version', 'this app needs Node.js v22\nNode.js v20.11.0\n', 'this app needs Node.js v22'],
    ['nothing', '', 'no message'],
    ['only stack frames', '   at f (x.js:1:1)\n\n', 'no message'],
  ])('%s', (_, stderr, expected) => {
    expect(failure(stderr)).toBe(expected);
  });

  it('keeps at most 300 characters', () => {
    expect(failure(`Error: ${'x'.repeat(400)}`)).toBe(`Error: ${'x'.repeat(293)}`);
  });
});

describe('fromTree (a folder the base app names, relative to the repository root)', () => {
  const root = '/repo';
  const tree = '/repo/.git/connect-users/base-1234';
  it.each([
    ['relative to the extracted tree', 'users', 'users'],
    ['nested', 'teams/sales/', 'teams/sales'],
    ['the tree itself', '.', '.'],
    ['absolute, in the extracted tree', `${tree}/people`, 'people'],
    ['absolute, in the working tree', '/repo/people', 'people'],
    ['the repository root', '/repo', '.'],
  ])('%s', (_, dir, expected) => {
    expect(fromTree(dir, tree, root)).toBe(expected);
  });

  it.each([['/elsewhere/users'], ['/repository/users'], ['/']])('outside the repository: %s', (dir) => {
    expect(fromTree(dir, tree, root)).toBeUndefined();
  });
});

describe('physical (a folder with its links resolved, as git names the repository)', () => {
  it('resolves the links of the nearest existing folder, and keeps the rest', () => {
    const real = tempFolder({ 'users/a.csv': '' });
    const link = path.join(tempFolder(), 'link');
    symlinkSync(real, link);
    expect(physical(path.join(link, 'users'))).toBe(path.join(real, 'users'));
    expect(physical(path.join(link, 'new', 'users'))).toBe(path.join(real, 'new', 'users'));
    expect(physical(link)).toBe(real);
    expect(fromTree(path.join(link, 'users'), path.join(real, '.git', 'connect-users', 'base-1234'), real)).toBe('users');
    // The tree and the root named through a link, the folder not: inside all the same.
    expect(fromTree(path.join(real, 'users'), path.join(link, '.git', 'connect-users', 'base-1234'), link)).toBe('users');
    expect(fromTree(path.join(real, '.git', 'connect-users', 'base-1234', 'people'), path.join(link, '.git', 'connect-users', 'base-1234'), '/elsewhere')).toBe('people');
  });
});

describe('describeStacksAt (the stacks the base app declares)', () => {
  it('bundles main.ts for Node 20 with its local files, leaves packages in node_modules, runs it in its folder with CONNECT_USERS_DESCRIBE=1, reads the last line, and cleans up', () => {
    const tree = tempFolder({
      'stacks.ts': "export const stacks: { id: string; usersDir: string }[] = [{ id: 'sales', usersDir: 'users' }];\n",
      // A folder with a package.json: Node's file (platform node), not the browser's.
      'lib/package.json': '{ "main": "node.js", "browser": "browser.js" }\n',
      'lib/node.js': "module.exports = 'node';\n",
      'lib/browser.js': "module.exports = 'browser';\n",
      // A package stays where it is (packages external): its __dirname is its own folder.
      'node_modules/dep/package.json': '{ "name": "dep", "main": "index.js" }\n',
      'node_modules/dep/index.js': 'module.exports = __dirname;\n',
      'main.ts': [
        "import { stacks } from './stacks';",
        "import lib from './lib';",
        "import dep from 'dep';",
        // `using` is lowered for Node 20 (target node20), which cannot parse it.
        "let disposed = 'no';",
        "{ using _x = { [Symbol.dispose]() { disposed = 'yes'; } }; }",
        // An app that removes its own bundle does not make the run fail (the clean-up forces).
        "require('node:fs').rmSync(__filename);",
        "console.log('a log line first');",
        "if (process.env.CONNECT_USERS_DESCRIBE === '1') console.log(JSON.stringify([...stacks, { id: 'here', usersDir: process.cwd() }, { id: lib, usersDir: dep }, { id: disposed, usersDir: '' }]));",
        '',
      ].join('\n'),
    });
    const stacks = describeStacksAt(tree);
    expect(stacks).toStrictEqual([
      { id: 'sales', usersDir: 'users' },
      { id: 'here', usersDir: tree },
      { id: 'node', usersDir: path.join(tree, 'node_modules', 'dep') },
      { id: 'yes', usersDir: '' },
    ]);
    expect(readdirSync(tree).sort()).toStrictEqual(['lib', 'main.ts', 'node_modules', 'stacks.ts']);
    // Asked once per folder (an extracted commit does not change).
    writeFileSync(path.join(tree, 'main.ts'), app({ other: 'x' }));
    expect(describeStacksAt(tree)).toBe(stacks);
  });

  it('cleans up its bundle', () => {
    const tree = tempFolder({ 'main.ts': app({ sales: 'users' }) });
    expect(describeStacksAt(tree)).toStrictEqual([{ id: 'sales', usersDir: 'users' }]);
    expect(readdirSync(tree)).toStrictEqual(['main.ts']);
  });

  it('throws when there is no main.ts, and keeps throwing the same error', () => {
    const tree = tempFolder();
    const err = thrown(() => describeStacksAt(tree));
    expect([err.name, err.message]).toStrictEqual(['NoAppError', 'it has no main.ts']);
    writeFileSync(path.join(tree, 'main.ts'), app({ sales: 'users' }));
    expect(thrown(() => describeStacksAt(tree))).toBe(err);
  });

  it.each([
    ['the app throws', "throw new TypeError('broken at the base');\n", 'its app failed: TypeError: broken at the base'],
    ['the app exits without a word', 'process.exit(3);\n', 'its app failed: exit code 3'],
    ['the app prints nothing', '\n', 'its app printed no list of stacks'],
    ['the app prints no list', printing('{"id":"a","usersDir":"u"}'), 'its app printed no list of stacks'],
    ['a stack is null', printing('[null]'), 'its app printed no list of stacks'],
    ['a stack has no folder', printing('[{"id":"a","usersDir":"u"},{"id":"b"}]'), 'its app printed no list of stacks'],
    ['an id is no string', printing('[{"id":1,"usersDir":"u"}]'), 'its app printed no list of stacks'],
  ])('fails when %s', (_, main, message) => {
    const err = thrown(() => describeStacksAt(tempFolder({ 'main.ts': main })));
    expect([err.constructor, err.message]).toStrictEqual([Error, message]);
  });

  it('fails when the app prints no JSON', () => {
    const err = thrown(() => describeStacksAt(tempFolder({ 'main.ts': printing('not json') })));
    expect([err.constructor, err.message]).toStrictEqual([SyntaxError, `Unexpected token 'o', "not json" is not valid JSON`]);
  });

  it('fails, once, when main.ts does not compile', () => {
    const tree = tempFolder({ 'main.ts': 'const = ;\n' });
    const err = thrown(() => describeStacksAt(tree));
    // (Under jest, esbuild's error is no instance of this realm's Error: it comes wrapped, its message prefixed with "Error: ".)
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/Build failed with 1 error:\nmain\.ts:1:6: ERROR: Expected identifier/);
    expect(readdirSync(tree)).toStrictEqual(['main.ts']);
    expect(thrown(() => describeStacksAt(tree))).toBe(err);
  });
});

/** Stands in for git: `root` is the working tree; each commit's tree is a folder of its own. */
function repo(trees: Record<string, Record<string, string>>, working: Record<string, string> = { 'users/a.csv': csv() }) {
  const root = tempFolder(working);
  const folders = new Map(Object.entries(trees).map(([commit, files]) => [commit, tempFolder(files)]));
  jest.mocked(extractCommit).mockImplementation((r, commit) => {
    expect(r).toBe(root);
    return folders.get(commit)!;
  });
  const commits = (mergeBase: string, tip = mergeBase) => jest.mocked(baseCommits).mockReturnValue({ root, mergeBase, tip });
  return { root, folders, commits, users: path.join(root, 'users') };
}

const A = 'a'.repeat(40);
const B = '0123456789abcdef0123456789abcdef01234567';
const row = (username: string) => `${username},First,Last,${username}@example.com,Sales,Agent,,soft,,`;

beforeEach(() => {
  jest.mocked(extractCommit).mockReset();
  jest.mocked(baseCommits).mockReset();
});

describe('readBaseUsers', () => {
  it('reads the same folder at the base, its users with defaults, sorted, named by the revision', () => {
    const { commits, users } = repo({ [A]: { 'users/a.csv': csv(row('zed'), row('amy')) } });
    commits(A);
    const base = readBaseUsers({ revision: 'origin/main', dir: users });
    expect(jest.mocked(baseCommits).mock.calls).toStrictEqual([['origin/main', users]]);
    expect(Object.keys(base)).toStrictEqual(['revision', 'mergeBase']);
    expect(base.revision).toBe('origin/main');
    const { users: read, ...side } = base.mergeBase;
    expect(side).toStrictEqual({ label: 'origin/main', commit: A, usersDir: 'users', problems: [], notes: [] });
    expect(read.map((u) => [u.username, u.source.file, u.source.line, u.autoAccept, u.afterContactWorkTimeLimit])).toStrictEqual([
      ['amy', 'origin/main:users/a.csv', 3, false, 0],
      ['zed', 'origin/main:users/a.csv', 2, false, 0],
    ]);
  });

  it("reads the merge base (named by its short id) and the base's tip when the base has moved on", () => {
    const { commits, users } = repo({ [B]: { 'users/a.csv': csv(row('amy')) }, [A]: { 'users/a.csv': csv(row('amy'), row('bob')) } });
    commits(B, A);
    const base = readBaseUsers({ revision: 'origin/main', dir: users });
    expect([base.mergeBase.label, base.mergeBase.commit, base.mergeBase.users.map((u) => u.source.file)]).toStrictEqual(['0123456789ab', B, ['0123456789ab:users/a.csv']]);
    expect([base.tip?.label, base.tip?.commit, base.tip?.users.map((u) => u.username)]).toStrictEqual(['origin/main', A, ['amy', 'bob']]);
  });

  it('names the files that cannot be read there, and gives each TypeScript file the time limit', () => {
    const { commits, users } = repo({ [A]: { 'users/a.csv': csv(row('amy')), 'users/slow.ts': 'const end = Date.now() + 5000;\nwhile (Date.now() < end);\nexport default [];\n' } });
    commits(A);
    const base = readBaseUsers({ revision: 'HEAD', dir: users, tsTimeoutMs: 300 });
    expect(base.mergeBase.users.map((u) => u.username)).toStrictEqual(['amy']);
    expect(base.mergeBase.problems.map((p) => [p.file, p.code])).toStrictEqual([['HEAD:users/slow.ts', 'TS_TIMEOUT']]);
  });

  it('reads the repository root when it is the users folder', () => {
    const { commits, root } = repo({ [A]: { 'a.csv': csv(row('amy')) } }, {});
    commits(A);
    const base = readBaseUsers({ revision: 'HEAD', dir: root, stack: 'sales' });
    expect([base.mergeBase.usersDir, base.mergeBase.users.map((u) => u.source.file)]).toStrictEqual(['.', ['HEAD:a.csv']]);
    expect(base.mergeBase.notes).toStrictEqual(['warning: the stacks at HEAD could not be listed (it has no main.ts); comparing with the same folder there, .']);
  });

  it('finds the folder in the repository when it is named through a link (a shell\'s $PWD)', () => {
    const { commits, root } = repo({ [A]: { 'users/a.csv': csv(row('amy')) } });
    commits(A);
    const link = path.join(tempFolder(), 'link');
    symlinkSync(root, link);
    const base = readBaseUsers({ revision: 'HEAD', dir: path.join(link, 'users') });
    expect([base.mergeBase.usersDir, base.mergeBase.users.map((u) => u.source.file)]).toStrictEqual(['users', ['HEAD:users/a.csv']]);
  });

  it('refuses a users folder outside the repository', () => {
    const { commits } = repo({ [A]: {} });
    commits(A);
    const outside = tempFolder();
    const err = thrown(() => readBaseUsers({ revision: 'HEAD', dir: outside }));
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toBe(`the users folder ${outside} is outside the git repository ${jest.mocked(baseCommits).mock.results[0].value.root}`);
  });

  it.each([
    ['did not exist', {}],
    ['was a file', { users: 'amy\n' }],
  ])('has no users where the folder %s', (_, files) => {
    const { commits, users } = repo({ [A]: files });
    commits(A);
    expect(readBaseUsers({ revision: 'HEAD', dir: users }).mergeBase).toStrictEqual({ label: 'HEAD', commit: A, usersDir: 'users', users: [], problems: [], notes: [] });
  });
});

describe('readBaseUsers of a stack', () => {
  it('reads the folder the base app gave the stack, says when it has moved, and has no users for a stack it did not declare', () => {
    const { commits, users } = repo({ [A]: { 'main.ts': app({ sales: 'people', dev: 'users' }), 'people/a.csv': csv(row('amy')), 'users/a.csv': csv(row('dev')) } });
    commits(A);
    const moved = readBaseUsers({ revision: 'HEAD', dir: users, stack: 'sales' }).mergeBase;
    expect([moved.usersDir, moved.users.map((u) => u.source.file), moved.problems]).toStrictEqual(['people', ['HEAD:people/a.csv'], []]);
    expect(moved.notes).toStrictEqual(['note: stack sales kept its users in people at HEAD (now users): compared with that folder']);
    const same = readBaseUsers({ revision: 'HEAD', dir: users, stack: 'dev' }).mergeBase;
    expect([same.usersDir, same.users.map((u) => u.username), same.notes]).toStrictEqual(['users', ['dev'], []]);
    expect(readBaseUsers({ revision: 'HEAD', dir: users, stack: 'support' }).mergeBase).toStrictEqual({
      label: 'HEAD',
      commit: A,
      usersDir: undefined,
      users: [],
      problems: [],
      notes: ['note: stack support does not exist at HEAD: all its users are new'],
    });
  });

  it('reads the same folder when the base app fails, and says why the guard cannot trust it (BASE_UNREADABLE)', () => {
    const { commits, users } = repo({ [A]: { 'main.ts': "throw new Error('broken');\n", 'users/a.csv': csv(row('amy')) } });
    commits(A);
    const side = readBaseUsers({ revision: 'HEAD', dir: users, stack: 'sales' }).mergeBase;
    expect([side.usersDir, side.users.map((u) => u.username)]).toStrictEqual(['users', ['amy']]);
    expect(side.notes).toStrictEqual(['warning: the stacks at HEAD could not be listed (its app failed: Error: broken); comparing with the same folder there, users']);
    expect(side.problems).toStrictEqual([
      { file: 'HEAD:main.ts', code: 'BASE_UNREADABLE', message: 'the stacks it declares could not be listed (its app failed: Error: broken), so which folder stack sales had there is unknown' },
    ]);
  });
});

describe('stacksAt and baseStacks', () => {
  it('gives each stack its folder relative to the repository root', () => {
    const { root, folders } = repo({ [A]: { 'main.ts': app({ sales: 'teams/sales', all: '.' }) } });
    expect(stacksAt(root, A)).toStrictEqual(
      new Map([
        ['sales', 'teams/sales'],
        ['all', '.'],
      ]),
    );
    expect(folders.size).toBe(1);
  });

  it('is an error when a stack keeps its users outside the repository', () => {
    const { root } = repo({ [A]: { 'main.ts': app({ sales: 'users', far: '/elsewhere/users' }) } });
    const err = stacksAt(root, A);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('stack far keeps its users outside the repository (/elsewhere/users)');
  });

  it("gathers the stacks of the base's tip, then those only the merge base had, as folders of the working tree", () => {
    const { root, commits } = repo({ [A]: { 'main.ts': app({ sales: 'people', dev: 'dev' }) }, [B]: { 'main.ts': app({ old: 'old', sales: 'users' }) } });
    commits(B, A);
    const stacks = baseStacks('origin/main', root);
    expect(jest.mocked(baseCommits).mock.calls).toStrictEqual([['origin/main', root]]);
    expect(stacks instanceof Map && [...stacks]).toStrictEqual([
      ['sales', path.join(root, 'people')],
      ['dev', path.join(root, 'dev')],
      ['old', path.join(root, 'old')],
    ]);
  });

  it('asks a base that has not moved once', () => {
    const { root, commits } = repo({ [A]: { 'main.ts': app({ sales: 'users' }) } });
    commits(A);
    expect(baseStacks('origin/main', root)).toStrictEqual(new Map([['sales', path.join(root, 'users')]]));
    expect(jest.mocked(extractCommit).mock.calls).toStrictEqual([[root, A]]);
  });

  it("is the error when the stacks at the base's tip cannot be listed", () => {
    const { root, commits } = repo({ [A]: { 'main.ts': 'process.exit(2);\n' }, [B]: { 'main.ts': app({ sales: 'users' }) } });
    commits(B, A);
    const err = baseStacks('origin/main', root);
    expect([err instanceof Error, (err as Error).message]).toStrictEqual([true, 'its app failed: exit code 2']);
  });
});
