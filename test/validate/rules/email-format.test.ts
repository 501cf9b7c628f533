import { HIDDEN_VALUE } from '../../../src/model';
import { chars, problem, problemsFor, ruleResult } from './helpers';

const RULE = 'expected an email address like name@example.com (at most 265 characters), got';

describe('email-format', () => {
  const fails: [string, object, string, string][] = [
    ['the email has no domain', { email: 'jane@' }, 'email', `${RULE} "jane@"`],
    ['the secondary email is not an address', { secondaryEmail: 'jane at example' }, 'secondaryEmail', `${RULE} "jane at example"`],
    ['the email has junk before it', { email: '!jane@example.com' }, 'email', `${RULE} "!jane@example.com"`],
    ['the email has junk after it', { email: 'jane@example.com!' }, 'email', `${RULE} "jane@example.com!"`],
    ['the top-level domain has one letter', { email: 'jane@example.c' }, 'email', `${RULE} "jane@example.c"`],
    ['the top-level domain has 64 letters', { email: `j@x.${chars(64)}` }, 'email', `${RULE} "j@x.${chars(56)}…"`],
    ['the email has 266 characters', { email: `${chars(254)}@example.com` }, 'email', `${RULE} "${chars(60)}…"`],
    ['the secondary email has 266 characters', { secondaryEmail: `${chars(254)}@example.com` }, 'secondaryEmail', `${RULE} "${chars(60)}…"`],
  ];
  it.each(fails)('fails when %s', (_when, change, field, message) => {
    expect(problemsFor(change)).toStrictEqual([problem(field, 'EMAIL_FORMAT', message)]);
  });

  it.each([['email'], ['secondaryEmail']])('fails when %s is the "keep" that export --without-emails writes (EMAIL_NOT_EXPORTED)', (field) => {
    const [p] = problemsFor({ [field]: 'keep' });
    expect([p.code, p.field]).toStrictEqual(['EMAIL_NOT_EXPORTED', field]);
    expect(p.message).toMatch(/^"keep" stands for an email that `connect-users export --without-emails` did not read: write the user's email/);
  });

  it('reads "Keep" (another case) as a malformed email, not as the export\'s mark', () => {
    expect(problemsFor({ email: 'Keep' }).map((p) => p.code)).toStrictEqual(['EMAIL_FORMAT']);
  });

  it('reports both addresses', () => {
    expect(problemsFor({ email: 'a', secondaryEmail: 'b' }).map((p) => p.field)).toStrictEqual(['email', 'secondaryEmail']);
  });

  it.each([
    ['an email of 265 characters', { email: `${chars(253)}@example.com` }],
    ['a secondary email of 265 characters', { secondaryEmail: `${chars(253)}@example.com` }],
    ['every allowed character', { email: 'a.B_0%+-@sub-1.example.io' }],
    ['a 63-letter top-level domain', { email: `j@x.${chars(63)}` }],
  ])('passes %s', (_when, change) => {
    expect(ruleResult('email-format', change)).toStrictEqual([]);
  });

  it('is not applicable without emails', () => {
    expect(ruleResult('email-format', { email: undefined, secondaryEmail: '' })).toBe('not-applicable');
  });

  it('never quotes an email of a row that may hold a password', () => {
    expect(problemsFor({ email: 'Tr0ub4dor&3xyz', hideValues: true })).toStrictEqual([problem('email', 'EMAIL_FORMAT', `${RULE} ${HIDDEN_VALUE}`)]);
  });
});
