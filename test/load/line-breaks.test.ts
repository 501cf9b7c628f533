import { lineBreaks } from '../../src/load/line-breaks';

describe('lineBreaks', () => {
  it.each<[string, string, number | undefined, number | undefined, number]>([
    ['none', 'abc', undefined, undefined, 0],
    ['one at the very start', '\nab', undefined, undefined, 1],
    ['a CRLF once', 'a\r\nb\r\n', undefined, undefined, 2],
    ['from an index', 'a\nb\nc', 2, undefined, 1],
    ['before an index, not at it', 'a\nb', 0, 1, 0],
    ['up to one past it', 'a\nb', 0, 2, 1],
  ])('counts %s', (_what, text, from, to, n) => {
    expect(lineBreaks(text, from, to)).toBe(n);
  });
});
