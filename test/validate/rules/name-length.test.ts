import type { IdentityManagementType } from '../../../src/model';
import { chars, problem, problemsFor, ruleResult } from './helpers';

const RULE =
  "expected at most 100 bytes in UTF-8 (Terraform's provider counts bytes: an accented letter takes 2, most Chinese, Japanese or Korean characters 3), got";

describe('name-length', () => {
  const fails: [string, object, IdentityManagementType, string, string][] = [
    ['a first name has 101 characters', { firstName: chars(101) }, 'CONNECT_MANAGED', 'firstName', `${RULE} 101 characters: shorten it`],
    ['a last name has 66 accented characters (132 bytes)', { lastName: chars(66, 'é') }, 'CONNECT_MANAGED', 'lastName', `${RULE} 66 characters, 132 bytes in UTF-8: shorten it`],
    ['a SAML first name has 101 bytes', { firstName: `${chars(50, 'é')}a` }, 'SAML', 'firstName', `${RULE} 51 characters, 101 bytes in UTF-8: shorten it`],
    ['a directory user has a 34-character Japanese last name (102 bytes)', { lastName: chars(34, '山') }, 'EXISTING_DIRECTORY', 'lastName', `${RULE} 34 characters, 102 bytes in UTF-8: shorten it`],
    ['a 150-character CONNECT_MANAGED name (the API allows 255, the provider 100 bytes)', { firstName: chars(150) }, 'CONNECT_MANAGED', 'firstName', `${RULE} 150 characters: shorten it`],
  ];
  it.each(fails)('fails when %s', (_when, change, imt, field, message) => {
    expect(problemsFor(change, { imt })).toStrictEqual([problem(field, 'NAME_LENGTH', message)]);
  });

  it('reports both names, first then last', () => {
    expect(problemsFor({ firstName: chars(101), lastName: chars(101) }).map((p) => p.field)).toStrictEqual(['firstName', 'lastName']);
  });

  const passes: [string, object, IdentityManagementType][] = [
    ['100-character names', { firstName: chars(100), lastName: chars(100) }, 'CONNECT_MANAGED'],
    ['50 accented characters (100 bytes)', { firstName: chars(50, 'é'), lastName: chars(50, 'ü') }, 'SAML'],
    ['a one-letter name', { firstName: 'J', lastName: 'D' }, 'CONNECT_MANAGED'],
    ['only a first name on EXISTING_DIRECTORY', { lastName: undefined }, 'EXISTING_DIRECTORY'],
  ];
  it.each(passes)('passes %s', (_when, change, imt) => {
    expect(ruleResult('name-length', change, { imt })).toStrictEqual([]);
  });

  it('is not applicable without names (names-required decides)', () => {
    expect(ruleResult('name-length', { firstName: undefined, lastName: '' }, { imt: 'EXISTING_DIRECTORY' })).toBe('not-applicable');
  });
});
