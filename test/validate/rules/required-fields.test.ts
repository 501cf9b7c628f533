import { problem, problemsFor, ruleResult } from './helpers';

describe('required-fields', () => {
  const fails: [string, object, string, string][] = [
    ['the username is missing', { username: undefined }, 'username', 'expected the login name, e.g. jane.doe, got nothing: fill it in'],
    ['the username is empty', { username: '' }, 'username', 'expected the login name, e.g. jane.doe, got nothing: fill it in'],
    ['the routing profile is missing', { routingProfile: undefined }, 'routingProfile', 'expected a routing profile name as shown in Connect, got nothing: fill it in'],
    ['the routing profile is empty', { routingProfile: '' }, 'routingProfile', 'expected a routing profile name as shown in Connect, got nothing: fill it in'],
    ['the phone type is missing', { phoneType: undefined }, 'phoneType', 'expected soft or desk, got nothing: fill it in'],
  ];
  it.each(fails)('fails when %s', (_when, change, field, message) => {
    expect(problemsFor(change)).toStrictEqual([problem(field, 'REQUIRED', message)]);
  });

  it('reports every missing field, in order', () => {
    expect(problemsFor({ username: undefined, routingProfile: undefined, phoneType: undefined }).map((p) => p.field)).toStrictEqual(['username', 'routingProfile', 'phoneType']);
  });

  it('passes (and applies) when all three are given', () => {
    expect(ruleResult('required-fields', {})).toStrictEqual([]);
  });
});
