import { generatedPasswordCount, generatedPasswordWarnings } from '../../src/validate/generated-passwords';
import { makeUser } from '../helpers';

const users = (n: number, password?: string) => Array.from({ length: n }, (_, i) => makeUser(`u${i}`, password === undefined ? {} : { password }));

describe('generatedPasswordCount', () => {
  it.each([
    ['an empty cell, default generate', [makeUser('a')], {}, 1],
    ['generate', [makeUser('a', { password: 'generate' })], {}, 1],
    ['GENERATE in any case', [makeUser('a', { password: ' Generate ' })], {}, 1],
    ['an empty cell, default from SSM', [makeUser('a')], { defaultPassword: 'ssm:/pw' }, 0],
    ['generate whatever the default', [makeUser('a', { password: 'generate' })], { defaultPassword: 'ssm:/pw' }, 1],
    ['ssm, secretsmanager, none', [makeUser('a', { password: 'ssm:/x' }), makeUser('b', { password: 'secretsmanager:s' }), makeUser('c', { password: 'none' })], {}, 0],
    ['SAML: no passwords', [makeUser('a')], { identityManagementType: 'SAML' as const }, 0],
    ['EXISTING_DIRECTORY: no passwords', [makeUser('a')], { identityManagementType: 'EXISTING_DIRECTORY' as const }, 0],
    ['CONNECT_MANAGED said', [makeUser('a'), makeUser('b', { password: 'none' })], { identityManagementType: 'CONNECT_MANAGED' as const }, 1],
  ])('counts %s', (_what, list, options, n) => expect(generatedPasswordCount(list, options)).toBe(n));
});

describe('generatedPasswordWarnings', () => {
  it('is silent at 1,000 generated passwords', () => expect(generatedPasswordWarnings('users', users(1000))).toStrictEqual([]));

  it('warns above 1,000 on the Standard tier (the default), naming the folder, the count and the options', () => {
    const expected = [
      "warning: users: 1,001 users get a generated password, each stored as a Standard-tier SSM parameter; Standard allows 10,000 parameters per account and region, shared with every other parameter there. Set the stack's generatedPasswordTier to 'Advanced' (100,000, charged per parameter) or 'Intelligent-Tiering', or give these users ssm:... or secretsmanager:... passwords (none for users that exist already)",
    ];
    expect(generatedPasswordWarnings('users', users(1001))).toStrictEqual(expected);
    expect(generatedPasswordWarnings('users', users(1001), { generatedPasswordTier: 'Standard' })).toStrictEqual(expected);
  });

  it.each(['Advanced', 'Intelligent-Tiering'] as const)('is silent on the %s tier', (tier) =>
    expect(generatedPasswordWarnings('users', users(1001), { generatedPasswordTier: tier })).toStrictEqual([]),
  );

  it('counts only generated passwords', () => {
    expect(generatedPasswordWarnings('users', [...users(1000), makeUser('x', { password: 'ssm:/p' })])).toStrictEqual([]);
    expect(generatedPasswordWarnings('users', users(1001), { defaultPassword: 'secretsmanager:s' })).toStrictEqual([]);
    expect(generatedPasswordWarnings('users', users(1001), { identityManagementType: 'SAML' })).toStrictEqual([]);
  });
});
