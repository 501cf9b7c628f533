import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadUsersFolder, MAX_FILE_BYTES, MAX_FOLDER_DEPTH, readImports } from '../../src/load/folder';
import { formatProblem } from '../../src/problems';
import { readUsers } from '../../src/users';
import { csv, tempFolder, thrown } from '../helpers';

const codes = (dir: string) => loadUsersFolder(dir).problems.map((p) => [p.code, path.relative(dir, p.file)]);

describe('loadUsersFolder', () => {
  it('reads every .csv and .ts file recursively, in sorted order, and notes the others', () => {
    const dir = tempFolder({
      'b.csv': csv('bob,B,S,,Sales,Agent,,soft,,'),
      'a/z.csv': csv('zed,Z,Z,,Sales,Agent,,soft,,'),
      'README.md': '# notes',
      'types.d.ts': 'export {};\n',
      '.hidden/x.csv': csv('hidden,H,H,,Sales,Agent,,soft,,'),
      'node_modules/x.csv': csv('dep,D,D,,Sales,Agent,,soft,,'),
    });
    const result = loadUsersFolder(dir);
    expect(result.problems).toStrictEqual([]);
    expect(result.users.map((u) => u.username)).toStrictEqual(['zed', 'bob']);
    expect(result.files).toStrictEqual([path.join(dir, 'a/z.csv'), path.join(dir, 'b.csv')]);
    expect(result.notes).toStrictEqual([
      `note: ${path.join(dir, 'README.md')}: skipped (only .csv and .ts files hold users)`,
      `note: ${path.join(dir, 'types.d.ts')}: skipped (only .csv and .ts files hold users)`,
    ]);
    expect(result.imports).toStrictEqual([]);
  });

  it('tells the kinds of files by the end of their names only', () => {
    const id = '0a1b2c3d';
    const dir = tempFolder({
      'a.csv.bak': csv('bak,B,S,,Sales,Agent,,soft,,'),
      'a.ts.orig': 'not read',
      'b.d.ts.csv': csv('bob,B,S,,Sales,Agent,,soft,,'),
      'c.imports.json.csv': csv('cat,C,S,,Sales,Agent,,soft,,'),
      'd.imports.json.bak': '{}',
      'team.imports.json': JSON.stringify({ instanceId: id, imports: [{ username: 'bob', id: `${id}:u-1` }] }),
      'x.imports.json': '{"instanceId": 1}',
    });
    const result = loadUsersFolder(dir);
    expect(result.users.map((u) => u.username)).toStrictEqual(['bob', 'cat']);
    expect(result.files.map((f) => path.basename(f))).toStrictEqual(['b.d.ts.csv', 'c.imports.json.csv']);
    expect(result.imports).toStrictEqual([{ file: path.join(dir, 'team.imports.json'), instanceId: id, entries: [{ username: 'bob', id: `${id}:u-1` }] }]);
    expect(result.problems.map((p) => [p.code, path.basename(p.file)])).toStrictEqual([['IMPORTS_FORMAT', 'x.imports.json']]);
    expect(result.notes.map((n) => path.basename(n))).toStrictEqual(
      ['a.csv.bak', 'a.ts.orig', 'd.imports.json.bak'].map((f) => `${f}: skipped (only .csv and .ts files hold users)`),
    );
  });

  it('reads TypeScript files by the end of their names only (a.csv.ts is TypeScript)', () => {
    const dir = tempFolder({ 'a.csv.ts': "export default [{ username: 'ann' }];\n" });
    const result = loadUsersFolder(dir);
    expect([result.users.map((u) => [u.username, u.source.line]), result.problems, result.files.map((f) => path.basename(f))]).toStrictEqual([[['ann', 1]], [], ['a.csv.ts']]);
  });

  it('sorts names by UTF-16 code units, whatever order the file system gives', () => {
    const dir = tempFolder({ '\uff41.csv': csv('wide,W,S,,Sales,Agent,,soft,,'), '\u{1f600}.csv': csv('smile,S,S,,Sales,Agent,,soft,,') });
    expect(loadUsersFolder(dir).users.map((u) => u.username)).toStrictEqual(['smile', 'wide']);
  });

  it('notes a broken symbolic link that is not a user file', () => {
    const dir = tempFolder({ 'a.csv': csv('bob,B,S,,Sales,Agent,,soft,,') });
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'broken'));
    const { problems, notes } = loadUsersFolder(dir);
    expect([problems, notes]).toStrictEqual([[], [`note: ${path.join(dir, 'broken')}: skipped (a symbolic link)`]]);
  });

  describe('when the system refuses a read (as it does to a user without permission)', () => {
    afterEach(() => jest.restoreAllMocks());
    // The module object itself (an `import * as` is a copy): what src/load/folder.ts calls.
    const fs = require('node:fs') as typeof import('node:fs');
    const refuse = (name: 'readFileSync' | 'readdirSync', target: string, error: unknown) => {
      const real = fs[name] as (...args: unknown[]) => unknown;
      jest.spyOn(fs, name).mockImplementation(((p: unknown, ...rest: unknown[]) => {
        if (String(p) === target) throw error;
        return real(p, ...rest);
      }) as never);
    };
    const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' });

    it.each([
      ['a CSV file', 'b.csv', denied, 'the file cannot be read (EACCES: permission denied)'],
      ['an imports file', 'c.imports.json', denied, 'the file cannot be read (EACCES: permission denied)'],
      ['a file, with an error without the usual message', 'b.csv', Object.assign(new Error('odd'), { code: 'EODD' }), 'the file cannot be read (EODD)'],
      ['a file, with an error that says nothing', 'b.csv', new Error('odd'), 'the file cannot be read (an unknown error)'],
      ['a file, with the system code later in the message', 'b.csv', Object.assign(new Error('open: EACCES: denied'), { code: 'EACCES' }), 'the file cannot be read (EACCES)'],
      ['a file, with something thrown that is not an error', 'b.csv', undefined, 'the file cannot be read (an unknown error)'],
    ])('fails on %s, and reads the others', (_what, name, error, message) => {
      const list = { instanceId: 'i', imports: [{ username: 'ann', id: 'i:u-1' }] };
      const dir = tempFolder({ 'a.csv': csv('ann,A,S,,Sales,Agent,,soft,,'), 'b.csv': csv('bob,B,S,,Sales,Agent,,soft,,'), 'c.imports.json': JSON.stringify(list) });
      refuse('readFileSync', path.join(dir, name), error);
      const result = loadUsersFolder(dir);
      expect(result.problems).toStrictEqual([{ file: path.join(dir, name), code: 'FILE_UNREADABLE', message }]);
      expect(result.users.map((u) => u.username)).toStrictEqual(name === 'b.csv' ? ['ann'] : ['ann', 'bob']);
      expect(result.imports).toStrictEqual(name === 'b.csv' ? [{ file: path.join(dir, 'c.imports.json'), instanceId: 'i', entries: list.imports }] : []);
    });

    it('fails on a folder, and reads the others', () => {
      const dir = tempFolder({ 'a.csv': csv('ann,A,S,,Sales,Agent,,soft,,'), 'sub/b.csv': csv('bob,B,S,,Sales,Agent,,soft,,') });
      refuse('readdirSync', path.join(dir, 'sub'), Object.assign(new Error("EACCES: permission denied, scandir '/x'"), { code: 'EACCES' }));
      const result = loadUsersFolder(dir);
      expect(result.problems).toStrictEqual([{ file: path.join(dir, 'sub'), code: 'FILE_UNREADABLE', message: 'the folder cannot be read (EACCES: permission denied)' }]);
      expect(result.users.map((u) => u.username)).toStrictEqual(['ann']);
    });
  });

  it('loads the TypeScript files of a folder together, keeping the walk order of users and files', () => {
    const user = (name: string) => `{ username: '${name}', firstName: 'A', lastName: 'B', routingProfile: 'Sales', securityProfiles: ['Agent'], phoneType: 'SOFT_PHONE' }`;
    const dir = tempFolder({
      'a.ts': `export default [${user('ann')}];\n`,
      'b.csv': csv('bob,B,S,,Sales,Agent,,soft,,'),
      'c/d.ts': `export default [${user('dan')}];\n`,
      'e.ts': 'process.exit(3);\n',
    });
    const result = loadUsersFolder(dir);
    expect(result.users.map((u) => [u.username, path.relative(dir, u.source.file), u.source.line])).toStrictEqual([
      ['ann', 'a.ts', 1],
      ['bob', 'b.csv', 2],
      ['dan', 'c/d.ts', 1],
    ]);
    expect(result.files.map((f) => path.relative(dir, f))).toStrictEqual(['a.ts', 'b.csv', 'c/d.ts', 'e.ts']);
    expect(result.problems.map((p) => [p.code, path.relative(dir, p.file), p.line])).toStrictEqual([['TS_EXIT', 'e.ts', 1]]);
  });

  it('passes readUsers’ tsTimeoutMs on to the loader: 0 (which would be no limit) is refused', () => {
    const dir = tempFolder({ 'a.ts': 'export default [];\n' });
    expect(() => readUsers({ dir, tsTimeoutMs: 0 })).toThrow(RangeError);
    // Checked where TypeScript files are loaded: a folder without any is not affected.
    expect(thrown(() => readUsers({ dir: tempFolder({ 'a.csv': csv() }), tsTimeoutMs: 0 })).problems.map((p: { code: string }) => p.code)).toStrictEqual(['NO_USERS']);
  });

  it('fails when a user file is a symbolic link (it could leave the folder)', () => {
    const outside = tempFolder({ 'secret.csv': csv('eve,E,V,,Sales,Agent,,soft,,'), 'x.imports.json': '{}' });
    const dir = tempFolder({ 'a.csv': csv('bob,B,S,,Sales,Agent,,soft,,') });
    symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'link.csv'));
    symlinkSync(outside, path.join(dir, 'linked-dir'));
    symlinkSync(path.join(outside, 'x.imports.json'), path.join(dir, 'm.imports.json'));
    symlinkSync(path.join(outside, 'x.imports.json'), path.join(dir, 'notes.txt'));
    const { problems, users, notes } = loadUsersFolder(dir);
    expect(problems.map((p) => [p.code, path.basename(p.file)])).toStrictEqual([
      ['SYMLINK_REFUSED', 'link.csv'],
      ['SYMLINK_REFUSED', 'linked-dir'],
      ['SYMLINK_REFUSED', 'm.imports.json'],
    ]);
    expect(notes).toStrictEqual([`note: ${path.join(dir, 'notes.txt')}: skipped (a symbolic link)`]);
    expect(users.some((u) => u.username === 'eve')).toBeFalsy();
  });

  it('fails when the users folder itself is a symbolic link, with or without a trailing slash', () => {
    const real = tempFolder({ 'a.csv': csv('eve,E,V,,Sales,Agent,,soft,,') });
    const link = path.join(tempFolder(), 'users');
    symlinkSync(real, link);
    for (const dir of [link, `${link}/`]) {
      const { problems, users } = loadUsersFolder(dir);
      expect(users).toStrictEqual([]);
      expect(problems.map((p) => [p.code, p.file, p.message])).toStrictEqual([
        ['SYMLINK_REFUSED', path.normalize(dir), `the users folder ${path.normalize(dir)} is a symbolic link, which is not followed: give the real folder`],
      ]);
    }
  });

  it('fails when the users folder cannot be read, with the reason the system gives', () => {
    const dir = `/tmp/${'x'.repeat(5000)}`;
    expect(loadUsersFolder(dir).problems).toStrictEqual([{ file: dir, code: 'FILE_UNREADABLE', message: 'the folder cannot be read (ENAMETOOLONG: name too long)' }]);
  });

  it('fails when the folder does not exist, or is a file', () => {
    expect(loadUsersFolder('/nonexistent/users').problems).toStrictEqual([
      { file: '/nonexistent/users', code: 'USERS_DIR_MISSING', message: 'the users folder /nonexistent/users does not exist: create it or set CONNECT_USERS_DIR' },
    ]);
    const file = path.join(tempFolder({ 'a.csv': csv() }), 'a.csv');
    expect(loadUsersFolder(file).problems.map((p) => [p.code, p.message])).toStrictEqual([
      ['USERS_DIR_MISSING', `the users folder ${file} is not a folder: give a folder, or set CONNECT_USERS_DIR`],
    ]);
    expect(loadUsersFolder(path.join(file, 'x')).problems.map((p) => p.code)).toStrictEqual(['USERS_DIR_MISSING']) /* ENOTDIR */;
  });

  it(`reads folders ${MAX_FOLDER_DEPTH} levels deep, and fails on the first folder below (FOLDER_TOO_DEEP)`, () => {
    const deepest = Array.from({ length: MAX_FOLDER_DEPTH }, () => 'd').join('/');
    const dir = tempFolder({ [`${deepest}/a.csv`]: csv('deep,D,D,,Sales,Agent,,soft,,'), [`${deepest}/e/b.csv`]: csv('lost,L,L,,Sales,Agent,,soft,,') });
    const { users, problems } = loadUsersFolder(dir);
    expect(users.map((u) => u.username)).toStrictEqual(['deep']);
    expect(problems.map((p) => [p.code, path.relative(dir, p.file)])).toStrictEqual([['FOLDER_TOO_DEEP', `${deepest}/e`]]);
    expect(problems[0].message).toBe(`the folder is more than ${MAX_FOLDER_DEPTH} levels below the users folder and is not read: move its files up`);
  });

  it('fails, not crashes, on a folder nested 200 levels deep (stops below 32) and on a path too long to read (ENAMETOOLONG)', () => {
    const deep = tempFolder();
    const long = tempFolder();
    // Built step by step, with relative names: the whole path is too long for one call.
    const script = `const fs = require('fs');
      const nest = (dir, name, levels) => { process.chdir(dir); for (let i = 0; i < levels; i++) { fs.mkdirSync(name); process.chdir(name); } fs.writeFileSync('x.csv', 'username\\n'); };
      nest(process.argv[1], 'level', 200);
      nest(process.argv[2], 'n'.repeat(250), 18);`;
    expect(spawnSync(process.execPath, ['-e', script, deep, long]).status).toBe(0);

    expect(codes(deep)).toStrictEqual([['FOLDER_TOO_DEEP', Array.from({ length: MAX_FOLDER_DEPTH + 1 }, () => 'level').join('/')]]);
    const { problems } = loadUsersFolder(long);
    expect(problems.map((p) => p.code)).toStrictEqual(['FILE_UNREADABLE']);
    expect(problems[0].message).toMatch(/^the (file|folder) cannot be read \(ENAMETOOLONG: name too long\)$/);
    spawnSync('rm', ['-rf', deep, long]);
  });

  it(`reads a file of ${MAX_FILE_BYTES} bytes, and fails on one byte more without reading it (FILE_TOO_LARGE)`, () => {
    const dir = tempFolder();
    for (const [name, size] of [['at-limit.csv', MAX_FILE_BYTES], ['big.csv', MAX_FILE_BYTES + 1], ['big.ts', MAX_FILE_BYTES + 1], ['big.imports.json', MAX_FILE_BYTES + 1]] as const) {
      writeFileSync(path.join(dir, name), '');
      truncateSync(path.join(dir, name), size); // sparse: no disk used
    }
    const { problems, files } = loadUsersFolder(dir);
    expect(problems.map((p) => [p.code, path.basename(p.file)])).toStrictEqual([
      ['NUL_BYTE', 'at-limit.csv'] /* read, and refused for its content */,
      ['FILE_TOO_LARGE', 'big.csv'],
      ['FILE_TOO_LARGE', 'big.imports.json'],
      ['FILE_TOO_LARGE', 'big.ts'],
    ]);
    expect(problems[1].message).toBe(
      'the file has 52,428,801 bytes; at most 52,428,800 (50 MB) are read: split it into several files in the folder (all the files of a users folder are read as one set)',
    );
    expect(files.map((f) => path.basename(f))).toStrictEqual(['at-limit.csv']);
  });

  it('skips a file that is not a regular file (a FIFO would block a read forever)', () => {
    const dir = tempFolder({ 'a.csv': csv('bob,B,S,,Sales,Agent,,soft,,') });
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.csv')]).status).toBe(0);
    mkdirSync(path.join(dir, 'sub'));
    const { problems, notes, users } = loadUsersFolder(dir);
    expect([problems, users.map((u) => u.username)]).toStrictEqual([[], ['bob']]);
    expect(notes).toStrictEqual([`note: ${path.join(dir, 'pipe.csv')}: skipped (not a regular file)`]);
  });

  describe('names holding a control character (FILE_NAME)', () => {
    const GOOD = csv('bob,B,S,,Sales,Agent,,soft,,');
    const MESSAGE = (what: 'file' | 'folder') =>
      `the ${what} name holds a control character (shown here as an escape such as \\n, \\u001b or \\u202e), which could forge lines or colours in a CI log: rename the ${what} (${what === 'file' ? 'it is' : 'its files are'} not read)`;

    it.each([
      ['a CSV file whose name would start a GitHub workflow command', 'a\u001b[31m\n::error::x.csv', 'a\\u001b[31m\\n::error::x.csv'],
      ['a TypeScript file with a right-to-left override', 'team\u202ests.ts', 'team\\u202ests.ts'],
      ['an imports file with a C1 control', 'x\u009b.imports.json', 'x\\u009b.imports.json'],
      ['a CSV file with a carriage return', 'b\r.csv', 'b\\r.csv'],
    ])('refuses %s, unread, named escaped', (_what, name, escaped) => {
      const dir = tempFolder({ 'a.csv': GOOD, [name]: 'not read: it would not even parse' });
      const { problems, users, files } = loadUsersFolder(dir);
      expect(problems).toStrictEqual([{ file: path.join(dir, escaped), code: 'FILE_NAME', message: MESSAGE('file') }]);
      expect([users.map((u) => u.username), files]).toStrictEqual([['bob'], [path.join(dir, 'a.csv')]]);
    });

    it('refuses a folder whose name holds one, without reading its files', () => {
      const dir = tempFolder({ 'a.csv': GOOD, 'te\u2066am/b.csv': csv('ann,A,L,,Sales,Agent,,soft,,'), 'te\u2066am/c.csv': GOOD });
      const { problems, users } = loadUsersFolder(dir);
      expect(problems).toStrictEqual([{ file: path.join(dir, 'te\\u2066am'), code: 'FILE_NAME', message: MESSAGE('folder') }]);
      expect(users.map((u) => u.username)).toStrictEqual(['bob']);
    });

    it('still skips hidden folders and node_modules silently, and notes other files with their names escaped', () => {
      const dir = tempFolder({ 'a.csv': GOOD, '.git\u001b/x.csv': GOOD, 'node_modules/\u001b.csv': GOOD, 'READ\u001bME.md': '', 'x\n.d.ts': '' });
      const { problems, notes } = loadUsersFolder(dir);
      expect(problems).toStrictEqual([]);
      expect(notes).toStrictEqual([
        `note: ${path.join(dir, 'READ\\u001bME.md')}: skipped (only .csv and .ts files hold users)`,
        `note: ${path.join(dir, 'x\\n.d.ts')}: skipped (only .csv and .ts files hold users)`,
      ]);
    });

    it('escapes the name of a symbolic link it skips or refuses', () => {
      const dir = tempFolder({ 'a.csv': GOOD });
      symlinkSync(path.join(dir, 'a.csv'), path.join(dir, 'l\u001b.txt'));
      symlinkSync(path.join(dir, 'a.csv'), path.join(dir, 'l\u001b.csv'));
      const { problems, notes } = loadUsersFolder(dir);
      expect(notes).toStrictEqual([`note: ${path.join(dir, 'l\\u001b.txt')}: skipped (a symbolic link)`]);
      expect(problems.map((p) => [p.code, formatProblem(p).startsWith(`${path.join(dir, 'l\\u001b.csv')}: `)])).toStrictEqual([['SYMLINK_REFUSED', true]]);
    });
  });
});

describe('readImports', () => {
  const FORMAT = 'expected {"instanceId": "...", "imports": [{"username": "...", "id": "<instance id>:<user id>"}]} as written by connect-users export';
  const file = 'users/x.imports.json';
  const text = (instanceId: unknown, ...entries: unknown[]) => JSON.stringify({ instanceId, imports: entries });

  it('reads what export writes', () => {
    const id = '0a1b2c3d-0000-4000-8000-00000000000a';
    expect(readImports(text(id, { username: 'jane', id: `${id}:u-1` }, { username: 'x', id: `${id}:u:2` }), file)).toStrictEqual({
      file,
      instanceId: id,
      entries: [
        { username: 'jane', id: `${id}:u-1` },
        { username: 'x', id: `${id}:u:2` },
      ],
    });
    expect(readImports(text('a'.repeat(100)), file)).toStrictEqual({ file, instanceId: 'a'.repeat(100), entries: [] });
  });

  it.each([
    ['the file is not JSON', '{"instanceId": ', 'the file is not JSON'],
    ['instanceId is missing', '{"imports": []}', 'instanceId or imports is missing'],
    ['imports is not a list', text('i', {}).replace(/\[.*\]/, '{}'), 'instanceId or imports is missing'],
    ['the file is null', 'null', 'instanceId or imports is missing'],
    ['instanceId holds an escape sequence (shown escaped)', text('i\u001b[2J'), 'instanceId "i\\u001b[2J" is not a Connect instance id (1 to 100 letters, digits and "-", as in 0a1b2c3d-...)'],
    ['instanceId holds a colon, which would split the import id elsewhere', text('a:b'), 'instanceId "a:b" is not a Connect instance id (1 to 100 letters, digits and "-", as in 0a1b2c3d-...)'],
    ['instanceId is empty', text(''), 'instanceId "" is not a Connect instance id (1 to 100 letters, digits and "-", as in 0a1b2c3d-...)'],
    ['instanceId has 101 characters', text('a'.repeat(101)), `instanceId "${'a'.repeat(60)}…" is not a Connect instance id (1 to 100 letters, digits and "-", as in 0a1b2c3d-...)`],
    ['an id is of another instance', text('i', { username: 'a', id: 'i:u' }, { username: 'b', id: 'j:u' }), 'entry #2 is not {"username", "id": "i:<user id>"}'],
    ['an id has no user id', text('i', { username: 'a', id: 'i:' }), 'entry #1 is not {"username", "id": "i:<user id>"}'],
    ['an id only starts like the instance', text('i', { username: 'a', id: 'iu' }), 'entry #1 is not {"username", "id": "i:<user id>"}'],
    ['a username is missing', text('i', { id: 'i:u' }), 'entry #1 is not {"username", "id": "i:<user id>"}'],
    ['an id is not text', text('i', { username: 'a', id: 5 }), 'entry #1 is not {"username", "id": "i:<user id>"}'],
    ['an entry is null', text('i', null), 'entry #1 is not {"username", "id": "i:<user id>"}'],
    ['an id holds a control character (shown escaped)', text('i', { username: 'a', id: 'i:u\u202e' }), 'entry #1: the id "i:u\\u202e" holds a control character'],
  ])('fails when %s (IMPORTS_FORMAT)', (_when, content, why) => {
    expect(readImports(content, file)).toStrictEqual({ file, code: 'IMPORTS_FORMAT', message: `${why}: ${FORMAT}` });
  });
});
