import type { User } from '../../src/model';
import { escapeTemplate, userLocals } from '../../src/synth/terraform-values';
import { makeUser } from '../helpers';

const user = (username: string, extra: Partial<User> = {}): User => makeUser(username, { firstName: 'A', lastName: 'B', ...extra });

describe('escapeTemplate', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['${var.x}', '$${var.x}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    ['$${already}', '$$${already}'],
    ['cost $5 {ok}', 'cost $5 {ok}'],
    ['${a}${b}', '$${a}$${b}'],
    ['${TfToken[TOKEN.1]}', '$${TfToken[TOKEN.1]}'],
  ];
  for (const [input, expected] of cases) {
    it(`escapes ${JSON.stringify(input)}`, () => expect(escapeTemplate(input)).toBe(expected));
  }
});

describe('userLocals', () => {
  it('has every attribute for every user, absent optional fields as null (not "")', () => {
    const { connect_users } = userLocals([user('jane', { email: '' })]);
    expect(connect_users.jane).toStrictEqual({
      first_name: 'A',
      last_name: 'B',
      email: null,
      secondary_email: null,
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

  it('lists each distinct profile and group name once, sorted', () => {
    const locals = userLocals([
      user('a', { routingProfile: 'Support', securityProfiles: ['QA', 'Agent'], hierarchyPath: ['EMEA', 'Sales'] }),
      user('b', { routingProfile: 'Sales', securityProfiles: ['Agent'], hierarchyPath: ['EMEA', 'Sales'] }),
      user('c', { routingProfile: 'Sales', securityProfiles: ['Agent'] }),
    ]);
    expect(locals.connect_routing_profiles).toStrictEqual({ Sales: 'Sales', Support: 'Support' });
    expect(locals.connect_security_profiles).toStrictEqual({ Agent: 'Agent', QA: 'QA' });
    expect(locals.connect_hierarchy_groups).toStrictEqual({ Sales: 'Sales' });
    expect(locals.connect_users.a.security_profiles).toStrictEqual(['Agent', 'QA']);
  });

  it('escapes template sequences in every string, keys included', () => {
    const locals = userLocals([
      user('x${a}', {
        firstName: '${var.secret}',
        routingProfile: '%{ for x in y }',
        securityProfiles: ['${p}'],
        hierarchyPath: ['${g}'],
        tags: { '${k}': '${v}' },
      }),
    ]);
    const text = JSON.stringify(locals);
    expect(/(^|[^$])\$\{/.test(text.replace(/\$\$\{/g, ''))).toBeFalsy() /* text */;
    expect(Object.keys(locals.connect_users)).toStrictEqual(['x$${a}']);
    expect(locals.connect_users['x$${a}'].tags).toStrictEqual({ '$${k}': '$${v}' });
    expect(locals.connect_routing_profiles).toStrictEqual({ '%%{ for x in y }': '%%{ for x in y }' });
  });

  it('keeps a tag or username "__proto__" as a plain key', () => {
    const locals = userLocals([user('__proto__', { tags: { __proto__: 'x' } as Record<string, string> })]);
    expect(Object.keys(locals.connect_users)).toStrictEqual(['__proto__']);
    expect(JSON.stringify(locals.connect_users).includes('"__proto__":{')).toBe(true);
  });
});
