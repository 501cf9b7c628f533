import {
  AccessDeniedException,
  ConnectClient,
  DescribeUserCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  SearchUsersCommand,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { pacedSender } from '../../src/connect/client';
import { exportedCsv, exportUsers, importsFile, KEEP_EMAIL, WITHOUT_EMAILS_NOTE, type Checkpoint, type ExportedUser } from '../../src/export/export-users';
import { loadCsv } from '../../src/load/csv';
import { validateUsers } from '../../src/validate';
import { callsByCommand, serveInstance, type FakeInstance, type FakeUser } from '../connect/fake-instance';
import { fakeTime } from '../connect/fake-time';

const connect = mockClient(ConnectClient);
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';
const client = () => pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 });

const ROUTING = [
  { Id: 'rp-0', Name: 'Sales Inbound' },
  { Id: 'rp-1', Name: 'Support, Tier 2' },
  { Id: 'rp-2', Name: 'Back "Office"' },
];
const SECURITY = [
  { Id: 'sp-0', Name: 'Agent' },
  { Id: 'sp-1', Name: 'Quality Review' },
  { Id: 'sp-2', Name: 'CallCenterManager' },
];
const GROUPS = [
  { Id: 'g-0', path: ['EMEA'] },
  { Id: 'g-1', path: ['EMEA', 'Lisbon'] },
  { Id: 'g-2', path: ['EMEA', 'Lisbon', 'Sales'] },
  { Id: 'g-3', path: ['AMER', 'Austin', 'Support', 'Chat', 'Nights'] },
];

/** 230 users (3 SearchUsers pages) covering every field and its absence: emails on most, secondary emails on some. */
function varied(): FakeInstance {
  const users: FakeUser[] = Array.from({ length: 230 }, (_, i) => ({
    Id: `u-${i}`,
    Username: `agent${String(i).padStart(3, '0')}`,
    FirstName: i % 17 === 0 ? undefined : ['Ann', 'José', 'Zoë, Jr.', 'Ōta'][i % 4],
    LastName: i % 17 === 0 ? undefined : `Lee "${i}"`,
    Email: i % 10 < 7 ? `agent${i}@example.com` : undefined,
    SecondaryEmail: i % 10 === 3 ? `backup${i}@example.org` : undefined,
    RoutingProfileId: ROUTING[i % 3].Id,
    SecurityProfileIds: i % 5 === 0 ? ['sp-2', 'sp-0', 'sp-1'] : ['sp-0'],
    HierarchyGroupId: i % 6 === 0 ? undefined : GROUPS[i % 4].Id,
    PhoneType: i % 9 === 0 ? 'DESK_PHONE' : 'SOFT_PHONE',
    DeskPhoneNumber: i % 9 === 0 ? `+1415555${String(1000 + i)}` : undefined,
    AutoAccept: i % 2 === 0,
    Acw: [0, 30, 120, 2_000_000][i % 4],
    Tags: i % 4 === 0 ? {} : ({ team: `t${i % 3}`, 'cost-centre': `cc ${i}` } as Record<string, string>),
    DirectoryUserId: undefined,
  }));
  return { id: INSTANCE, users, routingProfiles: ROUTING, securityProfiles: SECURITY, groups: GROUPS };
}

/** What an export must say of a user of the fake instance. */
function expected(u: FakeUser, emails = true): ExportedUser {
  return {
    userId: u.Id,
    username: u.Username,
    firstName: u.FirstName,
    lastName: u.LastName,
    email: emails ? u.Email : KEEP_EMAIL,
    secondaryEmail: emails ? u.SecondaryEmail : KEEP_EMAIL,
    routingProfile: ROUTING.find((p) => p.Id === u.RoutingProfileId)!.Name,
    securityProfiles: u.SecurityProfileIds.map((id) => SECURITY.find((p) => p.Id === id)!.Name).sort(),
    hierarchyPath: u.HierarchyGroupId ? GROUPS.find((g) => g.Id === u.HierarchyGroupId)!.path : [],
    phoneType: u.PhoneType,
    deskPhoneNumber: u.DeskPhoneNumber,
    autoAccept: u.AutoAccept,
    afterContactWorkTimeLimit: u.Acw,
    tags: u.Tags,
    directoryUserId: u.DirectoryUserId,
  };
}

describe('exportUsers (lossless, the default)', () => {
  beforeEach(() => connect.reset());

  it('exports every field of every user as the instance has it, emails included', async () => {
    const instance = varied();
    serveInstance(connect, instance);
    const { users, emails, warnings } = await exportUsers({ client: client(), instanceId: INSTANCE });
    expect(emails).toBe(true);
    expect(warnings).toStrictEqual([]);
    const byId = new Map(instance.users.map((u) => [u.Id, u]));
    expect(users.length).toBe(230);
    for (const u of users) expect(u).toStrictEqual(expected(byId.get(u.userId)!));
    expect(users.filter((u) => u.email).length).toBe(161);
    expect(users.filter((u) => u.secondaryEmail).length).toBe(23);
  });

  it('writes a CSV that reads back to the same values (emails included) and validates', async () => {
    const instance = varied();
    serveInstance(connect, instance);
    const { users } = await exportUsers({ client: client(), instanceId: INSTANCE });
    const loaded = loadCsv(exportedCsv(users), 'users/imported.csv');
    expect(loaded.problems).toStrictEqual([]);
    const byName = new Map(instance.users.map((u) => [u.Username, u]));
    for (const raw of loaded.users) {
      const want = expected(byName.get(raw.username!)!);
      expect([raw.firstName, raw.lastName, raw.email, raw.secondaryEmail]).toStrictEqual([want.firstName, want.lastName, want.email, want.secondaryEmail]);
      expect([raw.routingProfile, raw.securityProfiles, raw.hierarchyPath ?? []]).toStrictEqual([want.routingProfile, want.securityProfiles, want.hierarchyPath]);
      expect([raw.phoneType, raw.deskPhoneNumber, raw.autoAccept, raw.afterContactWorkTimeLimit, raw.tags ?? {}]).toStrictEqual([
        want.phoneType,
        want.deskPhoneNumber,
        want.autoAccept,
        want.afterContactWorkTimeLimit,
        want.tags,
      ]);
      expect(raw.password).toBe('none');
    }
    expect(validateUsers(loaded.users.filter((u) => u.firstName), { identityManagementType: 'CONNECT_MANAGED' }).problems).toStrictEqual([]);
  });

  it('costs no more calls than ListUsers + DescribeUser per user: ⌈N/100⌉ SearchUsers + N DescribeUser + the lookups', async () => {
    serveInstance(connect, varied());
    const paced = client();
    await exportUsers({ client: paced, instanceId: INSTANCE });
    // 4 groups in the instance, all on the first page: 1 call (DescribeUserHierarchyGroup for each group used would be 4).
    expect(callsByCommand(connect)).toStrictEqual({ SearchUsers: 3, ListRoutingProfiles: 1, ListSecurityProfiles: 1, SearchUserHierarchyGroups: 1, DescribeUser: 230 });
    expect(paced.calls).toBe(236);
    expect(connect.commandCalls(ListUsersCommand).length).toBe(0);
  });

  it('skips and reports a user deleted between SearchUsers and DescribeUser', async () => {
    serveInstance(connect, varied());
    connect.on(DescribeUserCommand, { UserId: 'u-7' }).rejects(new ResourceNotFoundException({ message: 'User not found', $metadata: { httpStatusCode: 404 } }));
    const { users, warnings } = await exportUsers({ client: client(), instanceId: INSTANCE });
    expect(users.length).toBe(229);
    expect(users.some((u) => u.userId === 'u-7')).toBe(false);
    expect(warnings).toStrictEqual(['agent007: deleted from Connect while the export ran; left out']);
  });

  it('retries throttled DescribeUser calls', async () => {
    serveInstance(connect, varied());
    connect
      .on(DescribeUserCommand, { UserId: 'u-2' })
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }))
      .resolves({ User: { Id: 'u-2', IdentityInfo: { Email: 'late@example.com' } } });
    const { users } = await exportUsers({ client: client(), instanceId: INSTANCE });
    expect(users.find((u) => u.userId === 'u-2')!.email).toBe('late@example.com');
    expect(connect.commandCalls(DescribeUserCommand, { UserId: 'u-2' }).length).toBe(2);
  });

  it('resumes from its checkpoint without describing users again', async () => {
    serveInstance(connect, varied());
    connect.on(DescribeUserCommand, { UserId: 'u-120' }).rejects(new AccessDeniedException({ message: 'denied', $metadata: { httpStatusCode: 403 } }));
    let saved: Checkpoint | undefined;
    const options = { instanceId: INSTANCE, checkpointEvery: 10, saveCheckpoint: (c: Checkpoint) => (saved = JSON.parse(JSON.stringify(c))) };
    await expect(exportUsers({ ...options, client: client() })).rejects.toThrow('denied');
    // Users are described in username order: agent000 .. agent119 read, saved every 10.
    expect(Object.keys(saved!.emails).length).toBe(120);
    expect(saved!.emails['u-3']).toStrictEqual({ email: 'agent3@example.com', secondaryEmail: 'backup3@example.org' });

    connect.reset();
    serveInstance(connect, varied());
    const { users } = await exportUsers({ ...options, resumeFrom: saved, client: client() });
    expect(users.length).toBe(230);
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(110);
    expect(users.find((u) => u.userId === 'u-3')!.secondaryEmail).toBe('backup3@example.org');
  });

  it('does not merge the checkpoint of another instance', async () => {
    serveInstance(connect, varied());
    const other: Checkpoint = { instanceId: 'bbbbbbbb-0000-0000-0000-000000000000', emails: { 'u-1': { email: 'wrong@other.example' } } };
    const { users } = await exportUsers({ client: client(), instanceId: INSTANCE, resumeFrom: other });
    expect(users.find((u) => u.userId === 'u-1')!.email).toBe('agent1@example.com');
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(230);
  });

  it('saves a checkpoint every checkpointEvery users and once at the end', async () => {
    serveInstance(connect, { ...varied(), users: varied().users.slice(0, 25) });
    const sizes: number[] = [];
    await exportUsers({ client: client(), instanceId: INSTANCE, checkpointEvery: 10, saveCheckpoint: (c) => sizes.push(Object.keys(c.emails).length) });
    expect(sizes).toStrictEqual([10, 20, 25]);
  });

  it('warns about values a spreadsheet would run as a formula, "|" in names, odd tags and white space the CSV trims', async () => {
    const instance = varied();
    instance.users.splice(0, instance.users.length, { ...instance.users[1], FirstName: '=HYPERLINK("http://x")', Tags: { 'a:b': 'x|y' } }, { ...instance.users[2], LastName: 'Lee ' });
    instance.groups[1].path = ['EMEA', 'Lisbon|Porto'];
    serveInstance(connect, instance);
    const { warnings } = await exportUsers({ client: client(), instanceId: INSTANCE });
    expect(warnings).toStrictEqual([
      'agent001: a value starts with = + - or @; a spreadsheet may run it as a formula, so check the row before opening the file in one',
      'agent001: the name "Lisbon|Porto" contains "|"; check the row',
      'agent001: tag "a:b" contains "|", "=" or ":"; check the row',
      'agent002: a value starts or ends with white space, which reading the CSV trims; check the row',
    ]);
  });
});

describe('exportUsers --without-emails', () => {
  beforeEach(() => connect.reset());

  it('reads no email (no DescribeUser: ⌈N/100⌉ SearchUsers + the lookups) and says "keep" in both email columns', async () => {
    const instance = varied();
    serveInstance(connect, instance);
    const { users, emails } = await exportUsers({ client: client(), instanceId: INSTANCE, withoutEmails: true });
    expect(emails).toBe(false);
    expect(callsByCommand(connect)).toStrictEqual({ SearchUsers: 3, ListRoutingProfiles: 1, ListSecurityProfiles: 1, SearchUserHierarchyGroups: 1 });
    const byId = new Map(instance.users.map((u) => [u.Id, u]));
    for (const u of users) expect(u).toStrictEqual(expected(byId.get(u.userId)!, false));
  });

  it('leaves out exactly the emails: 161 emails and 23 secondary emails of this instance are not in the file', async () => {
    serveInstance(connect, varied());
    const fast = await exportUsers({ client: client(), instanceId: INSTANCE, withoutEmails: true });
    connect.reset();
    serveInstance(connect, varied());
    const full = await exportUsers({ client: client(), instanceId: INSTANCE });
    const lost = (field: 'email' | 'secondaryEmail') => full.users.filter((u, i) => u[field] !== undefined && fast.users[i][field] !== u[field]).length;
    expect([lost('email'), lost('secondaryEmail')]).toStrictEqual([161, 23]);
    const strip = (u: ExportedUser) => ({ ...u, email: undefined, secondaryEmail: undefined });
    expect(fast.users.map(strip)).toStrictEqual(full.users.map(strip));
  });

  it('writes files that cannot reach a plan as they are: validate refuses "keep" as an email, and the imports file says why', async () => {
    serveInstance(connect, { ...varied(), users: varied().users.slice(1, 3) });
    const { users } = await exportUsers({ client: client(), instanceId: INSTANCE, withoutEmails: true });
    const loaded = loadCsv(exportedCsv(users), 'users/imported.csv');
    expect(loaded.users.map((u) => [u.email, u.secondaryEmail])).toStrictEqual([['keep', 'keep'], ['keep', 'keep']]);
    const problems = validateUsers(loaded.users, { identityManagementType: 'CONNECT_MANAGED' }).problems;
    expect(problems.map((p) => `${p.line}:${p.field}:${p.code}`)).toStrictEqual(['2:email:EMAIL_NOT_EXPORTED', '2:secondaryEmail:EMAIL_NOT_EXPORTED', '3:email:EMAIL_NOT_EXPORTED', '3:secondaryEmail:EMAIL_NOT_EXPORTED']);
    const imports = importsFile(INSTANCE, users, { emails: false });
    expect(imports.emails).toBe(WITHOUT_EMAILS_NOTE);
    expect(WITHOUT_EMAILS_NOTE).toMatch(/would make the first apply clear every email/);
    expect(importsFile(INSTANCE, users).emails).toBeUndefined();
    expect(importsFile(INSTANCE, users).imports[0]).toStrictEqual({ username: 'agent001', id: `${INSTANCE}:u-1` });
  });

  it('pages SearchUsers with MaxResults 100', async () => {
    serveInstance(connect, varied());
    await exportUsers({ client: client(), instanceId: INSTANCE, withoutEmails: true });
    expect(connect.commandCalls(SearchUsersCommand).map((c) => c.args[0].input.MaxResults)).toStrictEqual([100, 100, 100]);
  });
});
