import type { LiveUser } from '../../src/connect/read-instance';
import { caseTwin, namesManaged, stackDrift, unmanagedUsers, type DriftOptions } from '../../src/drift/compare';
import type { IdentityManagementType, User } from '../../src/model';
import { makeUser } from '../helpers';

/** The live twin of makeUser(username): no drift against it. */
const live = (username: string, extra: Partial<LiveUser> = {}): LiveUser => ({
  userId: `id-${username}`,
  username,
  firstName: 'First',
  lastName: username,
  routingProfile: 'Sales',
  securityProfiles: ['Agent'],
  hierarchyPath: [],
  phoneType: 'SOFT_PHONE',
  autoAccept: false,
  afterContactWorkTimeLimit: 0,
  tags: {},
  ...extra,
});

const drift = (file: User, connect: LiveUser, options: DriftOptions = { emailsCompared: true }) => stackDrift([file], new Map([[connect.username, connect]]), options).changed[0]?.fields ?? [];

describe('stackDrift: one field at a time', () => {
  it('finds nothing when Connect has what the files say', () => {
    const result = stackDrift([makeUser('ann')], new Map([['ann', live('ann')]]), { emailsCompared: true });
    expect(result).toStrictEqual({ missing: [], changed: [], unchanged: 1 });
  });

  it.each<[string, Partial<User>, Partial<LiveUser>, string, string]>([
    ['firstName', { firstName: 'Ann' }, { firstName: 'Anne' }, 'Anne', 'Ann'],
    ['firstName', { firstName: undefined }, { firstName: 'Anne' }, 'Anne', ''],
    ['lastName', { lastName: 'Lee' }, { lastName: undefined }, '', 'Lee'],
    ['email', { email: 'a@example.com' }, { email: 'b@example.com' }, 'b@example.com', 'a@example.com'],
    ['email', { email: undefined }, { email: 'b@example.com' }, 'b@example.com', ''],
    ['email', { email: 'A@example.com' }, { email: 'a@example.com' }, 'a@example.com', 'A@example.com'],
    ['secondaryEmail', { secondaryEmail: 's@example.com' }, {}, '', 's@example.com'],
    ['routingProfile', { routingProfile: 'Sales' }, { routingProfile: 'Support' }, 'Support', 'Sales'],
    ['securityProfiles', { securityProfiles: ['Agent', 'Admin'] }, { securityProfiles: ['Agent'] }, 'Agent', 'Admin, Agent'],
    ['hierarchyGroup', { hierarchyPath: ['EMEA', 'Sales'] }, { hierarchyPath: ['EMEA', 'Support'] }, 'EMEA|Support', 'EMEA|Sales'],
    ['hierarchyGroup', { hierarchyPath: ['Sales'] }, { hierarchyPath: [] }, '', 'Sales'],
    ['hierarchyGroup', { hierarchyPath: [] }, { hierarchyPath: ['EMEA', 'Sales'] }, 'EMEA|Sales', ''],
    ['phoneType', { phoneType: 'DESK_PHONE', deskPhoneNumber: '+14155550100' }, { phoneType: 'SOFT_PHONE', deskPhoneNumber: '+14155550100' }, 'SOFT_PHONE', 'DESK_PHONE'],
    ['deskPhoneNumber', { phoneType: 'DESK_PHONE', deskPhoneNumber: '+14155550100' }, { phoneType: 'DESK_PHONE', deskPhoneNumber: '+14155550199' }, '+14155550199', '+14155550100'],
    ['autoAccept', { autoAccept: true }, { autoAccept: false }, 'no', 'yes'],
    ['afterContactWorkTimeLimit', { afterContactWorkTimeLimit: 30 }, { afterContactWorkTimeLimit: 31 }, '31', '30'],
    ['tags', { tags: { team: 'a' } }, { tags: { team: 'b' } }, 'team=b', 'team=a'],
    ['tags', { tags: {} }, { tags: { extra: 'x' } }, 'extra=x', ''],
    ['directoryUserId', { directoryUserId: 'd-1' }, { directoryUserId: 'd-2' }, 'd-2', 'd-1'],
  ])('%s: the files say %j, Connect has %j', (field, file, connect, inConnect, inFiles) => {
    expect(drift(makeUser('ann', file), live('ann', connect))).toStrictEqual([{ field, connect: inConnect, files: inFiles }]);
  });

  it.each<[string, Partial<User>, Partial<LiveUser>]>([
    ['the same group under another path (groups are looked up by name)', { hierarchyPath: ['Sales'] }, { hierarchyPath: ['EMEA', 'Lisbon', 'Sales'] }],
    ['security profiles in another order', { securityProfiles: ['B', 'A'] }, { securityProfiles: ['A', 'B'] }],
    ['a soft phone with a leftover desk number (the provider suppresses it)', { phoneType: 'SOFT_PHONE' }, { deskPhoneNumber: '+14155550100' }],
    ['a directory user id the files do not give (computed)', { directoryUserId: undefined }, { directoryUserId: 'd-1' }],
    ['aws: tags (the provider ignores them)', { tags: { team: 'a' } }, { tags: { team: 'a', 'aws:cloudformation:stack-name': 's' } }],
    ['tags in another order', { tags: { a: '1', b: '2' } }, { tags: { b: '2', a: '1' } }],
  ])('no drift for %s', (_, file, connect) => {
    expect(drift(makeUser('ann', file), live('ann', connect))).toStrictEqual([]);
  });

  it("counts the stack's default tags as part of what Connect should have; a user's own tag wins", () => {
    const options = { emailsCompared: true, defaultTags: { 'managed-by': 'connect-users', team: 'default' } };
    expect(drift(makeUser('ann', { tags: { team: 'a' } }), live('ann', { tags: { 'managed-by': 'connect-users', team: 'a' } }), options)).toStrictEqual([]);
    expect(drift(makeUser('ann', { tags: {} }), live('ann', { tags: {} }), options)).toStrictEqual([
      { field: 'tags', connect: '', files: 'managed-by=connect-users, team=default' },
    ]);
  });

  it('compares no email when the emails were not read', () => {
    const options = { emailsCompared: false };
    expect(drift(makeUser('ann', { email: 'a@example.com', secondaryEmail: 's@example.com' }), live('ann'), options)).toStrictEqual([]);
  });

  it('compares no email the files say to keep (export --without-emails)', () => {
    expect(drift(makeUser('ann', { email: 'keep', secondaryEmail: 'keep' }), live('ann', { email: 'a@example.com', secondaryEmail: 's@example.com' }))).toStrictEqual([]);
    expect(drift(makeUser('ann', { email: 'keep', secondaryEmail: 'x@example.com' }), live('ann', { email: 'a@example.com' }))).toStrictEqual([
      { field: 'secondaryEmail', connect: '', files: 'x@example.com' },
    ]);
  });

  it.each<[string, IdentityManagementType | undefined, string[]]>([
    ['CONNECT_MANAGED', 'CONNECT_MANAGED', ['firstName', 'lastName', 'email', 'secondaryEmail', 'routingProfile']],
    ['SAML', 'SAML', ['firstName', 'lastName', 'email', 'secondaryEmail', 'routingProfile']],
    ['no type (CONNECT_MANAGED)', undefined, ['firstName', 'lastName', 'email', 'secondaryEmail', 'routingProfile']],
    ["EXISTING_DIRECTORY: names and emails are the directory's", 'EXISTING_DIRECTORY', ['routingProfile']],
  ])('%s: compares %j', (_, identityManagementType, fields) => {
    const file = makeUser('ann', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', secondaryEmail: 'a2@example.com', routingProfile: 'Support' });
    const connect = live('ann', { firstName: 'Anne', lastName: 'Leigh', email: 'anne@corp.example', secondaryEmail: undefined });
    expect(drift(file, connect, { emailsCompared: true, identityManagementType }).map((f) => f.field)).toStrictEqual(fields);
  });

  it('EXISTING_DIRECTORY: a user whose files give no name is no drift against the names the directory has', () => {
    const file = makeUser('ann', { firstName: undefined, lastName: undefined, email: undefined });
    expect(drift(file, live('ann', { firstName: 'Ann', lastName: 'Lee', email: 'ann@corp.example' }), { emailsCompared: true, identityManagementType: 'EXISTING_DIRECTORY' })).toStrictEqual([]);
    expect(namesManaged('EXISTING_DIRECTORY')).toBe(false);
    expect([namesManaged('SAML'), namesManaged('CONNECT_MANAGED'), namesManaged(undefined)]).toStrictEqual([true, true, true]);
  });

  it('lists every differing field of a user, in report order', () => {
    const fields = drift(makeUser('ann', { firstName: 'Ann', routingProfile: 'Support', tags: { t: '1' } }), live('ann', { firstName: 'Anne' }));
    expect(fields.map((f) => f.field)).toStrictEqual(['firstName', 'routingProfile', 'tags']);
  });
});

describe('stackDrift: users', () => {
  it('reports users missing from Connect (exact username), changed users with their id, and counts the rest', () => {
    const files = [makeUser('ann'), makeUser('bob', { routingProfile: 'Support' }), makeUser('Cy'), makeUser('dee')];
    const connect = new Map([['ann', live('ann')], ['bob', live('bob')], ['cy', live('cy')], ['dee', live('dee')]]);
    const result = stackDrift(files, connect, { emailsCompared: false });
    expect(result.missing.map((u) => u.username)).toStrictEqual(['Cy']);
    expect(result.changed.map((c) => [c.user.username, c.userId])).toStrictEqual([['bob', 'id-bob']]);
    expect(result.unchanged).toBe(2);
  });
});

describe('unmanagedUsers and caseTwin', () => {
  it('lists live users that no stack manages', () => {
    expect(unmanagedUsers([live('ann'), live('admin'), live('bob')], new Set(['ann', 'bob'])).map((u) => u.username)).toStrictEqual(['admin']);
  });

  it('finds the live user whose name differs only in case', () => {
    expect(caseTwin('Cy', [live('ann'), live('cy')])).toBe('cy');
    expect(caseTwin('cy', [live('cy')])).toBeUndefined();
    expect(caseTwin('cy', [live('cyd')])).toBeUndefined();
  });
});
