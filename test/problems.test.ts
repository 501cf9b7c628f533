import { escapeControls, show } from '../src/problems';

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

describe('escapeControls', () => {
  it('escapes only unsafe characters, with four hex digits', () => {
    expect(escapeControls('a\u0007b\u009bc "d"\\')).toBe('a\\u0007b\\u009bc "d"\\');
    expect(escapeControls('\u061c')).toBe('\\u061c');
  });
});
