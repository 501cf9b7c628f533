import { meetsConnectPasswordRule, parsePasswordSource, passwordRuleFailures } from '../src/passwords';

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
