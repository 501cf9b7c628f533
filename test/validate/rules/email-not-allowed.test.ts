import { BASE, problem, problemsFor, ruleResult } from './helpers';

describe('email-not-allowed', () => {
  it('fails when a SAML user has a primary email', () => {
    expect(problemsFor({ email: BASE.email }, { imt: 'SAML' })).toStrictEqual([
      problem('email', 'EMAIL_NOT_ALLOWED', 'expected no primary email on a SAML instance, got one: move it to secondaryEmail or remove it'),
    ]);
  });
  it('passes a SAML user with only a secondary email, or an empty one', () => {
    expect(ruleResult('email-not-allowed', { secondaryEmail: 'j@example.org' }, { imt: 'SAML' })).toStrictEqual([]);
    expect(ruleResult('email-not-allowed', { email: '' }, { imt: 'SAML' })).toStrictEqual([]);
  });
  it.each([['CONNECT_MANAGED'], ['EXISTING_DIRECTORY']] as const)('is not applicable on %s', (imt) => {
    expect(ruleResult('email-not-allowed', {}, { imt })).toBe('not-applicable');
  });
});
