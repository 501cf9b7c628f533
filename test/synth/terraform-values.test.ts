import type { User } from '../../src/model';
import { parsePasswordSource } from '../../src/passwords';
import { escapeMap, escapeTemplate, passwordLocals, userLocals } from '../../src/synth/terraform-values';
import { makeUser } from '../helpers';

const user = (username: string, extra: Partial<User> = {}): User => makeUser(username, { firstName: 'A', lastName: 'B', ...extra });
/** JSON text: shows `__proto__` keys, which toStrictEqual cannot express in an object literal. */
const json = (value: unknown) => JSON.stringify(value);

describe('escapeTemplate', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['', ''],
    ['${var.x}', '$${var.x}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    ['$${already}', '$$${already}'],
    ['%%{already}', '%%%{already}'],
    ['cost $5 {ok}', 'cost $5 {ok}'],
    ['${a}${b}', '$${a}$${b}'],
    ['%{a}%{b}', '%%{a}%%{b}'],
    ['${', '$${'],
    ['%{', '%%{'],
    ['{', '{'],
    ['$ {x} % {y}', '$ {x} % {y}'],
    ['{${x}', '{$${x}'],
    ['${TfToken[TOKEN.1]}', '$${TfToken[TOKEN.1]}'],
  ];
  it.each(cases)('escapes %j as %j', (input, expected) => expect(escapeTemplate(input)).toBe(expected));
});

describe('escapeMap', () => {
  it('escapes keys and values and sorts keys in code-unit order', () => {
    expect(json(escapeMap({ b: '${x}', 'a%{': 'v', B: '1', é: '2' }))).toBe(json({ B: '1', 'a%%{': 'v', b: '$${x}', é: '2' }));
  });

  it('keeps a key __proto__ as an own key, a plain data property like any other', () => {
    const map = escapeMap(JSON.parse('{"z":"1","__proto__":"${p}"}'));
    expect(json(map)).toBe('{"__proto__":"$${p}","z":"1"}');
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')).toStrictEqual({ value: '$${p}', writable: true, enumerable: true, configurable: true });
  });
});

describe('userLocals', () => {
  it('has every attribute for every user, absent optional fields as null (not "")', () => {
    const { connect_users } = userLocals([user('jane', { email: '' })]);
    expect(connect_users.jane).toStrictEqual({
      identity_info: { first_name: 'A', last_name: 'B', email: null, secondary_email: null },
      routing_profile: 'Sales',
      security_profiles: ['Agent'],
      hierarchy_group: null,
      phone_type: 'SOFT_PHONE',
      desk_phone_number: null,
      auto_accept: false,
      after_contact_work_time_limit: 0,
      tags: {},
      directory_user_id: null,
    });
  });

  it('passes every field as given', () => {
    const { connect_users } = userLocals([
      user('jo', {
        email: 'jo@example.com',
        secondaryEmail: 'j2@example.org',
        phoneType: 'DESK_PHONE',
        deskPhoneNumber: '+14155550100',
        autoAccept: true,
        afterContactWorkTimeLimit: 30,
        directoryUserId: 'd-1',
        hierarchyPath: ['EMEA', 'Sales'],
        tags: { t: 'v' },
      }),
    ]);
    expect(connect_users.jo).toStrictEqual({
      identity_info: { first_name: 'A', last_name: 'B', email: 'jo@example.com', secondary_email: 'j2@example.org' },
      routing_profile: 'Sales',
      security_profiles: ['Agent'],
      hierarchy_group: 'Sales',
      phone_type: 'DESK_PHONE',
      desk_phone_number: '+14155550100',
      auto_accept: true,
      after_contact_work_time_limit: 30,
      tags: { t: 'v' },
      directory_user_id: 'd-1',
    });
  });

  it('gives a user with no name and no email no identity_info (no block at all), and keeps it when any one of them is given', () => {
    const none = { firstName: undefined, lastName: '', email: undefined, secondaryEmail: undefined };
    const { connect_users } = userLocals([
      user('a', none),
      user('b', { ...none, firstName: 'F' }),
      user('c', { ...none, lastName: 'L' }),
      user('d', { ...none, email: 'd@example.com' }),
      user('e', { ...none, secondaryEmail: 'e@example.com' }),
    ]);
    expect(connect_users.a.identity_info).toBe(null);
    expect(connect_users.b.identity_info).toStrictEqual({ first_name: 'F', last_name: null, email: null, secondary_email: null });
    expect(connect_users.c.identity_info).toStrictEqual({ first_name: null, last_name: 'L', email: null, secondary_email: null });
    expect(connect_users.d.identity_info).toStrictEqual({ first_name: null, last_name: null, email: 'd@example.com', secondary_email: null });
    expect(connect_users.e.identity_info).toStrictEqual({ first_name: null, last_name: null, email: null, secondary_email: 'e@example.com' });
  });

  it('lists each distinct profile name once, sorted in code-unit order', () => {
    const locals = userLocals([
      user('a', { routingProfile: 'Support', securityProfiles: ['QA', 'Agent'] }),
      user('b', { routingProfile: 'Sales', securityProfiles: ['Agent', 'agent'] }),
      user('c', { routingProfile: 'Sales', securityProfiles: ['Agent'] }),
    ]);
    expect(json(locals.connect_routing_profiles)).toBe(json({ Sales: 'Sales', Support: 'Support' }));
    expect(json(locals.connect_security_profiles)).toBe(json({ Agent: 'Agent', QA: 'QA', agent: 'agent' }));
    expect(locals.connect_users.a.security_profiles).toStrictEqual(['Agent', 'QA']);
  });

  describe('hierarchy groups: each name once, with the path the files give it and where', () => {
    const at = (file: string, line: number) => ({ source: { file, line } });

    it('takes the longest path (a bare name matches any), and the first place in the files giving it', () => {
      const locals = userLocals([
        user('a', { hierarchyPath: ['Sales'], ...at('users/a.csv', 2) }),
        user('b', { hierarchyPath: ['EMEA', 'Lisbon', 'Sales'], ...at('users/b.csv', 9) }),
        user('c', { hierarchyPath: ['EMEA', 'Lisbon', 'Sales'], ...at('users/b.csv', 4) }),
        user('d', { hierarchyPath: ['EMEA', 'Lisbon', 'Sales'], ...at('users/c.csv', 1) }),
        user('e', { hierarchyPath: ['Support'], ...at('users/z.csv', 5) }),
        user('f', { hierarchyPath: ['Support'], ...at('users/y.csv', 8) }),
        user('g', { hierarchyPath: ['Support'], ...at('users/y.csv', 7) }),
        user('h'),
      ]);
      expect(json(locals.connect_hierarchy_groups)).toBe(
        json({
          Sales: { path: ['EMEA', 'Lisbon', 'Sales'], used_at: 'users/b.csv:4' },
          Support: { path: ['Support'], used_at: 'users/y.csv:7' },
        }),
      );
      expect(locals.connect_users.b.hierarchy_group).toBe('Sales');
      expect(locals.connect_users.h.hierarchy_group).toBe(null);
    });

    it('prefers a longer path found later, and an earlier file over an earlier line', () => {
      const locals = userLocals([
        user('a', { hierarchyPath: ['EMEA', 'Sales'], ...at('users/b.csv', 1) }),
        user('b', { hierarchyPath: ['EMEA', 'Sales'], ...at('users/a.csv', 9) }),
        user('c', { hierarchyPath: ['Sales'], ...at('users/0.csv', 1) }),
      ]);
      expect(locals.connect_hierarchy_groups.Sales).toStrictEqual({ path: ['EMEA', 'Sales'], used_at: 'users/a.csv:9' });
    });

    it.each([
      ['an earlier line seen first', [3, 8], 'users/a.csv:3'],
      ['an earlier line seen later', [8, 3], 'users/a.csv:3'],
      ['the same place (a TS file without lines): the first seen', [undefined, undefined], 'users/a.csv'],
    ])('in one file, keeps %s', (_what, [first, second], usedAt) => {
      const locals = userLocals([
        user('a', { hierarchyPath: ['EMEA', 'Sales'], source: { file: 'users/a.csv', line: first } }),
        user('b', { hierarchyPath: ['EMEA', 'Sales'], source: { file: 'users/a.csv', line: second } }),
      ]);
      expect(locals.connect_hierarchy_groups.Sales.used_at).toBe(usedAt);
    });

    it('counts a missing line as 0 (before line 1)', () => {
      const locals = userLocals([
        user('a', { hierarchyPath: ['EMEA', 'Sales'], source: { file: 'users/a.ts', line: 1 } }),
        user('b', { hierarchyPath: ['EMEA', 'Sales'], source: { file: 'users/a.ts' } }),
      ]);
      expect(locals.connect_hierarchy_groups.Sales.used_at).toBe('users/a.ts');
    });

    it('names a file without a line by the file alone, and escapes names, paths and files', () => {
      const locals = userLocals([user('a', { hierarchyPath: ['${top}', '%{g}'], source: { file: 'users/${x}.ts' } })]);
      expect(json(locals.connect_hierarchy_groups)).toBe(json({ '%%{g}': { path: ['$${top}', '%%{g}'], used_at: 'users/$${x}.ts' } }));
    });

    it('keeps a group named __proto__', () => {
      const locals = userLocals([user('a', { hierarchyPath: ['EMEA', '__proto__'] })]);
      expect(json(locals.connect_hierarchy_groups)).toBe('{"__proto__":{"path":["EMEA","__proto__"],"used_at":"users/a.csv:2"}}');
    });
  });

  it('escapes template sequences in every string, keys included', () => {
    const locals = userLocals([
      user('x${a}', {
        firstName: '${var.secret}',
        lastName: '%{l}',
        email: '${e}',
        secondaryEmail: '%{s}',
        routingProfile: '%{ for x in y }',
        securityProfiles: ['${p}'],
        hierarchyPath: ['${g}'],
        deskPhoneNumber: '${n}',
        directoryUserId: '%{d}',
        tags: { '${k}': '${v}' },
      }),
    ]);
    expect(locals.connect_users['x$${a}']).toStrictEqual({
      identity_info: { first_name: '$${var.secret}', last_name: '%%{l}', email: '$${e}', secondary_email: '%%{s}' },
      routing_profile: '%%{ for x in y }',
      security_profiles: ['$${p}'],
      hierarchy_group: '$${g}',
      phone_type: 'SOFT_PHONE',
      desk_phone_number: '$${n}',
      auto_accept: false,
      after_contact_work_time_limit: 0,
      tags: { '$${k}': '$${v}' },
      directory_user_id: '%%{d}',
    });
    expect(locals.connect_routing_profiles).toStrictEqual({ '%%{ for x in y }': '%%{ for x in y }' });
    expect(locals.connect_security_profiles).toStrictEqual({ '$${p}': '$${p}' });
    expect(Object.keys(locals.connect_hierarchy_groups)).toStrictEqual(['$${g}']);
  });

  it('sorts security profiles and tag keys in code-unit order', () => {
    const { connect_users } = userLocals([user('a', { securityProfiles: ['b', 'B', 'a'], tags: { z: '1', A: '2', a: '3' } })]);
    expect(connect_users.a.security_profiles).toStrictEqual(['B', 'a', 'b']);
    expect(json(connect_users.a.tags)).toBe('{"A":"2","a":"3","z":"1"}');
  });

  it('keeps a tag or username "__proto__" as a plain key', () => {
    const locals = userLocals([user('__proto__', { tags: JSON.parse('{"__proto__":"x"}') })]);
    expect(Object.keys(locals.connect_users)).toStrictEqual(['__proto__']);
    expect(json(locals.connect_users)).toContain('"__proto__":{');
    expect(json(locals.connect_users)).toContain('"tags":{"__proto__":"x"}');
  });
});

describe('passwordLocals', () => {
  const PREFIX = '/connect-users/s/initial-passwords/';
  const generate = parsePasswordSource('generate');
  const pw = (username: string, password?: string) => user(username, { password });

  it('maps each user to its source, one map per kind, only the maps that have entries', () => {
    const locals = passwordLocals(
      [
        pw('amy'),
        pw('bob', 'generate'),
        pw('cat', 'ssm:/pw/shared'),
        pw('dan', 'ssm:/pw/shared'),
        pw('eve', 'ssm:/pw/eve'),
        pw('fay', 'secretsmanager:connect/pw'),
        pw('gus', 'secretsmanager:connect/pw#gus'),
        pw('hal', 'none'),
      ],
      generate,
      PREFIX,
    );
    expect(json(locals)).toBe(
      json({
        connect_password_generated: { amy: `${PREFIX}amy`, bob: `${PREFIX}bob` },
        connect_password_ssm: { '/pw/eve': '/pw/eve', '/pw/shared': '/pw/shared' },
        connect_password_ssm_users: { cat: '/pw/shared', dan: '/pw/shared', eve: '/pw/eve' },
        connect_password_secrets: { 'connect/pw': 'connect/pw' },
        connect_password_secret_users: { fay: 'connect/pw' },
        connect_password_secret_key_users: { gus: { secret_id: 'connect/pw', key: 'gus' } },
      }),
    );
  });

  it('gives users with an empty cell the default source', () => {
    expect(passwordLocals([pw('amy'), pw('bob', '')], parsePasswordSource('ssm:/d'), PREFIX)).toStrictEqual({
      connect_password_ssm: { '/d': '/d' },
      connect_password_ssm_users: { amy: '/d', bob: '/d' },
    });
  });

  it('is empty when every user has none', () => expect(passwordLocals([pw('a', 'none')], generate, PREFIX)).toStrictEqual({}));

  it('names each generated parameter from the prefix and the encoded username (distinct for a@b and a-at-b)', () => {
    expect(passwordLocals([pw('a@b'), pw('a-at-b')], generate, '/p/').connect_password_generated).toStrictEqual({ 'a-at-b': '/p/a--at--b', 'a@b': '/p/a-at-b' });
  });

  it('sorts reference names in code-unit order', () => {
    const locals = passwordLocals([pw('a', 'ssm:/z'), pw('b', 'ssm:/B'), pw('c', 'secretsmanager:y'), pw('d', 'secretsmanager:X')], generate, PREFIX);
    expect(Object.keys(locals.connect_password_ssm!)).toStrictEqual(['/B', '/z']);
    expect(Object.keys(locals.connect_password_secrets!)).toStrictEqual(['X', 'y']);
  });

  it('escapes plaintext passwords, secret ids and keys, and usernames', () => {
    const locals = passwordLocals([pw('x${u}', 'Pa55${w}%{x}'), pw('y', 'secretsmanager:s#k${e}')], generate, PREFIX);
    expect(locals.connect_password_plaintext).toStrictEqual({ 'x$${u}': 'Pa55$${w}%%{x}' });
    expect(locals.connect_password_secret_key_users).toStrictEqual({ y: { secret_id: 's', key: 'k$${e}' } });
  });

  it('keeps a username __proto__ in every map', () => {
    const locals = passwordLocals([pw('__proto__')], generate, PREFIX);
    expect(json(locals.connect_password_generated)).toBe(`{"__proto__":"${PREFIX}__proto__"}`);
    const ssm = passwordLocals([pw('__proto__', 'ssm:/x')], generate, PREFIX);
    expect(json(ssm.connect_password_ssm_users)).toBe('{"__proto__":"/x"}');
  });

  it('throws on a source validation refuses (it never gets here)', () => {
    expect(() => passwordLocals([pw('amy', 'ssm:has space')], generate, PREFIX)).toThrow('connect-users: the password source of amy cannot be used (validation should have said so)');
  });
});
