import { HIDDEN_VALUE } from '../../../src/model';
import { chars, problem, problemsFor, ruleResult } from './helpers';

const KEY = 'expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got';
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('tag-limits', () => {
  it('fails when there are 51 tags', () => {
    expect(problemsFor({ tags: tags(51) })).toStrictEqual([problem('tags', 'TAG_COUNT', 'expected at most 50 tags, got 51: remove some')]);
  });
  it.each([
    ['starts with aws:', 'aws:team', `${KEY} "aws:team", which starts with "aws:" (reserved for AWS)`],
    ['starts with AWS: in any case', 'AwS:team', `${KEY} "AwS:team", which starts with "aws:" (reserved for AWS)`],
    ['has 129 characters', chars(129), `${KEY} "${chars(60)}…", which has 129 characters`],
    ['has 65 emoji (130 UTF-16 units)', chars(65, '😀'), `${KEY} "${chars(30, '😀')}…", which has 65 characters, counted as 130 (an emoji or other character outside the Basic Multilingual Plane counts 2)`],
    ['is empty', '', `${KEY} "", which is empty`],
    ['holds a character outside the pattern', 'team#1', `${KEY} "team#1", which holds another character`],
    ['starts with one', '#team', `${KEY} "#team", which holds another character`],
    ['ends with one', 'team#', `${KEY} "team#", which holds another character`],
  ])('fails when a key %s', (_when, key, message) => {
    expect(problemsFor({ tags: { [key]: 'x' } })).toStrictEqual([problem('tags', 'TAG_KEY', message)]);
  });
  it.each([
    ['has 257 characters', chars(257), 'expected the value of tag "team" to have at most 256 characters, got 257 characters'],
    ['has 129 emoji (258 UTF-16 units)', chars(129, '😀'), 'expected the value of tag "team" to have at most 256 characters, got 129 characters, counted as 258 (an emoji or other character outside the Basic Multilingual Plane counts 2)'],
  ])('fails when a value %s', (_when, value, message) => {
    expect(problemsFor({ tags: { team: value } })).toStrictEqual([problem('tags', 'TAG_VALUE', message)]);
  });
  it.each([
    ['50 tags', tags(50)],
    ['a 128-character key', { [chars(128)]: 'x' }],
    ['a 256-character value', { team: chars(256) }],
    ['128 emoji in a value (256 units)', { team: chars(128, '😀') }],
    ['an empty value', { team: '' }],
    ['every key character the API allows', { 'Équipe de nuit 2_.:/=+-@': 'x' }],
    ['aws: inside a key', { 'team:aws:x': 'x' }],
    ['a value with any character', { team: 'a#b|c"d' }],
  ])('passes %s', (_when, t) => {
    expect(ruleResult('tag-limits', { tags: t })).toStrictEqual([]);
  });
  it.each([[undefined], [{}]])('is not applicable without tags (%p)', (t) => {
    expect(ruleResult('tag-limits', { tags: t })).toBe('not-applicable');
  });
  it('never quotes a key of a row that may hold a password', () => {
    expect(problemsFor({ tags: { 'aws:Tr0ub4dor': chars(257) }, hideValues: true })).toStrictEqual([
      problem('tags', 'TAG_KEY', `${KEY} ${HIDDEN_VALUE}, which starts with "aws:" (reserved for AWS)`),
      problem('tags', 'TAG_VALUE', `expected the value of tag ${HIDDEN_VALUE} to have at most 256 characters, got 257 characters`),
    ]);
  });
});
