import { decodeExport, describeThrown, encodeExport, encodeProperty, errorMessage, lineIn, MAX_ITEMS, Unreadable, Unsupported } from '../../src/load/ts-export';

/** An Error with the given stack (what tsx maps to the TypeScript source). */
const withStack = (stack: string, message = 'boom') => Object.assign(new Error(message), { stack });
const throwing = (error: unknown) => ({
  get: (): never => {
    throw error;
  },
  enumerable: true,
});

describe('encodeProperty', () => {
  it('reads the default export of a module as an export (the users at depth 1)', () => {
    expect(encodeProperty({ default: [{ username: 'a', securityProfiles: ['Agent'] }] }, 'default')).toStrictEqual(['A', ['O', 'username', 'a', 'securityProfiles', ['A', 'Agent']]]);
  });

  it.each([null, undefined, 'text', 7])('gives nothing for a module that is %p', (holder) => {
    expect(encodeProperty(holder, 'default')).toStrictEqual(['U']);
  });
});

describe('encodeExport', () => {
  it.each<[string, unknown, unknown]>([
    ['a function', () => 1, ['X', 'a function']],
    ['a Proxy of a function', new Proxy(() => 1, {}), ['X', 'a Proxy']],
    ['a symbol', Symbol('s'), ['X', 'a symbol']],
    ['a bigint', 12n, ['X', 'a bigint (12n)']],
    ['Infinity', Infinity, ['N', 'Infinity']],
    ['an instance of an anonymous class', new (class {})(), ['X', 'an object that is not a plain object']],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 }), ['O', 'a', 1]],
  ])('encodes %s', (_what, value, expected) => {
    expect(encodeExport(value)).toStrictEqual(expected);
  });

  it('names an instance whose class has no own name as an object that is not plain', () => {
    class Named {}
    delete (Named as unknown as { name?: string }).name;
    expect(encodeExport(new Named())).toStrictEqual(['X', 'an object that is not a plain object']);
  });

  it('reads three levels (users, fields, items): a container below is only described', () => {
    expect(encodeExport([[[['x']]]])).toStrictEqual(['A', ['A', ['A', ['X', 'an array']]]]);
    expect(encodeExport([[[{ a: 1 }]]])).toStrictEqual(['A', ['A', ['A', ['X', 'an object']]]]);
    expect(encodeExport({ a: { b: { c: { d: 1 } } } })).toStrictEqual(['O', 'a', ['O', 'b', ['O', 'c', ['X', 'an object']]]]);
  });

  it('counts the levels the same through a getter', () => {
    const exported = Object.defineProperty({}, 'a', { get: () => [[['x']]], enumerable: true });
    expect(encodeExport(exported)).toStrictEqual(['O', 'a', ['A', ['A', ['X', 'an array']]]]);
  });

  it(`reads an array of ${MAX_ITEMS} items, and describes a longer one`, () => {
    const read = encodeExport(new Array(MAX_ITEMS)) as unknown[];
    expect([read.length, read[0], read[MAX_ITEMS]]).toStrictEqual([MAX_ITEMS + 1, 'A', ['U']]);
    expect(encodeExport(new Array(MAX_ITEMS + 1))).toStrictEqual(['X', `an array of ${MAX_ITEMS + 1} items (at most ${MAX_ITEMS} are read)`]);
  });

  it(`describes an object of more than ${MAX_ITEMS} keys without reading them`, () => {
    // Bytes without a prototype: an object of a million keys, quick to build. (Reading one of
    // exactly MAX_ITEMS keys, as the array test does, would cost a second more.)
    const keyed = Object.setPrototypeOf(new Uint8Array(MAX_ITEMS + 1), null) as object;
    expect(encodeExport(keyed)).toStrictEqual(['X', `an object with ${MAX_ITEMS + 1} keys (at most ${MAX_ITEMS} are read)`]);
    expect(encodeExport(Object.setPrototypeOf(new Uint8Array(2), null))).toStrictEqual(['O', '0', 0, '1', 0]);
  });

  it('calls a getter once, with no arguments', () => {
    const exported = Object.defineProperty({}, 'n', {
      get: function (...args: unknown[]) {
        return args.length;
      },
      enumerable: true,
    });
    expect(encodeExport(exported)).toStrictEqual(['O', 'n', 0]);
  });

  it("keeps what a getter threw, with the line of the file when its stack passes through the file (and only the file's)", () => {
    const error = withStack('Error: boom\n    at get (/u/users/a.ts:12:5)');
    const exported = Object.defineProperty({}, 'a', throwing(error));
    expect(encodeExport(exported, '/u/users/a.ts')).toStrictEqual(['O', 'a', ['E', 'Error: boom', 12]]);
    expect(encodeExport(exported, '/u/users/b.ts')).toStrictEqual(['O', 'a', ['E', 'Error: boom']]);
    expect(encodeExport(exported)).toStrictEqual(['O', 'a', ['E', 'Error: boom']]);
    // Without a file, no line at all (not that of a frame that happens to read "undefined:").
    const odd = Object.defineProperty({}, 'a', throwing(withStack('Error: boom\n    at undefined:12:5')));
    expect(encodeExport(odd)).toStrictEqual(['O', 'a', ['E', 'Error: boom']]);
  });
});

describe('decodeExport', () => {
  it('rebuilds what a getter threw, with its line when the encoding has one', () => {
    expect(decodeExport(['E', 'Error: boom', 7])).toStrictEqual(new Unreadable('Error: boom', 7));
    expect((decodeExport(['E', 'Error: boom', 7]) as Unreadable).line).toBe(7);
    expect((decodeExport(['E', 'Error: boom', '7']) as Unreadable).line).toBe(undefined);
    expect(decodeExport(['X', 'a function'])).toStrictEqual(new Unsupported('a function'));
  });
});

describe('describeThrown', () => {
  it.each<[string, unknown, string]>([
    ['an error whose name is not a text', Object.assign(new Error('x'), { name: 1 }), 'Error: x'],
    ['an error whose message is not a text', Object.assign(new Error(), { message: 5 }), 'Error'],
    ['an error whose name getter throws', Object.defineProperty(new Error('x'), 'name', throwing(new Error('no'))), 'Error: x'],
    ['a TypeError', new TypeError('bad'), 'TypeError: bad'],
  ])('describes %s', (_what, thrown, expected) => {
    expect(describeThrown(thrown)).toBe(expected);
  });

  it('cuts a description longer than the limit, not one exactly as long', () => {
    expect(describeThrown(new Error('x'.repeat(13)), 20)).toBe(`Error: ${'x'.repeat(13)}`);
    expect(describeThrown(new Error('x'.repeat(14)), 20)).toBe(`Error: ${'x'.repeat(13)}…`);
  });
});

describe('errorMessage', () => {
  it.each<[string, unknown, string | undefined]>([
    ['an Error: its whole message', new Error('first\nsecond'), 'first\nsecond'],
    ['an Error whose message is not a text', Object.assign(new Error(), { message: 5 }), undefined],
    ['a Proxy of an Error', new Proxy(new Error('x'), {}), undefined],
    ['an object that looks like an Error', { name: 'Error', message: 'x' }, undefined],
    ['a text', 'x', undefined],
  ])('of %s', (_what, thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected);
  });
});

describe('lineIn', () => {
  it.each<[string, string, number | undefined]>([
    ['a frame in parentheses', 'Error: x\n    at f (/u/a.ts:12:5)', 12],
    ['a frame without parentheses', 'Error: x\n    at /u/a.ts:30:15', 30],
    ['a frame with spaces after it', 'Error: x\n    at f (/u/a.ts:12:5)   ', 12],
    ['a frame that starts with the file', 'Error: x\n/u/a.ts:7:1', 7],
    ['the first frame through the file', 'Error: x\n    at g (/u/b.ts:1:1)\n    at f (/u/a.ts:4:2)\n    at /u/a.ts:9:1', 4],
    ['no frame through the file', 'Error: x\n    at f (/u/b.ts:12:5)\nxxxxxxx12:5', undefined],
    ['a frame with something after the position', 'Error: x\n    at /u/a.ts:12:5 extra', undefined],
    ['a frame with something before the position', 'Error: x\n    at /u/a.ts:x 3:4', undefined],
  ])('reads %s', (_what, stack, expected) => {
    expect(lineIn(withStack(stack), '/u/a.ts')).toBe(expected);
  });

  it('reads nothing from an Error without a stack, a Proxy, or another value', () => {
    expect(lineIn(Object.assign(new Error('x'), { stack: undefined }), '/u/a.ts')).toBe(undefined);
    expect(lineIn(new Proxy(withStack('at /u/a.ts:3:1'), {}), '/u/a.ts')).toBe(undefined);
    expect(lineIn('at /u/a.ts:3:1', '/u/a.ts')).toBe(undefined);
  });
});
