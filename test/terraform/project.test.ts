/**
 * The tier's comparisons and tables (project.ts), without Terraform or cdktf:
 * a comparison that let a wrong value through would make the whole tier
 * worthless, so each field is shown to be compared.
 */
import { makeUser } from '../helpers';
import {
  actualFields,
  canonical,
  compareGeneratedParameters,
  compareUsers,
  expectedFields,
  expectedPassword,
  factsOf,
  hierarchyPath,
  hierarchyPaths,
  mergeMaps,
  plannedInputs,
  realAttributes,
  secretStringOf,
  UNKNOWN,
  type CompareOptions,
  type StackFacts,
} from './project';

const FACTS: StackFacts = { instanceId: 'i-1', identityManagementType: 'CONNECT_MANAGED', defaultPassword: 'generate' };
const OPTIONS: CompareOptions = { facts: FACTS, secretString: (id) => `secret-${id}` };

const jane = makeUser('jane.doe', {
  firstName: 'Jane',
  lastName: 'Doe ${x}',
  email: 'jane@example.com',
  password: 'ssm:/pw/jane',
  routingProfile: 'Sales',
  securityProfiles: ['QA', 'Agent'],
  hierarchyPath: ['EMEA', 'Sales'],
  phoneType: 'DESK_PHONE',
  deskPhoneNumber: '+14155550100',
  autoAccept: true,
  afterContactWorkTimeLimit: 30,
  tags: JSON.parse('{"__proto__": "p", "team": "a"}'),
});

/** What the stand-in gives for jane when all is right. */
function janeReadBack(): Record<string, any> {
  return {
    instance_id: 'i-1',
    name: 'jane.doe',
    identity_info: [{ first_name: 'Jane', last_name: 'Doe ${x}', email: 'jane@example.com', secondary_email: null }],
    routing_profile_id: 'rp-Sales',
    security_profile_ids: ['sp-Agent', 'sp-QA'],
    hierarchy_group_id: 'hg-Sales',
    phone_config: [{ phone_type: 'DESK_PHONE', desk_phone_number: '+14155550100', auto_accept: true, after_contact_work_time_limit: 30 }],
    tags: JSON.parse('{"team": "a", "__proto__": "p"}'),
    directory_user_id: null,
    password: 'ssm-/pw/jane',
    user_id: 'user-jane.doe',
  };
}

describe('compareUsers', () => {
  it('finds nothing when every field reads back as the files say (tag order and set order aside)', () => {
    expect(compareUsers({ 'jane.doe': janeReadBack() }, [jane], OPTIONS)).toStrictEqual([]);
  });

  it.each([
    ['instance', (u: any) => (u.instance_id = 'i-2'), 'instance_id: expected "i-1", got "i-2"'],
    ['name', (u: any) => (u.name = 'jane'), 'name: expected "jane.doe", got "jane"'],
    ['first name', (u: any) => (u.identity_info[0].first_name = 'J'), 'identity_info.first_name: expected "Jane", got "J"'],
    ['an escape left in', (u: any) => (u.identity_info[0].last_name = 'Doe $${x}'), 'identity_info.last_name: expected "Doe ${x}", got "Doe $${x}"'],
    ['email', (u: any) => (u.identity_info[0].email = null), 'identity_info.email: expected "jane@example.com", got null'],
    ['secondary email', (u: any) => (u.identity_info[0].secondary_email = 'x@example.com'), 'identity_info.secondary_email: expected null, got "x@example.com"'],
    ['routing profile', (u: any) => (u.routing_profile_id = 'rp-Support'), 'routing_profile_id: expected "rp-Sales", got "rp-Support"'],
    ['a security profile missing', (u: any) => (u.security_profile_ids = ['sp-Agent']), 'security_profile_ids: expected ["sp-Agent","sp-QA"], got ["sp-Agent"]'],
    ['hierarchy group', (u: any) => (u.hierarchy_group_id = null), 'hierarchy_group_id: expected "hg-Sales", got null'],
    ['phone type', (u: any) => (u.phone_config[0].phone_type = 'SOFT_PHONE'), 'phone_config.phone_type: expected "DESK_PHONE", got "SOFT_PHONE"'],
    ['desk phone', (u: any) => (u.phone_config[0].desk_phone_number = '+1'), 'phone_config.desk_phone_number: expected "+14155550100", got "+1"'],
    ['auto accept', (u: any) => (u.phone_config[0].auto_accept = false), 'phone_config.auto_accept: expected true, got false'],
    ['ACW', (u: any) => (u.phone_config[0].after_contact_work_time_limit = '30'), 'phone_config.after_contact_work_time_limit: expected 30, got "30"'],
    ['a __proto__ tag lost', (u: any) => (u.tags = { team: 'a' }), 'tags: expected {"__proto__":"p","team":"a"}, got {"team":"a"}'],
    ['directory user id', (u: any) => (u.directory_user_id = 'd'), 'directory_user_id: expected null, got "d"'],
    ['password', (u: any) => (u.password = 'ssm-/pw/other'), 'password: expected "ssm-/pw/jane", got "ssm-/pw/other"'],
  ])('reports a wrong %s', (_name, spoil, message) => {
    const got = janeReadBack();
    spoil(got);
    expect(compareUsers({ 'jane.doe': got }, [jane], OPTIONS)).toStrictEqual([`jane.doe: ${message}`]);
  });

  it('reports a user missing from the read-back, and one read back that no file defines', () => {
    expect(compareUsers({ ghost: {} }, [jane], OPTIONS)).toStrictEqual(['jane.doe: missing from what Terraform read back', 'ghost: read back, but in no user file']);
  });

  it('compares tags_all with the default tags under the user\'s own, when the stack has default tags', () => {
    const facts = { ...FACTS, defaultTags: { team: 'default', env: 'dev' } };
    const got = { ...janeReadBack(), tags_all: JSON.parse('{"__proto__": "p", "team": "a", "env": "dev"}') };
    expect(compareUsers({ 'jane.doe': got }, [jane], { ...OPTIONS, facts })).toStrictEqual([]);
    got.tags_all = { team: 'default', env: 'dev' };
    expect(compareUsers({ 'jane.doe': got }, [jane], { ...OPTIONS, facts })).toStrictEqual(['jane.doe: tags_all: expected {"__proto__":"p","env":"dev","team":"a"}, got {"env":"dev","team":"default"}']);
  });

  it('expects no password for SAML and EXISTING_DIRECTORY users', () => {
    expect(expectedFields(jane, { ...OPTIONS, facts: { ...FACTS, identityManagementType: 'SAML' } }).password).toBe(null);
  });

  it('reads an absent block or argument as null', () => {
    expect(actualFields({})).toStrictEqual({
      instance_id: null,
      name: null,
      'identity_info.first_name': null,
      'identity_info.last_name': null,
      'identity_info.email': null,
      'identity_info.secondary_email': null,
      routing_profile_id: null,
      security_profile_ids: null,
      hierarchy_group_id: null,
      'phone_config.phone_type': null,
      'phone_config.desk_phone_number': null,
      'phone_config.auto_accept': null,
      'phone_config.after_contact_work_time_limit': null,
      tags: null,
      tags_all: null,
      directory_user_id: null,
      password: null,
    });
  });
});

describe('expectedPassword: the contract with the stand-in', () => {
  const secretString = (id: string) => `json-of-${id}`;
  it.each([
    ['generate', 'Made-up-1!u'],
    ['', 'Made-up-1!u'], // the default
    ['ssm:/a/b', 'ssm-/a/b'],
    ['secretsmanager:s', 'json-of-s'],
    ['secretsmanager:s#k ${x}', 'Json-Pw-1!s#k ${x}'],
    ['Plain-Pa55-${x}', 'Plain-Pa55-${x}'],
    ['none', null],
  ])('%j gives %j', (password, expected) => {
    expect(expectedPassword(makeUser('u', { password }), FACTS, secretString)).toBe(expected);
  });

  it("uses the stack's default for an empty cell, and UNKNOWN for a generated password in a plan", () => {
    expect(expectedPassword(makeUser('u'), { ...FACTS, defaultPassword: 'ssm:/d' }, secretString)).toBe('ssm-/d');
    expect(expectedPassword(makeUser('u'), FACTS, secretString, 'planned')).toBe(UNKNOWN);
    expect(expectedPassword(makeUser('u', { password: 'ssm:/a' }), FACTS, secretString, 'planned')).toBe('ssm-/a');
  });
});

describe('factsOf', () => {
  it("gives the stack's instance id, the placeholder by default, or the made-up id of an instance found by alias", () => {
    expect(factsOf({}).instanceId).toBe('00000000-0000-0000-0000-000000000000');
    expect(factsOf({ instanceId: 'i-9' }).instanceId).toBe('i-9');
    expect(factsOf({ instanceId: undefined, instanceAlias: 'centre' }).instanceId).toBe('instance-centre');
  });

  it('defaults like the stack: CONNECT_MANAGED, generate, no default tags', () => {
    expect(factsOf({})).toStrictEqual({ instanceId: '00000000-0000-0000-0000-000000000000', identityManagementType: 'CONNECT_MANAGED', defaultPassword: 'generate' });
    expect(factsOf({ defaultTags: { a: 'b' } }).defaultTags).toStrictEqual({ a: 'b' });
  });
});

describe('realAttributes', () => {
  const config = {
    data: {
      aws_connect_instance: { instance: {} },
      aws_secretsmanager_secret_version: { password_secrets: {} },
      aws_connect_user_hierarchy_group: { hierarchy_groups: {} },
    },
  };
  const users = [
    makeUser('a', { password: 'secretsmanager:s#k1', hierarchyPath: ['Sales'] }),
    makeUser('b', { password: 'secretsmanager:s#k2', hierarchyPath: ['EMEA', 'Lisbon', 'Sales'] }),
    makeUser('c', { password: 'secretsmanager:t', hierarchyPath: [] }),
  ];

  it("gives the instance's identity type, a JSON secret per secret read by key, and each group's longest path, by name and by path", () => {
    const data = realAttributes(config, users, FACTS);
    expect(data).toStrictEqual({
      'data.aws_connect_instance.instance': { '': { identity_management_type: 'CONNECT_MANAGED' } },
      'data.aws_secretsmanager_secret_version.password_secrets': { s: { secret_string: '{"k1":"Json-Pw-1!s#k1","k2":"Json-Pw-1!s#k2"}' } },
      'data.aws_connect_user_hierarchy_group.hierarchy_groups': {
        Sales: { hierarchy_path: [hierarchyPath(['EMEA', 'Lisbon', 'Sales'])] },
        'EMEA|Lisbon|Sales': { hierarchy_path: [hierarchyPath(['EMEA', 'Lisbon', 'Sales'])] },
      },
    });
    expect(secretStringOf(data, config)('s')).toBe('{"k1":"Json-Pw-1!s#k1","k2":"Json-Pw-1!s#k2"}');
    expect(secretStringOf(data, config)('t')).toBe('secret-t');
  });

  it('reads no secret for SAML, and nothing for blocks that are not there', () => {
    expect(realAttributes(config, users, { ...FACTS, identityManagementType: 'SAML' })['data.aws_secretsmanager_secret_version.password_secrets']).toBe(undefined);
    expect(realAttributes({}, users, FACTS)).toStrictEqual({});
  });

  it('writes a hierarchy path level by level, the rest empty', () => {
    expect(hierarchyPath(['A', 'B'])).toStrictEqual({
      level_one: [{ id: 'hg-A', name: 'A', arn: 'arn:made-up:agent-group/hg-A' }],
      level_two: [{ id: 'hg-B', name: 'B', arn: 'arn:made-up:agent-group/hg-B' }],
      level_three: [],
      level_four: [],
      level_five: [],
    });
    expect([...hierarchyPaths(users)]).toStrictEqual([['Sales', ['EMEA', 'Lisbon', 'Sales']]]);
  });
});

describe('compareGeneratedParameters', () => {
  const users = [makeUser('a', { password: 'generate' }), makeUser('b', { password: 'ssm:/x' }), makeUser('c')];
  const readBack = { a: { password: 'Made-up-1!a' }, b: { password: 'ssm-/x' }, c: { password: 'Made-up-1!c' } };

  it("wants each generated password in one parameter, whatever the parameters' keys and names", () => {
    expect(compareGeneratedParameters({ k1: { name: '/p/1', value: 'Made-up-1!c' }, k2: { name: '/p/2', value: 'Made-up-1!a' } }, readBack, users, FACTS)).toStrictEqual([]);
  });

  it('reports a password in no parameter, or in two', () => {
    expect(compareGeneratedParameters({ a: { name: '/p/a', value: 'Made-up-1!a' }, c: { name: '/p/c', value: 'other' } }, readBack, users, FACTS)).toStrictEqual([
      'c: 0 SSM parameters hold the generated password, expected 1',
    ]);
    expect(
      compareGeneratedParameters({ a: { name: '/p/a', value: 'Made-up-1!a' }, c: { name: '/p/c', value: 'Made-up-1!a' } }, readBack, users, FACTS),
    ).toStrictEqual(['a: 2 SSM parameters hold the generated password, expected 1', 'c: 0 SSM parameters hold the generated password, expected 1']);
  });

  it('reports a parameter too many, and a name used twice', () => {
    expect(
      compareGeneratedParameters(
        { a: { name: '/p', value: 'Made-up-1!a' }, b: { name: '/p', value: 'ssm-/x' }, c: { name: '/p/c', value: 'Made-up-1!c' } },
        readBack,
        users,
        FACTS,
      ),
    ).toStrictEqual(['3 SSM parameters for 2 generated passwords', 'SSM parameter name "/p" is used twice']);
  });

  it('wants none for SAML users', () => {
    expect(compareGeneratedParameters({}, readBack, users, { ...FACTS, identityManagementType: 'SAML' })).toStrictEqual([]);
  });
});

describe('plannedInputs: users read back from a plan', () => {
  it("gives each instance's planned input, UNKNOWN where Terraform will know only after apply", () => {
    const plan = {
      resource_changes: [
        {
          type: 'terraform_data',
          name: 'aws_connect_user__users',
          index: '__proto__',
          change: { after: { input: { name: '__proto__', identity_info: [{ first_name: 'A' }], tags: {} } }, after_unknown: { input: { password: true, identity_info: [{}], tags: {} } } },
        },
        { type: 'terraform_data', name: 'other', index: 'x', change: { after: { input: {} } } },
      ],
    };
    const inputs = plannedInputs(plan, 'aws_connect_user__users');
    expect(Object.keys(inputs)).toStrictEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(inputs, '__proto__')?.value).toStrictEqual({ name: '__proto__', identity_info: [{ first_name: 'A' }], tags: {}, password: UNKNOWN });
  });
});

describe('canonical and mergeMaps', () => {
  it('sorts keys at every level and keeps __proto__', () => {
    expect(canonical({ b: 1, a: [{ d: 1, c: 2 }], ...JSON.parse('{"__proto__": 0}') })).toBe('{"__proto__":0,"a":[{"c":2,"d":1}],"b":1}');
  });

  it('merges maps left to right, __proto__ as a key', () => {
    const merged = mergeMaps(JSON.parse('{"__proto__": "a", "x": "1"}'), { x: '2' });
    expect(Object.keys(merged)).toStrictEqual(['__proto__', 'x']);
    expect(merged.x).toBe('2');
  });
});
