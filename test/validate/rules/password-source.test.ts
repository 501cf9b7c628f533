import { chars, problem, problemsFor, ruleResult } from './helpers';

const COMPLEXITY =
  'expected 8 to 64 characters (at most 64 bytes in UTF-8) with a lower-case letter, an upper-case letter and a digit, no white space; the password given (not shown) has';

describe('password-source', () => {
  it('fails when a CONNECT_MANAGED password is plaintext, without showing it', () => {
    const problems = problemsFor({ password: 'Secr3tPass' });
    expect(problems).toStrictEqual([
      problem(
        'password',
        'PLAINTEXT_PASSWORD',
        'expected a password reference, got what looks like a password (not shown). Passwords must not be in git: clear the cell to get a generated one, or write generate, ssm:/parameter/name, secretsmanager:secret#key, or none for an existing user. A team migrating from the console template can set allowPlaintextPasswords on the stack for a while',
      ),
    ]);
  });

  it.each([
    ['ssm:', 'an SSM parameter name after "ssm:" (letters, digits, _ . - /), e.g. ssm:/connect/initial-passwords/jane'],
    ['secretsmanager:connect/pw#', 'a secret name or ARN after "secretsmanager:", optionally #key, e.g. secretsmanager:connect/passwords#jane'],
  ])('fails when the reference %p cannot be read', (password, reason) => {
    expect(problemsFor({ password })).toStrictEqual([problem('password', 'PASSWORD_REFERENCE', `expected ${reason}; got a reference that cannot be read`)]);
  });

  // Allowed plaintext: Connect's pattern and the provider's 8-64 bytes, at and one past each limit.
  const weak: [string, string, string][] = [
    ['7 characters', 'Abcde1x', 'fewer than 8 characters'],
    ['65 characters', `Aa1${chars(62)}`, 'more than 64 characters'],
    ['64 characters but 65 bytes', `Aa1é${chars(60)}`, "more than 64 bytes in UTF-8 (Terraform's provider counts bytes)"],
    ['no lower-case letter', 'ABCDEFG1', 'no lower-case letter (a-z)'],
    ['no upper-case letter', 'abcdefg1', 'no upper-case letter (A-Z)'],
    ['no digit', 'Abcdefgh', 'no digit'],
    ['a space', 'Abcdef 1', 'white space'],
    ['a non-breaking space', 'Abcdef\u00a01', 'white space'],
    ['several faults', 'abc', 'fewer than 8 characters, no upper-case letter (A-Z), no digit'],
  ];
  it.each(weak)('fails when an allowed plaintext password has %s', (_when, password, failures) => {
    const problems = problemsFor({ password }, { allowPlaintextPasswords: true });
    expect(problems).toStrictEqual([problem('password', 'PASSWORD_COMPLEXITY', `${COMPLEXITY} ${failures}`)]);
    expect(JSON.stringify(problems)).not.toContain(password);
  });

  const passes: [string, string, boolean][] = [
    ['generate', 'generate', false],
    ['none (an existing user)', 'none', false],
    ['an SSM parameter', 'ssm:/connect/initial-passwords/jane', false],
    ['a Secrets Manager key', 'secretsmanager:connect/passwords#jane.doe', false],
    ['a Secrets Manager ARN', 'secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:pw-AbCdEf', false],
    ['an allowed plaintext password of 8 characters', 'Abcdef1x', true],
    ['an allowed plaintext password of 64 characters', `Aa1${chars(61)}`, true],
    ['an allowed plaintext password of 63 characters, 64 bytes', `Aa1é${chars(59)}`, true],
    ['an allowed plaintext password with symbols', 'Tr0ub4dor&3xyz!', true],
  ];
  it.each(passes)('passes %s', (_when, password, allowPlaintextPasswords) => {
    expect(ruleResult('password-source', { password }, { allowPlaintextPasswords })).toStrictEqual([]);
  });

  it.each([
    ['on SAML', { password: 'Secr3tPass' }, 'SAML'],
    ['without a password', {}, 'CONNECT_MANAGED'],
    ['with an empty password cell', { password: '' }, 'CONNECT_MANAGED'],
  ] as const)('is not applicable %s', (_when, change, imt) => {
    expect(ruleResult('password-source', change, { imt })).toBe('not-applicable');
  });
});
