import { problem, problemsFor, ruleResult } from './helpers';

describe('directory-user-id', () => {
  it.each([['CONNECT_MANAGED'], ['SAML']] as const)('fails when a directory user id is given on %s', (imt) => {
    expect(problemsFor({ directoryUserId: 'abc' }, { imt })).toStrictEqual([
      problem('directoryUserId', 'DIRECTORY_USER_ID_NOT_ALLOWED', `expected no directory user id on a ${imt} instance, got one: remove it`),
    ]);
  });
  it('passes on EXISTING_DIRECTORY', () => expect(ruleResult('directory-user-id', { directoryUserId: 'abc' }, { imt: 'EXISTING_DIRECTORY' })).toStrictEqual([]));
  it.each([[undefined], ['']])('is not applicable without one (%p)', (directoryUserId) => {
    expect(ruleResult('directory-user-id', { directoryUserId })).toBe('not-applicable');
  });
});
