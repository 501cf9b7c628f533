import { describeStacks } from '../src/run-stacks';

describe('describeStacks (what the app tells the CLI about each stack)', () => {
  it('gives validate what it needs to check as synth does: the instance, default password and tier, default tags', () => {
    const [s] = describeStacks([
      {
        id: 'prod',
        instanceId: 'inst-1',
        usersDir: 'users',
        defaultPassword: 'ssm:/connect/initial',
        generatedPasswordTier: 'Advanced',
        defaultTags: { team: 'x' },
        identityManagementType: 'SAML',
      },
    ]);
    expect(s).toStrictEqual({
      id: 'prod',
      usersDir: 'users',
      identityManagementType: 'SAML',
      allowPlaintextPasswords: false,
      instance: 'inst-1',
      instanceId: 'inst-1',
      instanceAlias: undefined,
      region: undefined,
      defaultTags: { team: 'x' },
      defaultPassword: 'ssm:/connect/initial',
      generatedPasswordTier: 'Advanced',
    });
  });

  it('keys a stack found by alias by its alias, and defaults the folder and the identity type', () => {
    const [s] = describeStacks([{ id: 'x', instanceAlias: 'my-centre' }]);
    expect([s.instance, s.usersDir, s.identityManagementType]).toStrictEqual(['alias:my-centre', 'users', 'CONNECT_MANAGED']);
  });
});
