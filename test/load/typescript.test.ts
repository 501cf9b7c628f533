import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { loadTypeScript, loadTypeScriptFiles, usersFromExport, type TypeScriptLoadOptions } from '../../src/load/typescript';
import type { LoadResult } from '../../src/load/csv';
import { decodeExport, describeThrown, encodeProperty, lineIn, MAX_ITEMS, Unreadable, Unsupported } from '../../src/load/ts-export';
import { fixture, ROOT, tempFolder } from '../helpers';

const asFile = (name: string) => ({ path: fixture('ts', name), file: `users/${name}` });

/** Every fixture but the endless loop, loaded as a folder's files are: in one batch. */
const FIXTURES = [
  'control.ts',
  'default-getter.ts',
  'exit.ts',
  'getter.ts',
  'good.ts',
  'kill.ts',
  'nfc.ts',
  'noise.ts',
  'not-objects.ts',
  'proto-tags.ts',
  'proxy.ts',
  'rejection.ts',
  'syntax.ts',
  'throws-object.ts',
  'throws.ts',
  'unknown-key.ts',
  'unknown-keys.ts',
  'wrong-shape.ts',
  'wrong-type.ts',
];
let loaded: Map<string, LoadResult>;
beforeAll(() => {
  const results = loadTypeScriptFiles(FIXTURES.map(asFile));
  loaded = new Map(FIXTURES.map((name, i) => [name, results[i]]));
}, 30_000);
const load = (name: string): LoadResult => loaded.get(name)!;

describe('loadTypeScriptFiles', () => {
  it('loads users built from presets, merging tags and finding each line', () => {
    const { users, problems } = load('good.ts');
    expect(problems).toStrictEqual([]);
    expect(users[0]).toStrictEqual({
      username: 'jane.doe',
      firstName: 'Jane',
      lastName: 'Doe',
      routingProfile: 'Sales',
      securityProfiles: ['Agent'],
      phoneType: 'SOFT_PHONE',
      tags: { team: 'sales', site: 'lisbon' },
      source: { file: 'users/good.ts', line: 6 },
    });
    expect(users[1].routingProfile).toBe('Support') /* "a user's own field wins over the preset" */;
    expect(users[1].hierarchyPath).toStrictEqual(['EMEA', 'Lisbon', 'Support']);
    expect(users[2].source.line).toBe(8);
  });

  // [when, fixture, code, field, line, what the message says]
  const FAILS: [string, string, string, string | undefined, number | undefined, RegExp][] = [
    ['the file calls process.exit', 'exit.ts', 'TS_EXIT', undefined, 3, /^the file calls process\.exit\(0\): a user file must only export its users/],
    ['the file kills its own process', 'kill.ts', 'TS_EXIT', undefined, undefined, /ended the process that loads it \(signal SIGKILL\)/],
    ['a promise of the file is rejected and left unhandled', 'rejection.ts', 'TS_UNHANDLED_REJECTION', undefined, 2, /nothing handled it: Error: the directory is down\./],
    ['the file throws on import', 'throws.ts', 'TS_LOAD_ERROR', undefined, 1, /^the file failed to load: Error: boom while loading$/],
    ['the file throws a plain object (shown as its JSON)', 'throws-object.ts', 'TS_LOAD_ERROR', undefined, undefined, /^the file failed to load: \{"code":42,"why":"no users today"\}$/],
    ['the file is not valid TypeScript', 'syntax.ts', 'TS_SYNTAX_ERROR', undefined, 3, /^the file is not valid TypeScript at column 27: Expected identifier but found ","$/],
    ['a getter of a user throws', 'getter.ts', 'TS_EXPORT_READ', 'firstName', 4, /^reading user #1's firstName threw: Error: no first name yet$/],
    ['the default export is a Proxy', 'proxy.ts', 'TS_EXPORT_SHAPE', undefined, 3, /an array of users\), got a Proxy$/],
    ['reading the default export throws', 'default-getter.ts', 'TS_EXPORT_READ', undefined, 4, /^reading the default export threw: Error: users are not ready$/],
    ['there is no default export', 'wrong-shape.ts', 'TS_EXPORT_SHAPE', undefined, undefined, /got no default export$/],
  ];
  it.each(FAILS)('fails when %s', (_when, name, code, field, line, message) => {
    const { problems } = load(name);
    expect(problems.map((p) => [p.code, p.field, p.file, p.line])).toStrictEqual([[code, field, `users/${name}`, line]]);
    expect(problems[0].message).toMatch(message);
  });

  it('gives the column of a syntax error, 1-based', () => {
    expect(load('syntax.ts').problems[0].column).toBe(27);
  });

  it('loads the files after one that killed the loader, in a new loader', () => {
    expect(load('nfc.ts').users).toHaveLength(1);
    expect(load('wrong-type.ts').users).toHaveLength(2);
  });

  it('ignores what a file writes on the results channel that is not a result', () => {
    expect(load('noise.ts')).toStrictEqual({ users: [{ username: 'nora', source: { file: 'users/noise.ts', line: 6 } }], problems: [] });
  });

  it("fails every file when the loader cannot start, with the reason, and does not pass on Node's stack trace", () => {
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--require /nonexistent/preload.js';
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const results = loadTypeScriptFiles([asFile('good.ts'), asFile('nfc.ts')]);
      expect(results.map((r) => r.problems.map((p) => [p.code, p.file]))).toStrictEqual([[['TS_LOAD_ERROR', 'users/good.ts']], [['TS_LOAD_ERROR', 'users/nfc.ts']]]);
      expect(results[0].problems[0].message).toBe("the TypeScript loader could not start: Error: Cannot find module '/nonexistent/preload.js'");
      expect(stderr.mock.calls).toStrictEqual([]);
    } finally {
      stderr.mockRestore();
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });

  it("a folder outside the project: says it must be inside, instead of Cannot find module 'connect-users/define'", () => {
    const source = "import { defineUsers } from 'connect-users/define';\nexport default defineUsers([]);\n";
    const outside = tempFolder({ 'team.ts': source });
    const inside = path.join(ROOT, 'test', 'fixtures', 'ts', 'good.ts');
    const [far, near] = loadTypeScriptFiles([
      { path: path.join(outside, 'team.ts'), file: 'team.ts' },
      { path: inside, file: 'users/good.ts' },
    ]);
    expect(far.problems.map((p) => [p.code, p.line, p.message])).toStrictEqual([
      ['TS_LOAD_ERROR', 1, `a users folder with TypeScript files must be inside the project (${process.cwd()}): outside it, 'connect-users/define' cannot be found. Move the folder into the project`],
    ]);
    expect(near.problems).toStrictEqual([]);
    // Run from that folder (it is the project then): the error as it is.
    const saved = process.cwd();
    process.chdir(outside);
    try {
      expect(loadTypeScript(path.join(outside, 'team.ts'), 'team.ts').problems.map((p) => p.message)).toStrictEqual(["the file failed to load: Error: Cannot find module 'connect-users/define'"]);
    } finally {
      process.chdir(saved);
    }
  });

  it('passes on what a file prints, on stderr (stdout may be JSON), with control characters escaped', () => {
    const dir = tempFolder({ 'loud.ts': "console.log('out \\u001b[31mred');\nconsole.error('err');\nexport default [];\n" });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      loadTypeScript(path.join(dir, 'loud.ts'), 'users/loud.ts');
      expect(stderr.mock.calls.map((c) => c[0])).toStrictEqual(['out \\u001b[31mred\n', 'err\n']);
    } finally {
      stderr.mockRestore();
    }
  });

  it('fails when the array holds non-objects, naming each', () => {
    expect(load('not-objects.ts').problems.map((p) => [p.code, p.message])).toStrictEqual([
      ['TS_EXPORT_SHAPE', 'user #1: expected an object ({ username: ..., ... }), got the text "jane.doe"'],
      ['TS_EXPORT_SHAPE', 'user #2: expected an object ({ username: ..., ... }), got null'],
    ]);
  });

  it('fails when values have the wrong type, keeping the fields that are right, and never shows a password', () => {
    const { users, problems } = load('wrong-type.ts');
    expect(problems.map((p) => [p.code, p.field, p.line, p.message])).toStrictEqual([
      ['INVALID_TYPE', 'securityProfiles', 2, 'user #1: expected an array of texts, e.g. ["Agent"], got the text "Agent"'],
      ['INVALID_PHONE_TYPE', 'phoneType', 2, 'user #1: expected "SOFT_PHONE" or "DESK_PHONE", got "soft"'],
      ['INVALID_TYPE', 'password', 3, 'user #2: expected a text, got a number'],
    ]);
    expect(users.map((u) => [u.username, u.securityProfiles, u.password])).toStrictEqual([
      ['jane.doe', undefined, undefined],
      ['john.roe', ['Agent'], undefined],
    ]);
  });

  it('fails on every unknown field of a user, each with "did you mean"', () => {
    expect(load('unknown-keys.ts').problems.map((p) => [p.code, p.field, p.line, p.message.replace(/^.*: /, '')])).toStrictEqual([
      ['UNKNOWN_FIELD', 'routingProfle', 2, 'did you mean "routingProfile"?'],
      ['UNKNOWN_FIELD', 'securityProfile', 2, 'did you mean "securityProfiles"?'],
      ['UNKNOWN_FIELD', 'favouriteColour', 2, 'username, firstName, lastName, email, secondaryEmail, password, routingProfile, securityProfiles, hierarchyGroup, phoneType, deskPhoneNumber, autoAccept, afterContactWorkTimeLimit, tags, directoryUserId'],
    ]);
    expect(load('unknown-key.ts').problems.map((p) => [p.field, p.line])).toStrictEqual([['routingProfle', 2]]);
  });

  it('keeps __proto__, constructor and prototype as plain tag keys', () => {
    const [user] = load('proto-tags.ts').users;
    expect(Object.getPrototypeOf(user.tags)).toBe(Object.prototype);
    expect(Object.entries(user.tags!)).toStrictEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['prototype', 'c'],
    ]);
  });

  it('normalizes every text to NFC as the CSV loader does, and keeps the password exactly as written', () => {
    const [user] = load('nfc.ts').users;
    expect(user).toStrictEqual({
      username: 'jose',
      firstName: 'Jos\u00e9',
      lastName: 'Nu\u00f1ez',
      routingProfile: 'Vendas S\u00e3o Paulo',
      securityProfiles: ['Ag\u00e9nt'],
      hierarchyPath: ['EMEA', 'S\u00e3o Paulo'],
      phoneType: 'SOFT_PHONE',
      password: 'ssm:/pw/Jose\u0301',
      tags: { '\u00e9quipe': 'v\u00e9ndas' },
      source: { file: 'users/nfc.ts', line: 2 },
    });
  });

  it('passes control characters on, as written, for the control-characters rule to refuse', () => {
    const [user] = load('control.ts').users;
    expect([user.firstName, user.lastName, user.securityProfiles]).toStrictEqual(['Ja\u0007ne', 'Doe\u0000', ['Agent', 'Q\u001b[31mA']]);
  });

  it('fails when a file is not UTF-8, with the line, without running it', () => {
    const dir = tempFolder({ 'latin1.ts': Buffer.concat([Buffer.from("export default [\n  { username: 'jos"), Buffer.from([0xe9]), Buffer.from("' },\n];\n")]) });
    const { problems, users } = loadTypeScript(path.join(dir, 'latin1.ts'), 'users/latin1.ts');
    expect(users).toStrictEqual([]);
    expect(problems.map((p) => [p.code, p.file, p.line])).toStrictEqual([['INVALID_UTF8', 'users/latin1.ts', 2]]);
  });

  it('fails when a file cannot be read', () => {
    expect(loadTypeScript('/nonexistent/x.ts', 'users/x.ts').problems.map((p) => [p.code, p.message])).toStrictEqual([
      ['FILE_UNREADABLE', 'the file cannot be read (ENOENT)'],
    ]);
  });

  it(
    'fails when a file runs past the time limit, and still loads the files after it',
    () => {
      const options: TypeScriptLoadOptions = { timeoutMs: 1500 };
      const started = Date.now();
      const [before, hang, after] = loadTypeScriptFiles([asFile('good.ts'), asFile('hang.ts'), asFile('nfc.ts')], options);
      expect(before.users).toHaveLength(3);
      expect(hang.problems.map((p) => [p.code, p.file, p.line])).toStrictEqual([['TS_TIMEOUT', 'users/hang.ts', undefined]]);
      expect(hang.problems[0].message).toMatch(/^the file did not finish loading within 1\.5 s .* CONNECT_USERS_TS_TIMEOUT_SECONDS sets the limit$/);
      expect(after.users).toHaveLength(1);
      // The hung file was given its own full limit in a fresh loader (twice 1.5 s), no more.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    },
    20_000,
  );
});

describe('the time limit given to loadTypeScriptFiles', () => {
  // 0 would be no limit at all for spawnSync: refused before any file runs, as a caller's mistake.
  it.each([0, -1, NaN, Infinity])('refuses %p ms (a RangeError, no file loaded)', (timeoutMs) => {
    expect(() => loadTypeScriptFiles([asFile('good.ts')], { timeoutMs })).toThrow(
      new RangeError(`the time limit for loading TypeScript user files must be a number of milliseconds above 0, got ${timeoutMs}`),
    );
  });
});

describe('usersFromExport (in process, on hostile values)', () => {
  const base = { username: 'jane.doe', firstName: 'Jane', lastName: 'Doe', routingProfile: 'Sales', securityProfiles: ['Agent'], phoneType: 'SOFT_PHONE' };
  const source = "export default [\n  { username: 'jane.doe' },\n];\n";
  const codes = (exported: unknown) => usersFromExport(exported, 'users/x.ts', source).problems.map((p) => [p.code, p.field, p.line]);

  it('is pure and reports a non-array export at the export line', () => {
    expect(codes({ username: 'x' })).toStrictEqual([['TS_EXPORT_SHAPE', undefined, 1]]);
    expect(usersFromExport([], 'users/x.ts')).toStrictEqual({ users: [], problems: [] });
  });

  const HOSTILE: [string, unknown, unknown[][]][] = [
    ['a user is a Proxy', [new Proxy({ ...base }, {})], [['TS_EXPORT_SHAPE', undefined, undefined]]],
    ['a field is a Proxy', [{ ...base, securityProfiles: new Proxy(['Agent'], {}) }], [['INVALID_TYPE', 'securityProfiles', 2]]],
    ['a user is a class instance', [new (class User {})()], [['TS_EXPORT_SHAPE', undefined, undefined]]],
    ['a field is a function', [{ ...base, firstName: () => 'Jane' }], [['INVALID_TYPE', 'firstName', 2]]],
    ['a field is a bigint', [{ ...base, afterContactWorkTimeLimit: 30n }], [['INVALID_TYPE', 'afterContactWorkTimeLimit', 2]]],
    ['a field is a symbol', [{ ...base, lastName: Symbol('x') }], [['INVALID_TYPE', 'lastName', 2]]],
    ['a field is a Date', [{ ...base, email: new Date(0) }], [['INVALID_TYPE', 'email', 2]]],
    ['a security profile is not a text', [{ ...base, securityProfiles: ['Agent', 7] }], [['INVALID_TYPE', 'securityProfiles', 2]]],
    ['a tag value is not a text', [{ ...base, tags: { team: 1 } }], [['INVALID_TYPE', 'tags', 2]]],
    ['tags are an array', [{ ...base, tags: ['team=a'] }], [['INVALID_TYPE', 'tags', 2]]],
    ['two tag keys are the same once trimmed', [{ ...base, tags: { team: 'a', ' team ': 'b' } }], [['DUPLICATE_TAG', 'tags', 2]]],
    ['autoAccept is "yes"', [{ ...base, autoAccept: 'yes' }], [['INVALID_TYPE', 'autoAccept', 2]]],
    ['the ACW time is a text', [{ ...base, afterContactWorkTimeLimit: '30' }], [['INVALID_TYPE', 'afterContactWorkTimeLimit', 2]]],
    ['the phone type is not a text', [{ ...base, phoneType: 1 }], [['INVALID_TYPE', 'phoneType', 2]]],
  ];
  it.each(HOSTILE)('fails when %s', (_when, exported, expected) => {
    expect(codes(exported)).toStrictEqual(expected);
  });

  it('reads a getter once, and a throwing one (in the export, a user, a field, an item, a tag) becomes TS_EXPORT_READ', () => {
    let reads = 0;
    const counted = {
      ...base,
      get lastName() {
        reads++;
        return 'Doe';
      },
    };
    expect(usersFromExport([counted], 'users/x.ts').users[0].lastName).toBe('Doe');
    expect(reads).toBe(1);
    const boom = (): never => {
      throw new Error('boom');
    };
    const user = Object.defineProperty({ ...base }, 'email', { get: boom, enumerable: true });
    const items = Object.defineProperty(['Agent'], '0', { get: boom, enumerable: true });
    const tags = Object.defineProperty({}, 'team', { get: boom, enumerable: true });
    const list = Object.defineProperty([], '0', { get: boom, enumerable: true });
    expect(codes([user, { ...base, securityProfiles: items }, { ...base, tags }])).toStrictEqual([
      ['TS_EXPORT_READ', 'email', 2],
      ['TS_EXPORT_READ', 'securityProfiles', 2],
      ['TS_EXPORT_READ', 'tags', 2],
    ]);
    expect(codes(list)).toStrictEqual([['TS_EXPORT_READ', undefined, undefined]]);
    expect(usersFromExport(list, 'users/x.ts').problems[0].message).toBe('reading user #1 threw: Error: boom');
  });

  it('reads no deeper than users, fields and items: a cycle or a deep structure is a wrong type, not a hang', () => {
    const cyclic: Record<string, unknown> = { ...base };
    cyclic.tags = { self: cyclic };
    expect(codes([cyclic])).toStrictEqual([['INVALID_TYPE', 'tags', 2]]);
    expect(usersFromExport([{ ...base, securityProfiles: [['Agent']] }], 'users/x.ts').problems[0].message).toBe(
      'user #1: expected texts only, item #1 is an array',
    );
  });

  it('encodes a module\'s default export without running a Proxy, and nothing from a non-object', () => {
    expect(encodeProperty(new Proxy({}, { get: () => { throw new Error('trap'); } }), 'default')).toStrictEqual(['X', 'a Proxy']);
    expect(encodeProperty(undefined, 'default')).toStrictEqual(['U']);
    expect(encodeProperty({ other: 1 }, 'default')).toStrictEqual(['U']);
    expect(encodeProperty({ default: [1, 'a', null, true, NaN] }, 'default')).toStrictEqual(['A', 1, 'a', null, true, ['N', 'NaN']]);
  });

  it('decodes only what it encodes: anything else is unreadable, never a crash', () => {
    expect(decodeExport(['N', '-Infinity'])).toBe(-Infinity);
    expect(decodeExport(['Q', 1])).toStrictEqual(new Unsupported('an unreadable value'));
    expect(decodeExport({ a: 1 })).toStrictEqual(new Unsupported('an unreadable value'));
    expect(decodeExport(['E', 'boom', 'x'])).toStrictEqual(new Unreadable('boom', undefined));
    expect(decodeExport(['O', 'a', 1, 'dangling'])).toStrictEqual({ a: 1 });
  });

  it('describes what a file threw, and the line it threw on', () => {
    const error = new Error('first line\nsecond line');
    expect(describeThrown(error)).toBe('Error: first line');
    expect(describeThrown(new TypeError(''))).toBe('TypeError');
    expect(describeThrown(new Error('x'.repeat(20)), 5)).toBe('Error…');
    expect(describeThrown(new Error('bell \u0007'))).toBe('Error: bell \\u0007');
    expect(describeThrown(new Proxy(new Error('x'), {}))).toBe('a Proxy');
    expect(describeThrown('plain')).toBe('"plain"');
    expect(describeThrown(undefined)).toBe('nothing');
    const stack = Object.assign(new Error('x'), { stack: 'Error: x\n    at f (/u/users/a.ts:12:5)\n    at /u/users/a.ts:30:1' });
    expect(lineIn(stack, '/u/users/a.ts')).toBe(12);
    expect(lineIn(stack, '/u/users/b.ts')).toBe(undefined);
    expect(lineIn({ stack: 'at /u/users/a.ts:3:1' }, '/u/users/a.ts')).toBe(undefined) /* not an Error */;
  });

  it('describes what it refuses, and never a password', () => {
    const message = (value: unknown, field = 'firstName') => usersFromExport([{ ...base, [field]: value }], 'users/x.ts').problems[0].message;
    expect(message(() => 1)).toBe('user #1: expected a text, got a function');
    expect(message(new Date(0))).toBe('user #1: expected a text, got an instance of Date');
    expect(message(30n)).toBe('user #1: expected a text, got a bigint (30n)');
    expect(message(new Proxy({}, {}))).toBe('user #1: expected a text, got a Proxy');
    expect(message('Secr3t\u0007Pass', 'securityProfiles')).toBe('user #1: expected an array of texts, e.g. ["Agent"], got the text "Secr3t\\u0007Pass"');
    expect(message('Secr3tPass!', 'phoneType')).toBe('user #1: expected "SOFT_PHONE" or "DESK_PHONE", got "Secr3tPass!"');
    for (const secret of [12345678, ['Secr3t'], { p: 'Secr3t' }, true]) {
      expect(message(secret, 'password')).not.toMatch(/Secr3t|12345678|true/);
    }
    expect(message(12345678, 'password')).toBe('user #1: expected a text, got a number');
    expect([['x'], { p: 1 }, true, null].map((v) => message(v, 'password'))).toStrictEqual([
      'user #1: expected a text, got an array',
      'user #1: expected a text, got an object',
      'user #1: expected a text, got a boolean',
      'user #1: expected a text, got null',
    ]);
    expect([7, false, null, ['x'], { a: 1 }, Symbol('s')].map((v) => message(v))).toStrictEqual([
      'user #1: expected a text, got the number 7',
      'user #1: expected a text, got false',
      'user #1: expected a text, got null',
      'user #1: expected a text, got an array',
      'user #1: expected a text, got an object',
      'user #1: expected a text, got a symbol',
    ]);
    expect(message(Object.create({}))).toBe('user #1: expected a text, got an object that is not a plain object');
    expect(message(Object.create(new Proxy({}, {})))).toBe('user #1: expected a text, got an object whose prototype is a Proxy');
    expect(message(new (class AVeryLongClassNameThatGoesOnAndOnAndOnForeverAndEver {})())).toBe('user #1: expected a text, got an instance of AVeryLongClassNameThatGoesOnAndOnAndOnFo');
    expect(usersFromExport([, { ...base }], 'users/x.ts').problems.map((p) => p.message)).toStrictEqual(['user #1: expected an object ({ username: ..., ... }), got nothing']);
    expect(usersFromExport(new Array(MAX_ITEMS + 1), 'users/x.ts').problems[0].message).toBe(
      `expected \`export default defineUsers([...])\` (an array of users), got an array of ${MAX_ITEMS + 1} items (at most ${MAX_ITEMS} are read)`,
    );
  });

  it('shows an unknown key with its control characters escaped, in the field as in the message', () => {
    const [p] = usersFromExport([{ ...base, 'colo\u001b[2Jur': 'red' }], 'users/x.ts').problems;
    expect(p.field).toBe('colo\\u001b[2Jur');
    expect(p.message.startsWith('user #1 has an unknown field "colo\\u001b[2Jur": ')).toBe(true);
    expect(p.message).not.toMatch(/\u001b/);
  });

  it('reads values as the CSV loader does: empty text is not given, list items and tags trimmed, NaN kept for the ACW rule', () => {
    const [user] = usersFromExport(
      [{ ...base, email: '', password: '', securityProfiles: [' Agent ', '', 'QA'], tags: { ' team ': ' sales ' }, hierarchyGroup: ' EMEA | Lisbon ', afterContactWorkTimeLimit: NaN }],
      'users/x.ts',
    ).users;
    expect([user.email, user.password, user.securityProfiles, user.tags, user.hierarchyPath, user.afterContactWorkTimeLimit]).toStrictEqual([
      undefined,
      undefined,
      ['Agent', 'QA'],
      { team: 'sales' },
      ['EMEA', 'Lisbon'],
      NaN,
    ]);
    expect(usersFromExport([{ ...base, afterContactWorkTimeLimit: -Infinity }], 'users/x.ts').users[0].afterContactWorkTimeLimit).toBe(-Infinity);
  });

  // csv-parse's trim: true on an unquoted cell removes what String.prototype.trim removes (csv-parse 7.0.3).
  it.each<[string, string, string, unknown]>([
    ['a name', 'firstName', ' Jane ', 'Jane'],
    ['a username', 'username', '\tjane.doe\u00a0', 'jane.doe'],
    ['a routing profile', 'routingProfile', 'Sales ', 'Sales'],
    ['an email', 'email', '\u3000jane@example.com\ufeff', 'jane@example.com'],
    ['a desk phone number', 'deskPhoneNumber', ' +14155550100\u2028', '+14155550100'],
    ['a directory user id', 'directoryUserId', ' d-1 ', 'd-1'],
    ['a hierarchy path', 'hierarchyGroup', ' EMEA|Sales\n', ['EMEA', 'Sales']],
    ['white space only (not given, as a blank cell)', 'lastName', ' \t ', undefined],
    ['a phone type', 'phoneType', ' DESK_PHONE ', 'DESK_PHONE'],
    ['a password: kept exactly as written', 'password', ' Secr3t Pass ', ' Secr3t Pass '],
    ['a password of white space: kept', 'password', '  ', '  '],
    ['white space inside: kept', 'lastName', ' van  Dijk ', 'van  Dijk'],
    ['a character trim does not remove (U+0085): kept', 'lastName', '\u0085Doe', '\u0085Doe'],
  ])('reads %s as the CSV reads an unquoted cell: trimmed, except the password', (_what, field, value, expected) => {
    const { users, problems } = usersFromExport([{ ...base, [field]: value }], 'users/x.ts');
    expect(problems).toStrictEqual([]);
    const key = field === 'hierarchyGroup' ? 'hierarchyPath' : field;
    expect((users[0] as unknown as Record<string, unknown>)[key]).toStrictEqual(expected);
  });

  it('skips a field set to undefined, as a preset spread leaves it', () => {
    expect(usersFromExport([{ ...base, email: undefined }], 'users/x.ts')).toStrictEqual({
      users: [{ ...base, source: { file: 'users/x.ts', line: undefined } }],
      problems: [],
    });
  });
});

describe('a TypeScript file that exits, through the bundled CLI (dist/cli.js and dist/typescript-child.js)', () => {
  it('fails `connect-users validate` with exit code 1 and the file:line, instead of exiting 0 silently', () => {
    const dir = tempFolder({
      'a.csv': 'username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane.doe,Jane,Doe,Sales,Agent,soft\n',
      'quit.ts': 'export default [];\nprocess.exit(0);\n',
    });
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), 'validate', '--dir', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${dir}/quit.ts:2: the file calls process.exit(0): a user file must only export its users; remove the call (TS_EXIT)`);
  }, 20_000);
});
