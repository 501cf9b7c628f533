import { HIDDEN_VALUE } from '../../../src/model';
import { chars, problem, problemsFor, ruleResult } from './helpers';

const RULE = 'expected a routing profile name of at most 127 characters (no longer name can exist in Connect), got';

describe('routing-profile-name', () => {
  it('fails when the name has 128 characters', () => {
    expect(problemsFor({ routingProfile: chars(128) })).toStrictEqual([problem('routingProfile', 'ROUTING_PROFILE_NAME', `${RULE} "${chars(60)}…" (128 characters)`)]);
  });
  it('counts characters, not bytes: 128 accented letters fail as 128', () => {
    expect(problemsFor({ routingProfile: chars(128, 'é') })[0].message).toBe(`${RULE} "${chars(60, 'é')}…" (128 characters)`);
  });
  it.each([
    ['127 characters', chars(127)],
    ['127 accented letters (254 bytes: a name Connect accepted)', chars(127, 'é')],
    ['127 emoji', chars(127, '😀')],
    ['one character', 'S'],
  ])('passes %s', (_when, routingProfile) => {
    expect(ruleResult('routing-profile-name', { routingProfile })).toStrictEqual([]);
  });
  it.each([[undefined], ['']])('is not applicable without a name (%p)', (routingProfile) => {
    expect(ruleResult('routing-profile-name', { routingProfile })).toBe('not-applicable');
  });
  it('never quotes the name of a row that may hold a password', () => {
    expect(problemsFor({ routingProfile: chars(128), hideValues: true })[0].message).toBe(`${RULE} ${HIDDEN_VALUE} (128 characters)`);
  });
});
