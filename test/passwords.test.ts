import { meetsConnectPasswordRule, parsePasswordSource } from '../src/passwords';

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

describe('meetsConnectPasswordRule', () => {
  const cases: [string, boolean][] = [
    ['Abcdefg1', true],
    ['abcdefg1', false],
    ['ABCDEFG1', false],
    ['Abcdefgh', false],
    ['Abc1', false],
    ['Abcdefg 1', false],
    [`A1${'b'.repeat(62)}`, true],
    [`A1${'b'.repeat(63)}`, false],
  ];
  for (const [password, ok] of cases) {
    it(`${ok ? 'accepts' : 'refuses'} a ${password.length}-character password`, () => expect(meetsConnectPasswordRule(password)).toBe(ok));
  }
});
