// The parent side of the TypeScript loader, with the child process faked: what it asks the child,
// how it reads the results channel (fd 3), and what it makes of each way a child ends. Fast (no
// process is started), so every branch gets a test; typescript.test.ts runs the real child.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { loadTypeScriptFiles, usersFromExport } from '../../src/load/typescript';
import { encodeExport } from '../../src/load/ts-export';
import { ROOT, tempFolder } from '../helpers';

jest.mock('node:child_process', () => ({ spawnSync: jest.fn() }));
const spawn = jest.mocked(spawnSync);

const READY = '{"ready":true}';
const result = (i: number, exported: unknown) => JSON.stringify({ i, export: encodeExport(exported) });
const problem = (i: number, p: unknown) => JSON.stringify({ i, problem: p });

interface FakeChild {
  /** Lines on fd 3 (READY is not added). */
  readonly lines?: readonly string[];
  readonly stdout?: string | null;
  readonly stderr?: string | null;
  readonly status?: number | null;
  readonly signal?: string | null;
  readonly error?: string;
  /** No output at all (the process could not be spawned). */
  readonly noOutput?: boolean;
}

function fake(c: FakeChild) {
  const stdout = c.noOutput || c.stdout === null ? null : Buffer.from(c.stdout ?? '');
  const stderr = c.noOutput || c.stderr === null ? null : Buffer.from(c.stderr ?? '');
  const fd3 = Buffer.from((c.lines ?? []).join('\n'));
  return {
    pid: 1,
    output: c.noOutput ? null : [null, stdout, stderr, fd3],
    stdout,
    stderr,
    status: c.status === undefined ? 0 : c.status,
    signal: c.signal ?? null,
    error: c.error === undefined ? undefined : Object.assign(new Error(`spawnSync ${c.error}`), { code: c.error }),
  };
}

/** The children the loader will start, in order; one more is a test failure. */
function children(...fakes: FakeChild[]): void {
  spawn.mockReset();
  spawn.mockImplementation(() => {
    throw new Error('one child too many');
  });
  for (const c of fakes) spawn.mockReturnValueOnce(fake(c) as unknown as ReturnType<typeof spawnSync>);
}

/** The files each child was asked to load (their names). */
const asked = () => spawn.mock.calls.map((call) => (JSON.parse(String(call[2]?.input)) as { files: string[] }).files.map((f) => path.basename(f)));

const SOURCE = "// team\nexport default [\n  { username: 'a' },\n];\n";
const dir = tempFolder({ 'a.ts': SOURCE, 'b.ts': SOURCE, 'c.ts': SOURCE, 'd.ts': SOURCE });
const files = (...names: string[]) => names.map((n) => ({ path: path.join(dir, n), file: `users/${n}` }));
const ok = { users: [{ username: 'a', source: { file: 'users/a.ts', line: 3 } }], problems: [] };

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  jest.restoreAllMocks();
});

describe('loadTypeScriptFiles, with the child faked', () => {
  it('starts one child for all files, from the sources through tsx, with the limits', () => {
    children({ lines: [READY, result(0, [{ username: 'a' }]), result(1, [])] });
    const results = loadTypeScriptFiles(files('a.ts', 'b.ts'), { timeoutMs: 2500 });
    expect(results).toStrictEqual([ok, { users: [], problems: [] }]);
    expect(spawn.mock.calls).toStrictEqual([
      [
        process.execPath,
        ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src', 'load', 'typescript-child.ts')],
        {
          input: JSON.stringify({ files: [path.join(dir, 'a.ts'), path.join(dir, 'b.ts')] }),
          stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
          env: process.env,
          timeout: 2500,
          killSignal: 'SIGKILL',
          maxBuffer: 512 * 1024 * 1024,
          windowsHide: true,
        },
      ],
    ]);
  });

  it('starts no child when there is no file to run', () => {
    children();
    expect(loadTypeScriptFiles([])).toStrictEqual([]);
    expect(loadTypeScriptFiles([{ path: path.join(dir, 'missing.ts'), file: 'users/missing.ts' }])).toStrictEqual([
      { users: [], problems: [{ file: 'users/missing.ts', code: 'FILE_UNREADABLE', message: 'the file cannot be read (ENOENT)' }] },
    ]);
    expect(spawn).not.toHaveBeenCalled();
  });

  it('says "error" for a read that fails without a system code', () => {
    children();
    // The module object itself (an `import * as` is a copy): what src/load/typescript.ts calls.
    const fs = require('node:fs') as typeof import('node:fs');
    jest.spyOn(fs, 'readFileSync').mockImplementation(() => {
      throw new Error('odd');
    });
    expect(loadTypeScriptFiles(files('a.ts'))[0].problems).toStrictEqual([{ file: 'users/a.ts', code: 'FILE_UNREADABLE', message: 'the file cannot be read (error)' }]);
  });

  it('reads only well-formed results, in order, after the ready line', () => {
    const valid = { code: 'TS_LOAD_ERROR', message: 'the file failed to load: Error: x', line: 2, column: 5 };
    children({
      lines: [
        result(0, [{ username: 'early' }]), // before ready
        READY,
        'garbage',
        'null',
        '"text"',
        `[${result(0, [])}]`,
        '{"i":0}', // neither an export nor a problem
        result(1, [{ username: 'wrong index' }]),
        problem(0, null),
        problem(0, { ...valid, code: 'xTS_LOAD_ERROR' }),
        problem(0, { ...valid, code: 'TS_LOAD_ERROR1' }),
        problem(0, { ...valid, code: 'TS_load' }),
        problem(0, { ...valid, message: 1 }),
        problem(0, { ...valid, line: 0 }),
        problem(0, { ...valid, line: 1.5 }),
        problem(0, { ...valid, line: '2' }),
        problem(0, { ...valid, column: 0 }),
        problem(0, { ...valid, column: 2.5 }),
        problem(0, valid),
        result(1, [{ username: 'a' }]),
        result(1, [{ username: 'twice' }]),
      ],
    });
    const [a, b] = loadTypeScriptFiles(files('a.ts', 'b.ts'));
    expect(a).toStrictEqual({ users: [], problems: [{ file: 'users/a.ts', ...valid }] });
    expect(b).toStrictEqual({ users: [{ username: 'a', source: { file: 'users/b.ts', line: 3 } }], problems: [] });
  });

  it('keeps of a problem only the keys the child gave', () => {
    children({
      lines: [
        READY,
        problem(0, { code: 'TS_LOAD_ERROR', message: 'm' }),
        problem(1, { code: 'TS_EXIT', message: 'm', line: 3 }),
        problem(2, { code: 'TS_SYNTAX_ERROR', message: 'm', column: 4 }),
      ],
    });
    expect(loadTypeScriptFiles(files('a.ts', 'b.ts', 'c.ts')).map((r) => r.problems)).toStrictEqual([
      [{ file: 'users/a.ts', code: 'TS_LOAD_ERROR', message: 'm' }],
      [{ file: 'users/b.ts', code: 'TS_EXIT', message: 'm', line: 3 }],
      [{ file: 'users/c.ts', code: 'TS_SYNTAX_ERROR', message: 'm', column: 4 }],
    ]);
  });

  it('checks what the child sent: a default export whose getter threw is TS_EXPORT_READ, at its line or the export line', () => {
    children({ lines: [READY, JSON.stringify({ i: 0, export: ['E', 'Error: not ready', 3] }), JSON.stringify({ i: 1, export: ['E', 'Error: not ready'] })] });
    expect(loadTypeScriptFiles(files('a.ts', 'b.ts')).map((r) => r.problems)).toStrictEqual([
      [{ file: 'users/a.ts', line: 3, code: 'TS_EXPORT_READ', message: 'reading the default export threw: Error: not ready' }],
      [{ file: 'users/b.ts', line: 2, code: 'TS_EXPORT_READ', message: 'reading the default export threw: Error: not ready' }],
    ]);
  });

  describe('a users folder outside the project', () => {
    const message = (m: string, code = 'TS_LOAD_ERROR') => {
      children({ lines: [READY, problem(0, { code, message: m })] });
      return loadTypeScriptFiles(files('a.ts'))[0].problems[0].message;
    };
    const inside = (module: string) =>
      `a users folder with TypeScript files must be inside the project (${process.cwd()}): outside it, '${module}' cannot be found. Move the folder into the project`;

    it.each([
      ['connect-users/define', "the file failed to load: Error: Cannot find module 'connect-users/define'", inside('connect-users/define')],
      ['connect-users itself', "the file failed to load: Error: Cannot find module 'connect-users'", inside('connect-users')],
      ['another module: as it is', "the file failed to load: Error: Cannot find module 'lodash'", "the file failed to load: Error: Cannot find module 'lodash'"],
      ['the text elsewhere in the message: as it is', "x the file failed to load: Error: Cannot find module 'connect-users'", "x the file failed to load: Error: Cannot find module 'connect-users'"],
    ])('%s', (_what, m, expected) => {
      expect(message(m)).toBe(expected);
    });

    it('only for a load error, and not for a folder inside it', () => {
      const m = "the file failed to load: Error: Cannot find module 'connect-users/define'";
      expect(message(m, 'TS_UNHANDLED_REJECTION')).toBe(m);
      jest.spyOn(process, 'cwd').mockReturnValue(dir);
      expect(message(m)).toBe(m);
    });

    it('the project folder itself is not inside it', () => {
      const m = "the file failed to load: Error: Cannot find module 'connect-users/define'";
      jest.spyOn(process, 'cwd').mockReturnValue(path.join(dir, 'a.ts'));
      expect(message(m)).toBe(`a users folder with TypeScript files must be inside the project (${path.join(dir, 'a.ts')}): outside it, 'connect-users/define' cannot be found. Move the folder into the project`);
    });
  });

  describe('when the child stops', () => {
    it('on a time limit, on the first file: that file fails, the next ones run in a new child', () => {
      children({ lines: [READY], error: 'ETIMEDOUT', status: null, signal: 'SIGKILL' }, { lines: [READY, result(0, [{ username: 'a' }])] });
      const [a, b] = loadTypeScriptFiles(files('a.ts', 'b.ts'), { timeoutMs: 2500 });
      expect(a.problems.map((p) => [p.file, p.code])).toStrictEqual([['users/a.ts', 'TS_TIMEOUT']]);
      expect(a.problems[0].message).toMatch(/^the file did not finish loading within 2\.5 s /);
      expect(b).toStrictEqual({ ...ok, users: [{ username: 'a', source: { file: 'users/b.ts', line: 3 } }] });
      expect(asked()).toStrictEqual([['a.ts', 'b.ts'], ['b.ts']]);
    });

    it('on a time limit after others loaded: the file gets a new child of its own', () => {
      children({ lines: [READY, result(0, [{ username: 'a' }])], error: 'ETIMEDOUT', status: null, signal: 'SIGKILL' }, { lines: [READY, result(0, [])] });
      expect(loadTypeScriptFiles(files('a.ts', 'b.ts'))).toStrictEqual([ok, { users: [], problems: [] }]);
      expect(asked()).toStrictEqual([['a.ts', 'b.ts'], ['b.ts']]);
    });

    it('on too much output: that file fails, the next ones run in a new child', () => {
      children({ lines: [READY], error: 'ENOBUFS', status: null, signal: 'SIGTERM' }, { lines: [READY, result(0, [])] });
      expect(loadTypeScriptFiles(files('a.ts', 'b.ts'))).toStrictEqual([
        { users: [], problems: [{ file: 'users/a.ts', code: 'TS_LOAD_ERROR', message: 'the file printed or exported more than 512 MB while loading' }] },
        { users: [], problems: [] },
      ]);
    });

    it.each([
      [3, null, 'exit code 3'],
      [null, 'SIGSEGV', 'signal SIGSEGV'],
    ])('on an exit (status %p, signal %p): that file fails, saying how', (status, signal, how) => {
      children({ lines: [READY, result(0, [{ username: 'a' }])], status, signal }, { lines: [READY, result(0, [])] });
      expect(loadTypeScriptFiles(files('a.ts', 'b.ts', 'c.ts'))).toStrictEqual([
        ok,
        {
          users: [],
          problems: [
            {
              file: 'users/b.ts',
              code: 'TS_EXIT',
              message: `the file ended the process that loads it (${how}) before its users were read: a user file must not exit, kill or crash the process`,
            },
          ],
        },
        { users: [], problems: [] },
      ]);
      expect(asked()).toStrictEqual([['a.ts', 'b.ts', 'c.ts'], ['c.ts']]);
    });

    it('before it started (mid-way): every file left fails with the reason, and nothing is printed', () => {
      children({ lines: [READY, result(0, [{ username: 'a' }])], signal: 'SIGKILL', status: null }, { lines: [], stderr: 'Error: no loader\n    at x', status: 1 });
      const failed = (f: string) => ({ users: [], problems: [{ file: `users/${f}`, code: 'TS_LOAD_ERROR', message: 'the TypeScript loader could not start: Error: no loader' }] });
      const results = loadTypeScriptFiles(files('a.ts', 'b.ts', 'c.ts', 'd.ts'));
      expect(results.slice(2)).toStrictEqual([failed('c.ts'), failed('d.ts')]);
      expect(results[0]).toStrictEqual(ok);
      expect(asked()).toStrictEqual([['a.ts', 'b.ts', 'c.ts', 'd.ts'], ['c.ts', 'd.ts']]);
      expect(stderr.mock.calls).toStrictEqual([]);
    });

    const reason = (c: FakeChild) => {
      children(c);
      return loadTypeScriptFiles(files('a.ts'))[0].problems[0].message.replace('the TypeScript loader could not start: ', '');
    };
    it.each<[string, FakeChild, string]>([
      ['Node could not be started: its error', { noOutput: true, error: 'ENOENT', status: null }, 'spawnSync ENOENT'],
      ['no output at all', { noOutput: true, status: null }, 'no reason given'],
      ['nothing on stderr', { stderr: '', status: 1 }, 'no reason given'],
      ['the error line of a stack trace', { stderr: "node:internal/x:1\n  throw err;\n\nError: Cannot find module '/x'\nRequire stack:\n- /y", status: 1 }, "Error: Cannot find module '/x'"],
      ['an error line only at the start of a line', { stderr: 'warning: see Error: not this\nTypeError: this one', status: 1 }, 'TypeError: this one'],
      ['a connect-users line', { stderr: 'at a\nconnect-users: bad setting', status: 1 }, 'connect-users: bad setting'],
      ['else the first line that is not blank', { stderr: '\n\n  something odd  \nmore', status: 1 }, 'something odd  '],
      ['at most 300 characters', { stderr: `Error: ${'x'.repeat(400)}`, status: 1 }, `Error: ${'x'.repeat(293)}`],
      ['control characters escaped', { stderr: 'Error: \u001b[31mred', status: 1 }, 'Error: \\u001b[31mred'],
    ])('before it started: says why (%s)', (_what, c, expected) => {
      expect(reason(c)).toBe(expected);
    });
  });

  it("passes on what the files printed, escaped, line breaks as \\n; an empty or missing stream is not written", () => {
    children({ lines: [READY, result(0, [])], stdout: 'out\r\nbell \u0007', stderr: '' });
    loadTypeScriptFiles(files('a.ts'));
    children({ lines: [READY, result(0, [])], stdout: null, stderr: 'err\n' });
    loadTypeScriptFiles(files('a.ts'));
    expect(stderr.mock.calls).toStrictEqual([['out\nbell \\u0007'], ['err\n']]);
  });
});

describe('usersFromExport: what each field and message says', () => {
  const base = { username: 'jane.doe', firstName: 'Jane', lastName: 'Doe', routingProfile: 'Sales', securityProfiles: ['Agent'], phoneType: 'SOFT_PHONE' };
  const source = "// team\nexport default [\n  { username: 'jane.doe' },\n  { username: 'john' },\n  { username: 'jane.doe' },\n];\n";
  const read = (fields: Record<string, unknown>) => usersFromExport([{ ...base, ...fields }], 'users/x.ts', source);
  const messages = (fields: Record<string, unknown>) => read(fields).problems.map((p) => p.message);
  const boom = (): never => {
    throw new Error('boom');
  };

  it('finds the export line (any space between export and default), and none without a default export', () => {
    const shape = (exported: unknown, text: string) => usersFromExport(exported, 'users/x.ts', text).problems.map((p) => [p.line, p.message]);
    expect(shape({}, '// a\n// b\nexport  default {};\n')).toStrictEqual([[3, 'expected `export default defineUsers([...])` (an array of users), got an object']]);
    expect(shape({}, 'const x = {};\n')).toStrictEqual([[undefined, 'expected `export default defineUsers([...])` (an array of users), got an object']]);
    expect(shape(undefined, 'export default undefined;\n')).toStrictEqual([[undefined, 'expected `export default defineUsers([...])` (an array of users), got no default export']]);
  });

  it("points at the first line a user's username is written on", () => {
    expect(usersFromExport([base, { ...base, username: 'john' }], 'users/x.ts', source).users.map((u) => u.source)).toStrictEqual([
      { file: 'users/x.ts', line: 3 },
      { file: 'users/x.ts', line: 4 },
    ]);
  });

  it('reads a user field by field: a field given empty is not set at all, booleans and numbers as they are', () => {
    expect(read({ email: '', password: '', autoAccept: true, afterContactWorkTimeLimit: 30 })).toStrictEqual({
      users: [{ ...base, autoAccept: true, afterContactWorkTimeLimit: 30, source: { file: 'users/x.ts', line: 3 } }],
      problems: [],
    });
    expect(read({ autoAccept: false }).users[0].autoAccept).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an unknown field close to a known one', { routingProfle: 'Sales' }, ['user #1 has an unknown field "routingProfle": did you mean "routingProfile"?']],
    [
      'an unknown field like no other',
      { favouriteColour: 'red' },
      ['user #1 has an unknown field "favouriteColour": allowed: username, firstName, lastName, email, secondaryEmail, password, routingProfile, securityProfiles, hierarchyGroup, phoneType, deskPhoneNumber, autoAccept, afterContactWorkTimeLimit, tags, directoryUserId'],
    ],
    ['a phone type that is not a text', { phoneType: 1 }, ['user #1: expected "SOFT_PHONE" or "DESK_PHONE", got the number 1']],
    ['autoAccept that is not a boolean', { autoAccept: 'yes' }, ['user #1: expected true or false, got the text "yes"']],
    ['a password that is a function (only its kind)', { password: () => 'Secr3t' }, ['user #1: expected a text, got a function']],
    ['a tag value that is not a text', { tags: { team: 1, site: 'x' } }, ['user #1: tag "team": expected a text, got the number 1']],
    ['a tag key given twice', { tags: { team: 'a', ' team ': 'b' } }, ['user #1: tag key "team" is given twice (once with spaces around it?); keep one']],
  ])('says what is wrong with %s', (_what, fields, expected) => {
    expect(messages(fields)).toStrictEqual(expected);
  });

  it('keeps no tags when one is wrong', () => {
    const { users, problems } = read({ tags: { team: 1, site: 'x' } });
    expect(problems.map((p) => [p.code, p.field])).toStrictEqual([['INVALID_TYPE', 'tags']]);
    expect(users[0].tags).toBe(undefined);
  });

  it('says which getter threw: a field, an item, a tag', () => {
    const items = Object.defineProperty(['Agent', 'QA'], '1', { get: boom, enumerable: true });
    const tags = Object.defineProperty({}, 'team', { get: boom, enumerable: true });
    const user = Object.defineProperty({ ...base, securityProfiles: items, tags }, 'email', { get: boom, enumerable: true });
    expect(usersFromExport([user], 'users/x.ts', source).problems.map((p) => [p.code, p.field, p.line, p.message])).toStrictEqual([
      ['TS_EXPORT_READ', 'securityProfiles', 3, 'user #1: reading item #2 threw: Error: boom'],
      ['TS_EXPORT_READ', 'tags', 3, 'user #1: tag "team": reading it threw: Error: boom'],
      ['TS_EXPORT_READ', 'email', 3, "reading user #1's email threw: Error: boom"],
    ]);
  });
});
