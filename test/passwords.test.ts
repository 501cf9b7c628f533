import fc from 'fast-check';
import {
  encodeUsername,
  generatedPasswordParameterName,
  generatedPasswordPrefixProblem,
  MAX_GENERATED_PASSWORD_PREFIX,
  meetsConnectPasswordRule,
  parsePasswordSource,
  passwordRuleFailures,
  SSM_MAX_LEVELS,
  SSM_MAX_NAME,
} from '../src/passwords';

describe('parsePasswordSource', () => {
  const cases: [string, unknown][] = [
    ['generate', { kind: 'generate' }],
    [' GENERATE ', { kind: 'generate' }],
    ['none', { kind: 'none' }],
    ['ssm:/connect/initial-passwords/jane', { kind: 'ssm', name: '/connect/initial-passwords/jane' }],
    ['SSM:plain-name', { kind: 'ssm', name: 'plain-name' }],
    ['secretsmanager:connect/pw', { kind: 'secretsmanager', secretId: 'connect/pw' }],
    ['secretsmanager:connect/pw#jane.doe', { kind: 'secretsmanager', secretId: 'connect/pw', jsonKey: 'jane.doe' }],
    ['Secr3tPass', { kind: 'plaintext', value: 'Secr3tPass' }],
  ];
  for (const [cell, expected] of cases) {
    it(`reads ${JSON.stringify(cell)}`, () => expect(parsePasswordSource(cell)).toStrictEqual(expected));
  }
  for (const cell of ['ssm:', 'ssm:has space', 'secretsmanager:', 'secretsmanager:x#']) {
    it(`refuses ${JSON.stringify(cell)} as a reference`, () => expect(parsePasswordSource(cell).kind).toBe('invalid'));
  }
});

describe('meetsConnectPasswordRule and passwordRuleFailures agree', () => {
  // Connect's pattern ^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$ and the provider's 8-64 bytes.
  const cases: [string, string, string[]][] = [
    ['8 characters', 'Abcdefg1', []],
    ['7 characters', 'Abcdef1', ['fewer than 8 characters']],
    ['no upper-case letter', 'abcdefg1', ['no upper-case letter (A-Z)']],
    ['no lower-case letter', 'ABCDEFG1', ['no lower-case letter (a-z)']],
    ['no digit', 'Abcdefgh', ['no digit']],
    ['4 characters', 'Abc1', ['fewer than 8 characters']],
    ['a space', 'Abcdefg 1', ['white space']],
    ['a tab', 'Abcdefg\t1', ['white space']],
    ['a line break', 'Abcdefg\n1', ['white space']],
    ['64 characters', `A1${'b'.repeat(62)}`, []],
    ['65 characters', `A1${'b'.repeat(63)}`, ['more than 64 characters']],
    ['64 characters, 65 bytes', `A1é${'b'.repeat(61)}`, ["more than 64 bytes in UTF-8 (Terraform's provider counts bytes)"]],
    ['63 characters, 64 bytes', `A1é${'b'.repeat(60)}`, []],
    ['symbols and letters outside ASCII', 'Ünïcødé-Pa55!', []],
    ['8 characters counting an emoji once', 'Abcdef1😀', []],
    ['7 characters, 8 UTF-16 units (an emoji counts once)', 'Abcde1😀', ['fewer than 8 characters']],
  ];
  for (const [what, password, failures] of cases) {
    it(`${failures.length === 0 ? 'accepts' : 'refuses'} a password with ${what}`, () => {
      expect(passwordRuleFailures(password)).toStrictEqual(failures);
      expect(meetsConnectPasswordRule(password)).toBe(failures.length === 0);
    });
  }
});

describe('generated-password parameter names', () => {
  const PREFIX = '/connect-users/prod/initial-passwords/';

  /** SSM's rules for a parameter name (facts-issue8 §3): valid whatever the username. */
  function ssmNameProblem(name: string): string | undefined {
    if (!/^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(name)) return 'characters';
    if (name.split('/').length - 1 > SSM_MAX_LEVELS) return 'levels';
    if (/^\/(aws|ssm)/i.test(name)) return 'reserved prefix';
    if (name.length > SSM_MAX_NAME) return 'length';
    return undefined;
  }

  it.each([
    ['jane.doe', 'jane.doe'],
    ['under_score', 'under_score'],
    ['jane@example.com', 'jane-at-example.com'],
    ['a-at-b', 'a--at--b'],
    ['a-b', 'a--b'],
    ['é', '-e9-'],
    ['a/b', 'a-2f-b'],
    ['a b', 'a-20-b'],
    ['😀', '-1f600-'],
    ['\ud800', '-d800-'],
    ['Z9', 'Z9'],
  ])('encodes %j as %j', (username, encoded) => {
    expect(encodeUsername(username)).toBe(encoded);
    expect(generatedPasswordParameterName(PREFIX, username)).toBe(`${PREFIX}${encoded}`);
  });

  it('gives a@b and a-at-b different names (they once collided: ParameterAlreadyExists at apply)', () => {
    expect(generatedPasswordParameterName(PREFIX, 'a@b')).not.toBe(generatedPasswordParameterName(PREFIX, 'a-at-b'));
  });

  // Usernames rich in the characters the encoding treats specially, plus any string.
  const special = fc.string({ unit: fc.constantFrom('a', 't', 'A', '0', 'f', '-', '@', '_', '.', '/', ' ', 'é', '😀', '\ud800'), maxLength: 12 });
  const username = fc.oneof(special, fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));

  it('property: distinct usernames give distinct names', () => {
    fc.assert(
      fc.property(username, username, (a, b) => {
        fc.pre(a !== b);
        expect(generatedPasswordParameterName(PREFIX, a)).not.toBe(generatedPasswordParameterName(PREFIX, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: every name of a non-empty username of at most 100 bytes is a valid SSM name, with the longest prefix allowed', () => {
    const longest = `/${'p'.repeat(MAX_GENERATED_PASSWORD_PREFIX - 2)}/`;
    const deepest = `/${Array.from({ length: SSM_MAX_LEVELS - 1 }, () => 'l').join('/')}/`; // 14 levels
    expect(generatedPasswordPrefixProblem(longest)).toBe(undefined);
    expect(generatedPasswordPrefixProblem(deepest)).toBe(undefined);
    fc.assert(
      fc.property(username.filter((u) => u.length > 0 && Buffer.byteLength(u) <= 100), fc.constantFrom(PREFIX, longest, deepest), (u, prefix) => {
        expect(ssmNameProblem(generatedPasswordParameterName(prefix, u))).toBe(undefined);
      }),
      { numRuns: 3000 },
    );
    // The worst case: 100 one-byte characters that each take 4.
    expect(ssmNameProblem(generatedPasswordParameterName(longest, ' '.repeat(100)))).toBe(undefined);
    expect(generatedPasswordParameterName(longest, ' '.repeat(100)).length).toBe(SSM_MAX_NAME);
  });

  const levels = (n: number) => `/${Array.from({ length: n }, () => 'l').join('/')}/`;
  it.each([
    ['a path', '/connect/initial-passwords/', undefined],
    ['one level', '/a/', undefined],
    ['every allowed character', '/A-z_0.9/', undefined],
    ['no level', '/', /no empty level/],
    ['no leading /', 'connect/', /start and end with "\/"/],
    ['no trailing /', '/connect', /start and end with "\/"/],
    ['an empty level', '/connect//x/', /no empty level/],
    ['a space', '/has space/', /letters, digits/],
    ['aws first', '/aws/', /must not start with "aws" or "ssm"/],
    ['AWS in a longer first level', '/AWSome/', /must not start with "aws" or "ssm"/],
    ['SSM first', '/SSM-x/', /must not start with "aws" or "ssm"/],
    ['aws in a later level', '/x/aws/', undefined],
    ['aws inside the first level', '/waws/', undefined],
    ['14 levels', levels(14), undefined],
    ['15 levels', levels(15), /has 15 levels; SSM allows 15 in all, and the username takes one, so at most 14/],
    ['500 characters', `/${'p'.repeat(498)}/`, undefined],
    ['501 characters', `/${'p'.repeat(499)}/`, /has 501 characters; at most 500/],
  ])('prefix with %s', (_what, prefix, expected) => {
    const problem = generatedPasswordPrefixProblem(prefix);
    if (expected === undefined) expect(problem).toBe(undefined);
    else expect(problem).toMatch(expected);
  });
});
