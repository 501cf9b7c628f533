import { problem, problemsFor, ruleResult } from './helpers';

describe('password-not-allowed', () => {
  it('fails when a SAML user has a password', () => {
    expect(problemsFor({ password: 'ssm:/p' }, { imt: 'SAML' })).toStrictEqual([
      problem('password', 'PASSWORD_NOT_ALLOWED', 'expected no password on a SAML instance (users sign in through the identity provider), got one: clear the cell'),
    ]);
  });
  it('fails when a directory user has a password', () => {
    expect(problemsFor({ password: 'generate' }, { imt: 'EXISTING_DIRECTORY' })).toStrictEqual([
      problem('password', 'PASSWORD_NOT_ALLOWED', 'expected no password on an EXISTING_DIRECTORY instance (users sign in through the directory), got one: clear the cell'),
    ]);
  });
  it('never shows the password', () => {
    expect(JSON.stringify(problemsFor({ password: 'Secr3tPass' }, { imt: 'SAML' }))).not.toContain('Secr3tPass');
  });
  it('passes an empty password cell', () => expect(ruleResult('password-not-allowed', { password: '' }, { imt: 'SAML' })).toStrictEqual([]));
  it('is not applicable on CONNECT_MANAGED', () => expect(ruleResult('password-not-allowed', { password: 'generate' })).toBe('not-applicable'));
});
