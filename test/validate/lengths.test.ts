import { characters, describeLength, describeUnits, utf16Units, utf8Bytes } from '../../src/validate/lengths';

describe('lengths', () => {
  it.each([
    ['', 0, 0, 0, '0 characters'],
    ['a', 1, 1, 1, '1 character'],
    ['é', 1, 2, 1, '1 character, 2 bytes in UTF-8'],
    ['山田', 2, 6, 2, '2 characters, 6 bytes in UTF-8'],
    ['😀x', 2, 5, 3, '2 characters, 5 bytes in UTF-8'],
  ])('%p has %p characters, %p bytes, %p UTF-16 units: %p', (value, chars, bytes, units, described) => {
    expect([characters(value), utf8Bytes(value), utf16Units(value), describeLength(value)]).toStrictEqual([chars, bytes, units, described]);
  });
  it('describes UTF-16 counting only when it differs', () => {
    expect(describeUnits('abc')).toBe('3 characters');
    expect(describeUnits('😀😀')).toBe('2 characters, counted as 4 (an emoji or other character outside the Basic Multilingual Plane counts 2)');
  });
});
