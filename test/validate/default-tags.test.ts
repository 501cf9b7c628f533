import { defaultTagsProblems, tagsWithDefaults } from '../../src/validate/default-tags';
import { makeUser } from '../helpers';

const tags = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

describe('tagsWithDefaults (a user\'s own tags and the stack\'s defaultTags: at most 50 keys)', () => {
  const at = { file: 'users/a.csv', line: 7 };

  it('accepts 50 keys in all', () => {
    expect(tagsWithDefaults([makeUser('a', { tags: tags(40), source: at })], tags(10, 'd'))).toStrictEqual([]);
  });

  it('refuses 51 keys in all, at the user\'s file and line', () => {
    expect(tagsWithDefaults([makeUser('a', { tags: tags(40), source: at })], tags(11, 'd'))).toStrictEqual([
      {
        file: 'users/a.csv',
        line: 7,
        field: 'tags',
        code: 'TAG_COUNT',
        message: "expected at most 50 tags counting the stack's 11 default tags (defaultTags), got 51 (40 of the user's own, 11 more from the defaults): remove some of either",
      },
    ]);
  });

  it('counts a key the user and the defaults share once (the user\'s value replaces the default)', () => {
    expect(tagsWithDefaults([makeUser('a', { tags: tags(45) })], { ...tags(5, 'd'), k0: 'x', k1: 'y' })).toStrictEqual([]);
    expect(tagsWithDefaults([makeUser('a', { tags: tags(45) })], { ...tags(6, 'd'), k0: 'x' })).toHaveLength(1);
  });

  it('counts a key __proto__ like any other', () => {
    const own = JSON.parse(`{${Array.from({ length: 49 }, (_, i) => `"k${i}":"v"`).join(',')},"__proto__":"v"}`);
    expect(tagsWithDefaults([makeUser('a', { tags: own })], JSON.parse('{"__proto__":"d"}'))).toStrictEqual([]);
    expect(tagsWithDefaults([makeUser('a', { tags: own })], JSON.parse('{"d":"d"}')).map((p) => p.code)).toStrictEqual(['TAG_COUNT']);
  });

  it('leaves a user with more than 50 tags of its own to the tag-limits rule', () => {
    expect(tagsWithDefaults([makeUser('a', { tags: tags(51) })], tags(1, 'd'))).toStrictEqual([]);
  });

  it('reports each user over the limit, and only those', () => {
    const list = [makeUser('a', { tags: tags(50) }), makeUser('b', { tags: tags(49) }), makeUser('c', { tags: tags(50), source: { file: 'users/c.csv', line: 3 } })];
    expect(tagsWithDefaults(list, { d: 'x' }).map((p) => [p.file, p.line])).toStrictEqual([
      ['users/a.csv', 2],
      ['users/c.csv', 3],
    ]);
    expect(tagsWithDefaults(list, {})).toStrictEqual([]);
  });
});

describe('defaultTagsProblems (the rules of a user\'s tags, for defaultTags)', () => {
  it.each([
    ['a plain tag', { team: 'sales' }, []],
    ['a 128-character key', { ['k'.repeat(128)]: 'v' }, []],
    ['a 256-character value', { k: 'v'.repeat(256) }, []],
    ['an empty value', { k: '' }, []],
    ['letters, spaces and _ . : / = + - @', { 'é x_.:/=+-@1': 'v' }, []],
    ['__proto__', JSON.parse('{"__proto__":"v"}'), []],
    ['a 129-character key', { ['k'.repeat(129)]: 'v' }, [`expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got "${'k'.repeat(60)}…", which has 129 characters`]],
    ['a key starting with aws:', { 'AWS:x': 'v' }, ['expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got "AWS:x", which starts with "aws:" (reserved for AWS)']],
    ['an empty key', { '': 'v' }, ['expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got "", which is empty']],
    ['a key with $', { 'k${x}': 'v' }, ['expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got "k${x}", which holds another character']],
    ['a 257-character value', { k: 'v'.repeat(257) }, ['expected the value of tag "k" to have at most 256 characters, got 257 characters']],
    ['a value that is not a string', { k: 7 as unknown as string }, ['expected the value of tag "k" to be a string, got 7']],
  ])('%s', (_what, defaultTags, expected) => expect(defaultTagsProblems(defaultTags)).toStrictEqual(expected));

  it('allows 50 default tags and refuses 51', () => {
    expect(defaultTagsProblems(tags(50))).toStrictEqual([]);
    expect(defaultTagsProblems(tags(51))).toStrictEqual(['expected at most 50 default tags, got 51']);
  });
});
