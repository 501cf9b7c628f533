import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { IdentityManagementType, RawUser } from '../../src/model';
import { explainUser, USER_RULES, validateUsers } from '../../src/validate';
import { BASE } from './rules/helpers';

// One test file per rule lives in test/validate/rules/, named after the rule; this file holds what concerns them all.
describe('user rules', () => {
  it('every rule has a unique name, named after its file, and a description', () => {
    const names = USER_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const files = readdirSync(path.join(__dirname, '../../src/validate/rules')).map((f) => f.replace(/\.ts$/, ''));
    expect([...names].sort()).toStrictEqual(files.sort());
    expect(USER_RULES.filter((r) => r.description.length <= 10)).toStrictEqual([]);
  });

  it.each([['CONNECT_MANAGED'], ['EXISTING_DIRECTORY']] as const)('the base user passes every rule on %s', (imt) => {
    const failing = Object.entries(explainUser(BASE, { identityManagementType: imt })).filter(([, r]) => r !== 'not-applicable' && r.length > 0);
    expect(failing).toStrictEqual([]);
  });

  /** A row whose cells were shifted by an unquoted comma: the password may be in any of them. */
  const SECRET = 'Tr0ub4dor&3xyz';
  const shifted: RawUser = {
    username: `${SECRET} x`,
    firstName: SECRET.repeat(8),
    lastName: SECRET.repeat(8),
    email: SECRET,
    secondaryEmail: SECRET,
    routingProfile: SECRET.repeat(10),
    securityProfiles: [SECRET, SECRET],
    hierarchyPath: [SECRET, ''],
    phoneType: 'DESK_PHONE',
    deskPhoneNumber: SECRET,
    tags: { [`aws:${SECRET}`]: SECRET.repeat(20) },
    directoryUserId: SECRET,
    source: { file: 'users/a.csv', line: 3 },
    hideValues: true,
  };
  it.each([['CONNECT_MANAGED'], ['SAML'], ['EXISTING_DIRECTORY']] as const)(
    'no rule quotes any value of a row that may hold a password (%s)',
    (imt: IdentityManagementType) => {
      const { problems } = validateUsers([shifted, { ...shifted, source: { file: 'users/a.csv', line: 4 } }], { identityManagementType: imt });
      expect(problems.length).toBeGreaterThan(8);
      expect(problems.filter((p) => p.message.includes(SECRET) || p.message.includes('Tr0ub4dor'))).toStrictEqual([]);
    },
  );
});
