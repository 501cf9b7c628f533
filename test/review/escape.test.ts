import { escapeControls } from '../../src/problems';
import { capMarkdown, escapeMarkdown, escapeText, GITHUB_COMMENT_LIMIT } from '../../src/review/escape';

const ZWJ = '\u200d';

describe('escapeText', () => {
  const cases: [string, string, string][] = [
    ['a line feed (a new log line: a GitHub workflow command)', 'Ann\n::error::pwned', 'Ann\\n::error::pwned'],
    ['a carriage return', 'a\rb', 'a\\rb'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['NUL, the first C0 control', 'a\u0000b', 'a\\u0000b'],
    ['the unit separator, the last C0 control', 'a\u001fb', 'a\\u001fb'],
    ['ESC (terminal escape sequences)', '\u001b[31mred', '\\u001b[31mred'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
    ['the first C1 control', 'a\u0080b', 'a\\u0080b'],
    ['CSI, the 8-bit escape sequence introducer', 'a\u009bb', 'a\\u009bb'],
    ['the line separator', 'a\u2028b', 'a\\u2028b'],
    ['the paragraph separator', 'a\u2029b', 'a\\u2029b'],
    ['a right-to-left override (reordered text)', 'a\u202eb', 'a\\u202eb'],
    ['a first-strong isolate', 'a\u2068b', 'a\\u2068b'],
    ['the Arabic letter mark (a bidi control too)', 'a\u061cb', 'a\\u061cb'],
  ];
  it.each(cases)('escapes %s', (_, input, expected) => expect(escapeText(input)).toBe(expected));

  it("is problems.ts's escapeControls: one escaper, one set of characters", () => expect(escapeText).toBe(escapeControls));

  it.each([
    ['a space, the first printable character', 'a b'],
    ['a tilde, the last printable ASCII character', 'a~b'],
    ['a no-break space, right after the C1 controls', 'a\u00a0b'],
    ['accents and other scripts', 'José Müller 山田'],
  ])('leaves %s alone', (_, input) => expect(escapeText(input)).toBe(input));
});

describe('escapeMarkdown', () => {
  it('escapes what Markdown would format, so it shows literally', () => {
    expect(escapeMarkdown('<img src=x> | **bold** _i_ [l](u) `c` #h ~s~ !x')).toBe(
      '\\<img src\\=x\\> \\| \\*\\*bold\\*\\* \\_i\\_ \\[l\\]\\(u\\) \\`c\\` \\#h \\~s\\~ \\!x',
    );
  });

  it('keeps an HTML entity a user wrote from rendering as a character', () => {
    expect(escapeMarkdown('&lt;script&gt;')).toBe('\\&lt;script\\&gt;');
  });

  it('shows control characters as escapes, the backslash escaped for Markdown', () => {
    expect(escapeMarkdown('a\nb\rc')).toBe('a\\\\nb\\\\rc');
  });

  it('breaks @mentions and email autolinks with a zero-width joiner', () => {
    expect(escapeMarkdown('@octocat')).toBe(`@${ZWJ}octocat`);
    expect(escapeMarkdown('jane@example.com')).toBe(`jane@${ZWJ}example\\.com`);
  });

  it('breaks issue references', () => {
    expect(escapeMarkdown('#12')).toBe(`\\#${ZWJ}12`);
    expect(escapeMarkdown('#x')).toBe('\\#x');
  });

  it('breaks URL and www. autolinks', () => {
    expect(escapeMarkdown('https://evil.example')).toBe(`https${ZWJ}\\://evil\\.example`);
    expect(escapeMarkdown('see www.evil.example')).toBe(`see www${ZWJ}\\.evil\\.example`);
    expect(escapeMarkdown('WWW.x')).toBe(`WWW${ZWJ}\\.x`);
    expect(escapeMarkdown('awww.x')).toBe('awww\\.x');
    expect(escapeMarkdown('team:a')).toBe('team\\:a');
  });
});

describe('capMarkdown', () => {
  it('leaves a report at the limit as it is', () => {
    const text = 'x'.repeat(100);
    expect(capMarkdown(text, 'see the log', 100)).toBe(text);
  });

  it('cuts a report one past the limit at a line break and says where the rest is', () => {
    const capped = capMarkdown(`${'a'.repeat(200)}\n${'b'.repeat(200)}`, 'See the log.', 320);
    expect(capped.length <= 320).toBe(true);
    expect(capped.startsWith(`${'a'.repeat(200)}\n\n> :scissors: This report was cut at 320 characters (GitHub's limit). See the log.\n`)).toBe(true);
    expect(capped.includes('bb')).toBe(false);
  });

  it('never splits a surrogate pair when there is no line break to cut at', () => {
    const capped = capMarkdown('😀'.repeat(200), 'x', 200);
    expect(capped.length <= 200).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(capped)).toBe(false);
  });

  const note = (limit: number, where: string) => `\n\n> :scissors: This report was cut at ${limit} characters (GitHub's limit). ${where}\n`;

  it('a line break at the very start is no place to cut: the text is cut at the limit instead', () => {
    const text = `\n${'x'.repeat(300)}`;
    const room = 200 - note(200, 'W.').length;
    expect(capMarkdown(text, 'W.', 200)).toBe(`${text.slice(0, room)}${note(200, 'W.')}`);
    expect(capMarkdown(text, 'W.', 200)).toHaveLength(200);
  });

  it('steps back one character only when the cut would fall inside a surrogate pair', () => {
    const room = 200 - note(200, 'W.').length;
    const pairAtCut = `${'x'.repeat(room - 1)}😀${'x'.repeat(100)}`; // the high surrogate is the last character kept
    expect(capMarkdown(pairAtCut, 'W.', 200)).toBe(`${'x'.repeat(room - 1)}${note(200, 'W.')}`);
    const pairAfterCut = `${'x'.repeat(room)}😀${'x'.repeat(100)}`; // the pair starts just after the cut
    expect(capMarkdown(pairAfterCut, 'W.', 200)).toBe(`${'x'.repeat(room)}${note(200, 'W.')}`);
  });

  it("defaults to GitHub's comment limit", () => {
    expect(GITHUB_COMMENT_LIMIT).toBe(65536);
    expect(capMarkdown('y'.repeat(GITHUB_COMMENT_LIMIT), 'x')).toHaveLength(GITHUB_COMMENT_LIMIT);
    expect(capMarkdown('y'.repeat(GITHUB_COMMENT_LIMIT + 1), 'x').length <= GITHUB_COMMENT_LIMIT).toBe(true);
  });
});
