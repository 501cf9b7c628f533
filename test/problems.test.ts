import { escapeControls, formatLocation, formatProblem, safeJson, show, UNSAFE_CHARACTER, unicodeEscape } from '../src/problems';

describe('show', () => {
  const CASES: [string, unknown, string][] = [
    ['quotes a text', 'Jane', '"Jane"'],
    ['escapes a quote and a backslash as JSON does', 'a"b\\c', '"a\\"b\\\\c"'],
    ['escapes C0 controls, NUL first and U+001F last', '\u0000a\u001f', '"\\u0000a\\u001f"'],
    ['escapes an ANSI escape sequence (ESC [)', 'x\u001b[2Jy', '"x\\u001b[2Jy"'],
    ['escapes DEL', 'a\u007fb', '"a\\u007fb"'],
    ['escapes C1 controls, U+0080 to U+009F (the 8-bit CSI is U+009B)', '\u0080\u009b\u009f', '"\\u0080\\u009b\\u009f"'],
    ['keeps "~" (before DEL) and a no-break space (after C1)', '~\u00a0', '"~\u00a0"'],
    ['escapes bidirectional overrides and line separators', '\u202eab\u2066\u2028\u200f', '"\\u202eab\\u2066\\u2028\\u200f"'],
    ['keeps accents and emoji', 'Jos\u00e9 \u{1F600}', '"Jos\u00e9 \u{1F600}"'],
    ['shows nothing as "nothing"', undefined, 'nothing'],
    ['shows a number as itself, NaN and Infinity included', NaN, 'NaN'],
    ['shows -Infinity', -Infinity, '-Infinity'],
    ['shows a bigint', 30n, '30'],
    ['shows an object as its JSON, escaped', { k: '\u0085' }, '{"k":"\\u0085"}'],
    ['shows null', null, 'null'],
    ['shows a boolean', true, 'true'],
  ];
  it.each(CASES)('%s', (_what, value, shown) => {
    expect(show(value)).toBe(shown);
  });

  it('cuts a text after max characters, and at max keeps it whole', () => {
    expect(show('abcdef', 5)).toBe('"abcde…"');
    expect(show('abcde', 5)).toBe('"abcde"');
    expect(show('a'.repeat(61))).toBe(`"${'a'.repeat(60)}…"`);
    expect(show('a'.repeat(60))).toBe(`"${'a'.repeat(60)}"`);
  });

  it('cuts a long JSON value too', () => {
    expect(show({ a: 'x'.repeat(100) }, 10)).toBe('{"a":"xxxx…');
  });

  it('never throws: a cycle, a BigInt inside, a throwing toJSON, a revoked Proxy', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = {
      toJSON() {
        throw new Error('no');
      },
    };
    for (const value of [cycle, { n: 1n }, throwing, proxy]) expect(show(value)).toBe('(a value that cannot be shown)');
  });

  it('shows a symbol and a function by their text, escaped', () => {
    expect(show(Symbol('a\u0007'))).toBe('Symbol(a\\u0007)');
  });
});

/** Every unsafe character, range by range: the first and last of each range, and the code points just outside. */
const UNSAFE: [string, string][] = [
  ['NUL, the first C0 control', '\u0000'],
  ['ESC', '\u001b'],
  ['the unit separator, the last C0 control', '\u001f'],
  ['DEL', '\u007f'],
  ['the first C1 control', '\u0080'],
  ['CSI, the 8-bit escape sequence introducer', '\u009b'],
  ['the last C1 control', '\u009f'],
  ['the Arabic letter mark', '\u061c'],
  ['the left-to-right mark', '\u200e'],
  ['the right-to-left mark', '\u200f'],
  ['the line separator', '\u2028'],
  ['the paragraph separator', '\u2029'],
  ['the left-to-right embedding, the first of U+202A-U+202E', '\u202a'],
  ['the right-to-left override', '\u202e'],
  ['the left-to-right isolate, the first of U+2066-U+2069', '\u2066'],
  ['the pop directional isolate', '\u2069'],
];
const SAFE: [string, string][] = [
  ['a space, right after the C0 controls', ' '],
  ['"~", right before DEL', '~'],
  ['a no-break space, right after the C1 controls', '\u00a0'],
  ['U+061B and U+061D, around the Arabic letter mark', '\u061b\u061d'],
  ['the zero-width joiner U+200D, right before the marks (emoji sequences use it)', '\u200d'],
  ['U+2010, right after the marks', '\u2010'],
  ['U+2027 and U+202F, around the separators and embeddings', '\u2027\u202f'],
  ['U+2065 and U+206A, around the isolates', '\u2065\u206a'],
  ['accents, other scripts and emoji', 'José Müller 山田 \u{1F600}'],
];

describe('UNSAFE_CHARACTER: the one set of characters never printed raw', () => {
  it.each(UNSAFE)('holds %s', (_what, c) => expect(UNSAFE_CHARACTER.test(`a${c}b`)).toBe(true));
  it.each(SAFE)('leaves out %s', (_what, text) => expect(UNSAFE_CHARACTER.test(text)).toBe(false));
  it('has no state between calls (not global)', () => {
    expect([UNSAFE_CHARACTER.test('\u0007'), UNSAFE_CHARACTER.test('\u0007')]).toStrictEqual([true, true]);
  });
});

describe('escapeControls', () => {
  it.each(UNSAFE)('writes %s as \\uXXXX', (_what, c) => {
    expect(escapeControls(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b`);
  });
  it('writes a line feed, a carriage return and a tab by name, as JSON does', () => {
    expect(escapeControls('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
  });
  it.each(SAFE)('leaves %s alone', (_what, text) => expect(escapeControls(text)).toBe(text));
  it('escapes every unsafe character of a text, and only those', () => {
    expect(escapeControls('a\u0007b\u009bc "d"\\\u061c\n::error::x')).toBe('a\\u0007b\\u009bc "d"\\\\u061c\\n::error::x');
  });
  it('changes nothing when run twice: its output holds no unsafe character', () => {
    const once = escapeControls('\u001b[31m\n\u202e');
    expect([once, escapeControls(once)]).toStrictEqual(['\\u001b[31m\\n\\u202e', '\\u001b[31m\\n\\u202e']);
  });
});

describe('unicodeEscape', () => {
  it('writes a code unit with four lower-case hex digits', () => {
    expect([unicodeEscape('\u0007'), unicodeEscape('\n'), unicodeEscape('\u202e'), unicodeEscape('\uffff')]).toStrictEqual(['\\u0007', '\\u000a', '\\u202e', '\\uffff']);
  });
});

describe('formatLocation and formatProblem', () => {
  it('write file:line, or the file alone', () => {
    expect([formatLocation({ file: 'users/a.csv', line: 7 }), formatLocation({ file: 'users/a.csv' }), formatLocation({ file: 'a.csv', line: 0 })]).toStrictEqual([
      'users/a.csv:7',
      'users/a.csv',
      'a.csv:0',
    ]);
  });

  it('escape a file name that would start a GitHub workflow command or colour the log', () => {
    const file = 'users/a\u001b[31m\n::error::x\u202e.csv';
    expect(formatLocation({ file, line: 2 })).toBe('users/a\\u001b[31m\\n::error::x\\u202e.csv:2');
    expect(formatProblem({ file, code: 'X', message: 'm' })).toBe('users/a\\u001b[31m\\n::error::x\\u202e.csv: m (X)');
  });

  it('escape the whole line: the field and the message too, whatever built them', () => {
    expect(formatProblem({ file: 'a.csv', line: 3, field: 'f\u0085', code: 'C', message: 'got\nmore' })).toBe('a.csv:3: f\\u0085: got\\nmore (C)');
    expect(formatProblem({ file: 'a.csv', line: 3, code: 'C', message: 'x' })).toBe('a.csv:3: x (C)');
  });
});

describe('safeJson', () => {
  it('is the same JSON, with what JSON leaves raw (DEL, C1, separators, bidi controls) escaped, and its own line breaks kept', () => {
    const value = { 'users/a\u202e.csv': 1, s: '\u007f\u0085\u2028\u061c\u001b\n', plain: 'José' };
    const text = safeJson(value, 2);
    expect(text).toBe('{\n  "users/a\\u202e.csv": 1,\n  "s": "\\u007f\\u0085\\u2028\\u061c\\u001b\\n",\n  "plain": "José"\n}');
    expect(JSON.parse(text)).toStrictEqual(value);
    expect(safeJson(['a'])).toBe('["a"]');
  });
});
