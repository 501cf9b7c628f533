import { decodeUtf8 } from '../../src/load/utf8';

describe('decodeUtf8', () => {
  it('decodes UTF-8 with multi-byte characters, dropping a BOM', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFJos\u00e9\n\u{1F600}\n', 'utf8'))).toBe('Jos\u00e9\n\u{1F600}\n');
    expect(decodeUtf8(Buffer.alloc(0))).toBe('');
  });

  const BAD: [string, Buffer, number][] = [
    ['a Latin-1 byte on line 1', Buffer.from([0x4a, 0xe9, 0x0a, 0x41]), 1],
    ['a Latin-1 byte on line 3, after CRLF line ends', Buffer.concat([Buffer.from('a\r\nb\r\nc'), Buffer.from([0xe9])]), 3],
    ['a multi-byte sequence cut by the end of the file', Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xf0, 0x9f])]), 3],
    ['a lone continuation byte after valid lines', Buffer.concat([Buffer.from('\u00e9\n'), Buffer.from([0x80])]), 2],
  ];
  it.each(BAD)('gives the line of %s', (_what, bytes, line) => {
    expect(decodeUtf8(bytes)).toStrictEqual({ invalidLine: line });
  });
});

describe('decodeUtf8: the line of the first bad byte', () => {
  it('is found after lines that end with a multi-byte character', () => {
    expect(decodeUtf8(Buffer.concat([Buffer.from('\u00e9\n\u00e9\nx'), Buffer.from([0xe9])]))).toStrictEqual({ invalidLine: 3 });
  });
});
