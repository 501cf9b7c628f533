import { HIDDEN_VALUE, type RawUser } from '../../src/model';
import { formatProblem } from '../../src/problems';
import { validateUsers, withDefaults } from '../../src/validate';

const user = (username: string, file: string, line: number, extra: Partial<RawUser> = {}): RawUser => ({
  username,
  firstName: 'A',
  lastName: 'B',
  routingProfile: 'Sales',
  securityProfiles: ['Agent'],
  phoneType: 'SOFT_PHONE',
  source: { file, line },
  ...extra,
});

describe('validateUsers', () => {
  it('collects every failure of every user, with file and line, in the admin format', () => {
    const { problems } = validateUsers(
      [user('ok', 'users/a.csv', 2), user('bad', 'users/a.csv', 3, { securityProfiles: [], firstName: undefined })],
      { identityManagementType: 'CONNECT_MANAGED' },
    );
    expect(problems.map(formatProblem).sort()).toStrictEqual([
      'users/a.csv:3: firstName: expected a first name (required for CONNECT_MANAGED), got nothing: fill it in (NAME_REQUIRED)',
      'users/a.csv:3: securityProfiles: expected 1 to 10 distinct names (joined with "|" in CSV), got 0 (SECURITY_PROFILES_COUNT)',
    ]);
  });

  it('fails when a username is defined twice anywhere, ignoring case, naming both places', () => {
    const { problems } = validateUsers([user('jane.doe', 'users/a.csv', 2), user('Jane.Doe', 'users/team/b.ts', 7)], {
      identityManagementType: 'CONNECT_MANAGED',
    });
    expect(problems.map((p) => [p.code, `${p.file}:${p.line}`, p.message.includes(p.file === 'users/a.csv' ? 'users/team/b.ts:7' : 'users/a.csv:2')])).toStrictEqual([
        ['DUPLICATE_USERNAME', 'users/a.csv:2', true],
        ['DUPLICATE_USERNAME', 'users/team/b.ts:7', true],
      ]);
  });

  const paths: [string, string[][], string[]][] = [
    ['passes when one group name always has the same path', [['EMEA', 'Sales'], ['EMEA', 'Sales']], []],
    ['passes when a bare group name meets a path ending in it', [['EMEA', 'Sales'], ['Sales']], []],
    ['fails when one group name ends two different paths', [['EMEA', 'Lisbon', 'Sales'], ['US', 'Austin', 'Sales']], ['users/a.csv:3']],
  ];
  for (const [when, hierarchy, failing] of paths) {
    it(`hierarchy paths: ${when}`, () => {
      const users = hierarchy.map((hierarchyPath, i) => user(`u${i}`, 'users/a.csv', i + 2, { hierarchyPath }));
      const { problems } = validateUsers(users, { identityManagementType: 'CONNECT_MANAGED' });
      expect(problems.map((p) => `${p.file}:${p.line}`)).toStrictEqual(failing);
      expect(problems.every((p) => p.code === 'HIERARCHY_PATH_CONFLICT' && p.message.includes('users/a.csv:2'))).toBeTruthy();
    });
  }

  it('fails when a username is defined twice, with the exact message at each place', () => {
    const { problems } = validateUsers([user('jane.doe', 'users/a.csv', 2), user('JANE.DOE', 'users/b.csv', 5)], { identityManagementType: 'CONNECT_MANAGED' });
    expect(problems).toStrictEqual([
      { file: 'users/a.csv', line: 2, field: 'username', code: 'DUPLICATE_USERNAME', message: '"jane.doe" is also defined at users/b.csv:5 (usernames are compared ignoring case): keep one' },
      { file: 'users/b.csv', line: 5, field: 'username', code: 'DUPLICATE_USERNAME', message: '"JANE.DOE" is also defined at users/a.csv:2 (usernames are compared ignoring case): keep one' },
    ]);
  });

  it('hides a duplicated username everywhere when one of its rows may hold a password', () => {
    const { problems } = validateUsers([user('Tr0ub4dor3', 'users/a.csv', 2, { hideValues: true }), user('Tr0ub4dor3', 'users/a.csv', 3)], {
      identityManagementType: 'CONNECT_MANAGED',
    });
    expect(problems.map((p) => [p.code, p.line, p.message])).toStrictEqual([
      ['DUPLICATE_USERNAME', 2, `${HIDDEN_VALUE} is also defined at users/a.csv:3 (usernames are compared ignoring case): keep one`],
      ['DUPLICATE_USERNAME', 3, `${HIDDEN_VALUE} is also defined at users/a.csv:2 (usernames are compared ignoring case): keep one`],
    ]);
  });

  it('reports a hierarchy conflict with the exact message, hiding the paths when either row may hold a password', () => {
    const paths = [user('u1', 'users/a.csv', 2, { hierarchyPath: ['EMEA', 'Sales'] }), user('u2', 'users/a.csv', 3, { hierarchyPath: ['US', 'Sales'] })];
    const message = (a: string, b: string, name: string) =>
      `${a} and ${b} (at users/a.csv:2) both end in the group ${name}; groups are looked up by name, so give the groups distinct names or use one path`;
    expect(validateUsers(paths, { identityManagementType: 'CONNECT_MANAGED' }).problems).toStrictEqual([
      { file: 'users/a.csv', line: 3, field: 'hierarchyGroup', code: 'HIERARCHY_PATH_CONFLICT', message: message('"US|Sales"', '"EMEA|Sales"', '"Sales"') },
    ]);
    for (const hidden of [0, 1]) {
      const users = paths.map((u, i) => (i === hidden ? { ...u, hideValues: true } : u));
      expect(validateUsers(users, { identityManagementType: 'CONNECT_MANAGED' }).problems.map((p) => p.message)).toStrictEqual([message(HIDDEN_VALUE, HIDDEN_VALUE, HIDDEN_VALUE)]);
    }
  });

  it('leaves a path with an empty level to the hierarchy-group-name rule (no conflict reported)', () => {
    const users = [user('u1', 'users/a.csv', 2, { hierarchyPath: ['EMEA', 'Sales', ''] }), user('u2', 'users/a.csv', 3, { hierarchyPath: ['US', 'Sales', ''] })];
    expect(validateUsers(users, { identityManagementType: 'CONNECT_MANAGED' }).problems.map((p) => [p.code, p.line])).toStrictEqual([
      ['HIERARCHY_GROUP_NAME', 2],
      ['HIERARCHY_GROUP_NAME', 3],
    ]);
  });

  it('applies defaults: auto-accept off, ACW 0, no tags, no hierarchy', () => {
    const { users } = validateUsers([user('jane', 'users/a.csv', 2)], { identityManagementType: 'CONNECT_MANAGED' });
    expect(users[0].autoAccept).toBe(false);
    expect(users[0].afterContactWorkTimeLimit).toBe(0);
    expect(users[0].tags).toStrictEqual({});
    expect(users[0].hierarchyPath).toStrictEqual([]);
  });

  it('gives every missing field its default (the users are used only when there is no problem)', () => {
    expect(withDefaults({ source: { file: 'users/a.csv', line: 2 } })).toStrictEqual({
      username: '',
      routingProfile: '',
      securityProfiles: [],
      hierarchyPath: [],
      phoneType: 'SOFT_PHONE',
      autoAccept: false,
      afterContactWorkTimeLimit: 0,
      tags: {},
      source: { file: 'users/a.csv', line: 2 },
    });
  });
});
