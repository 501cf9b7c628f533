import type { IdentityManagementType } from '../../../src/model';
import { problem, problemsFor, ruleResult } from './helpers';

describe('names-required', () => {
  const fails: [string, object, IdentityManagementType, string, string][] = [
    ['the first name is missing', { firstName: undefined }, 'CONNECT_MANAGED', 'firstName', 'expected a first name (required for CONNECT_MANAGED), got nothing: fill it in'],
    ['the last name is empty', { lastName: '' }, 'CONNECT_MANAGED', 'lastName', 'expected a last name (required for CONNECT_MANAGED), got nothing: fill it in'],
    ['the last name is blank under SAML', { lastName: '  ' }, 'SAML', 'lastName', 'expected a last name (required for SAML), got nothing: fill it in'],
  ];
  it.each(fails)('fails when %s', (_when, change, imt, field, message) => {
    expect(problemsFor(change, { imt })).toStrictEqual([problem(field, 'NAME_REQUIRED', message)]);
  });

  it('reports both names when both are missing', () => {
    expect(problemsFor({ firstName: undefined, lastName: undefined }).map((p) => [p.field, p.code])).toStrictEqual([
      ['firstName', 'NAME_REQUIRED'],
      ['lastName', 'NAME_REQUIRED'],
    ]);
  });

  it('passes with both names', () => expect(ruleResult('names-required', {})).toStrictEqual([]));

  it('is not applicable on EXISTING_DIRECTORY (the directory holds the names)', () => {
    expect(ruleResult('names-required', { firstName: undefined }, { imt: 'EXISTING_DIRECTORY' })).toBe('not-applicable');
  });
});
