import { UsersError } from '../../src/problems';
import { describeStacks, HIDDEN_DEFAULT_PASSWORD } from '../../src/run-stacks';
import type { StackConfig } from '../../src/synth/app';
import { checkStackProps, generatedPasswordPrefix, StackPropsError, stackPropsProblems, type StackPropsInput } from '../../src/validate/stack-props';
import { thrown } from '../helpers';

/** [field, code, message] of each problem of `props` (a valid instance id unless given), each at "stack <id>". */
function problems(props: Partial<StackConfig>, id = 's'): [string | undefined, string, string][] {
  return stackPropsProblems(id, { instanceId: 'i', ...props }).map((p) => {
    expect(p.file).toBe(`stack ${id}`);
    return [p.field, p.code, p.message];
  });
}

/** The same props as the app describes them to `validate`: through describeStacks and JSON, as the CLI receives them. */
function described(props: Partial<StackConfig>, id = 's'): StackPropsInput {
  const [d] = JSON.parse(JSON.stringify(describeStacks([{ id, instanceId: 'i', ...props }]))) as StackPropsInput[];
  return d;
}

const PREFIX_RULE = 'must start and end with "/" and have levels of letters, digits and _ . - (no empty level), e.g. /connect/initial-passwords/';

/** Props that fail one rule each: every row is checked on the props (synth) and on their description (validate). */
const FAILS: [string, Partial<StackConfig>, string, string][] = [
  ['neither an instance id nor an alias', { instanceId: undefined }, 'instanceId', 'expected exactly one of instanceId and instanceAlias, got neither'],
  ['both an instance id and an alias', { instanceAlias: 'a' }, 'instanceId', 'expected exactly one of instanceId and instanceAlias, got both'],
  ['an empty instance id', { instanceId: ' ' }, 'instanceId', 'expected the Connect instance id, got an empty string'],
  ['a misspelt identity type', { identityManagementType: 'saml2' as never }, 'identityManagementType', 'expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY, got "saml2"'],
  ['a password as defaultPassword', { defaultPassword: 'Secr3tPass' }, 'defaultPassword', 'expected generate, ssm:/parameter/name or secretsmanager:secret[#key], got something else (not shown: it may be a password)'],
  ['none as defaultPassword', { defaultPassword: 'none' }, 'defaultPassword', 'expected generate, ssm:/parameter/name or secretsmanager:secret[#key], got something else (not shown: it may be a password)'],
  ['a malformed ssm: defaultPassword', { defaultPassword: 'ssm:bad name' }, 'defaultPassword', 'expected generate, ssm:/parameter/name or secretsmanager:secret[#key], got something else (not shown: it may be a password)'],
  ['an unknown tier', { generatedPasswordTier: 'Premium' as never }, 'generatedPasswordTier', 'expected one of Standard, Advanced, Intelligent-Tiering, got "Premium"'],
  ['a prefix without a trailing /', { generatedPasswordPrefix: '/x' }, 'generatedPasswordPrefix', `expected an SSM path such as "/connect/initial-passwords/", got "/x", which ${PREFIX_RULE}`],
  ['a prefix SSM reserves', { generatedPasswordPrefix: '/aws/bad/' }, 'generatedPasswordPrefix', 'expected an SSM path such as "/connect/initial-passwords/", got "/aws/bad/", which must not start with "aws" or "ssm" (in any case): SSM reserves them'],
  ['a prefix of a SAML stack, when given', { generatedPasswordPrefix: '/ssm/x/', identityManagementType: 'SAML' }, 'generatedPasswordPrefix', 'expected an SSM path such as "/connect/initial-passwords/", got "/ssm/x/", which must not start with "aws" or "ssm" (in any case): SSM reserves them'],
  ['an empty bucket', { backend: { bucket: '' } }, 'backend', 'expected backend.bucket to name an S3 bucket, got an empty string'],
  ['a blank bucket', { backend: { bucket: '  ' } }, 'backend', 'expected backend.bucket to name an S3 bucket, got an empty string'],
  ['no bucket (from JavaScript)', { backend: { bucket: undefined as never } }, 'backend', 'expected backend.bucket to name an S3 bucket, got nothing'],
  ['a default tag key starting with aws:', { defaultTags: { 'aws:owner': 'x' } }, 'defaultTags', 'expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got "aws:owner", which starts with "aws:" (reserved for AWS)'],
  ['a default tag value of 257 characters', { defaultTags: { k: 'v'.repeat(257) } }, 'defaultTags', 'expected the value of tag "k" to have at most 256 characters, got 257 characters'],
  ['a time limit of 0 ms', { tsTimeoutMs: 0 }, 'tsTimeoutMs', 'expected a time limit in milliseconds above 0 and at most 3600000 (an hour), got 0'],
  ['a time limit of an hour and 1 ms', { tsTimeoutMs: 3_600_001 }, 'tsTimeoutMs', 'expected a time limit in milliseconds above 0 and at most 3600000 (an hour), got 3600001'],
  ['a negative time limit', { tsTimeoutMs: -1 }, 'tsTimeoutMs', 'expected a time limit in milliseconds above 0 and at most 3600000 (an hour), got -1'],
];

describe('stackPropsProblems (the props synth and validate refuse: INVALID_PROP, at the stack)', () => {
  it.each(FAILS)('fails on %s', (_what, props, field, message) => {
    expect(problems(props)).toStrictEqual([[field, 'INVALID_PROP', message]]);
  });

  it.each(FAILS)("fails on %s in the app's description too, with the same problem (what validate checks)", (_what, props) => {
    expect(stackPropsProblems('s', described(props))).toStrictEqual(stackPropsProblems('s', { instanceId: 'i', ...props }));
  });

  it.each<[unknown, string]>([
    [NaN, 'NaN'],
    ['100', '"100"'],
  ])('fails on a time limit of %p, not a number of milliseconds (main.ts in JavaScript)', (tsTimeoutMs, shown) => {
    expect(problems({ tsTimeoutMs: tsTimeoutMs as number })).toStrictEqual([
      ['tsTimeoutMs', 'INVALID_PROP', `expected a time limit in milliseconds above 0 and at most 3600000 (an hour), got ${shown}`],
    ]);
  });

  it('accepts the defaults, and every good value at its limit', () => {
    expect(problems({})).toStrictEqual([]);
    expect(problems({ instanceId: undefined, instanceAlias: 'my-centre' })).toStrictEqual([]);
    const good: Partial<StackConfig> = {
      identityManagementType: 'EXISTING_DIRECTORY',
      defaultPassword: 'secretsmanager:connect/passwords#jane',
      generatedPasswordPrefix: '/connect/initial-passwords/',
      generatedPasswordTier: 'Intelligent-Tiering',
      backend: { bucket: 'state' },
      defaultTags: { team: 'v'.repeat(256) },
      tsTimeoutMs: 3_600_000,
    };
    expect(problems(good)).toStrictEqual([]);
    expect(stackPropsProblems('s', described(good))).toStrictEqual([]);
    expect(problems({ tsTimeoutMs: 1, defaultPassword: 'generate' })).toStrictEqual([]);
    expect(problems({ defaultPassword: 'ssm:/connect/initial' })).toStrictEqual([]);
  });

  it('reports every failure at once', () => {
    const all = problems({ instanceAlias: 'a', identityManagementType: 'LDAP' as never, generatedPasswordPrefix: '/aws/bad/', defaultTags: { 'aws:owner': 'x', k: 'v'.repeat(257) }, tsTimeoutMs: 0 });
    expect(all.map(([field]) => field)).toStrictEqual(['instanceId', 'identityManagementType', 'generatedPasswordPrefix', 'defaultTags', 'defaultTags', 'tsTimeoutMs']);
  });

  it('checks the default prefix, made from the stack id, only where passwords are generated', () => {
    expect(problems({}, 'my+stack')).toStrictEqual([
      ['generatedPasswordPrefix', 'INVALID_PROP', `the default "/connect-users/my+stack/initial-passwords/", made from the stack id, ${PREFIX_RULE}: set generatedPasswordPrefix`],
    ]);
    expect(problems({ generatedPasswordPrefix: '/ok/' }, 'my+stack')).toStrictEqual([]);
    expect(problems({ identityManagementType: 'SAML' }, 'my+stack')).toStrictEqual([]);
    expect(problems({ identityManagementType: 'EXISTING_DIRECTORY' }, 'my+stack')).toStrictEqual([]);
    expect(generatedPasswordPrefix('prod', {})).toBe('/connect-users/prod/initial-passwords/');
    expect(generatedPasswordPrefix('prod', { generatedPasswordPrefix: '/x/' })).toBe('/x/');
  });
});

describe('checkStackProps', () => {
  it('throws a UsersError whose message speaks of the props', () => {
    const err = thrown(() => checkStackProps('my-stack', {}));
    expect(err).toBeInstanceOf(StackPropsError);
    expect(err).toBeInstanceOf(UsersError);
    expect(err.message).toBe('ConnectUsersStack my-stack: 1 problem in its props:\nstack my-stack: instanceId: expected exactly one of instanceId and instanceAlias, got neither (INVALID_PROP)');
    expect(() => checkStackProps('my-stack', { instanceId: 'i' })).not.toThrow();
  });
});

describe("the app's description of a stack (what validate checks)", () => {
  it('never carries a defaultPassword that is not a password source: it may be a password', () => {
    const [d] = describeStacks([{ id: 's', instanceId: 'i', defaultPassword: 'Secr3tPass' }]);
    expect(d.defaultPassword).toBe(HIDDEN_DEFAULT_PASSWORD);
    expect(JSON.stringify(describeStacks([{ id: 's', instanceId: 'i', defaultPassword: 'Secr3tPass' }]))).not.toContain('Secr3t');
    expect(describeStacks([{ id: 's', instanceId: 'i', defaultPassword: 'ssm:/connect/initial' }])[0].defaultPassword).toBe('ssm:/connect/initial');
  });

  it('carries only the bucket of the backend', () => {
    const [d] = describeStacks([{ id: 's', instanceId: 'i', backend: { bucket: 'state', region: 'eu-west-1', kmsKeyId: 'k', dynamodbTable: 't' } }]);
    expect(d.backend).toStrictEqual({ bucket: 'state' });
  });
});
