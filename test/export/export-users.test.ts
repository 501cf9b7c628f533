import {
  AccessDeniedException,
  ConnectClient,
  DescribeInstanceCommand,
  DescribeUserCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  SearchUsersCommand,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { pacedSender } from '../../src/connect/client';
import type { LiveUser } from '../../src/connect/read-instance';
import { exportedCsv, exportUsers, importsFile, WITHOUT_EMAILS_NOTE, type Checkpoint } from '../../src/export/export-users';
import { ExportUsageError } from '../../src/export/files';
import { loadCsv } from '../../src/load/csv';
import { EMAIL_NOT_EXPORTED, type IdentityManagementType } from '../../src/model';
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
  // A copy of the groups: a test may rename one.
  return { id: INSTANCE, users, routingProfiles: ROUTING, securityProfiles: SECURITY, groups: GROUPS.map((g) => ({ ...g, path: [...g.path] })) };
}

/** What an export must say of a user of the fake instance. */
function expected(u: FakeUser, emails = true): LiveUser {
  return {
    userId: u.Id,
    username: u.Username,
    firstName: u.FirstName,
    lastName: u.LastName,
    email: emails ? u.Email : EMAIL_NOT_EXPORTED,
    secondaryEmail: emails ? u.SecondaryEmail : EMAIL_NOT_EXPORTED,
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
    const { users, emails, warnings, identityManagementType } = await exportUsers({ client: client(), instanceId: INSTANCE });
    expect([emails, identityManagementType]).toStrictEqual([true, 'CONNECT_MANAGED']);
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
    const loaded = loadCsv(exportedCsv(users, 'CONNECT_MANAGED'), 'users/imported.csv');
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

  it('costs no more calls than ListUsers + DescribeUser per user: 1 DescribeInstance + ⌈N/100⌉ SearchUsers + N DescribeUser + the lookups', async () => {
    serveInstance(connect, varied());
    const paced = client();
    await exportUsers({ client: paced, instanceId: INSTANCE });
    // 4 groups in the instance, all on the first page: 1 call (DescribeUserHierarchyGroup for each group used would be 4).
    expect(callsByCommand(connect)).toStrictEqual({ DescribeInstance: 1, SearchUsers: 3, ListRoutingProfiles: 1, ListSecurityProfiles: 1, SearchUserHierarchyGroups: 1, DescribeUser: 230 });
    expect(paced.calls).toBe(237);
    expect(connect.commandCalls(ListUsersCommand).length).toBe(0);
  });

  it('does not ask for the identity management type when it is given', async () => {
    serveInstance(connect, varied());
    const paced = client();
    const { identityManagementType } = await exportUsers({ client: paced, instanceId: INSTANCE, identityManagementType: 'SAML' });
    expect(identityManagementType).toBe('SAML');
    expect(connect.commandCalls(DescribeInstanceCommand).length).toBe(0);
    expect(paced.calls).toBe(236);
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
    expect(callsByCommand(connect)).toStrictEqual({ DescribeInstance: 1, SearchUsers: 3, ListRoutingProfiles: 1, ListSecurityProfiles: 1, SearchUserHierarchyGroups: 1 });
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
    const strip = (u: LiveUser) => ({ ...u, email: undefined, secondaryEmail: undefined });
    expect(fast.users.map(strip)).toStrictEqual(full.users.map(strip));
  });

  it('writes files that cannot reach a plan as they are: validate refuses "keep" as an email, and the imports file says why', async () => {
    serveInstance(connect, { ...varied(), users: varied().users.slice(1, 3) });
    const { users } = await exportUsers({ client: client(), instanceId: INSTANCE, withoutEmails: true });
    const loaded = loadCsv(exportedCsv(users, 'CONNECT_MANAGED'), 'users/imported.csv');
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

describe('exportUsers: a file for the instance\'s identity management type, which validate accepts with that type', () => {
  beforeEach(() => connect.reset());

  /** The users of the fake instance as the file says them, read back, and validate's problems with `type`. */
  async function exported(instance: FakeInstance, options: { withoutEmails?: boolean } = {}) {
    serveInstance(connect, instance);
    const result = await exportUsers({ client: client(), instanceId: INSTANCE, ...options });
    const loaded = loadCsv(exportedCsv(result.users, result.identityManagementType), 'users/imported.csv');
    expect(loaded.problems).toStrictEqual([]);
    const problems = validateUsers(loaded.users, { identityManagementType: result.identityManagementType }).problems;
    return { ...result, loaded: loaded.users, problems: problems.map((p) => `${p.line}:${p.field}:${p.code}`) };
  }

  /** varied() on an instance of `type`; SAML users all have names (Connect requires them there). */
  const on = (type: IdentityManagementType, change: (u: FakeUser) => FakeUser = (u) => u): FakeInstance => {
    const base = varied();
    const users = base.users.filter((u) => type !== 'SAML' || u.FirstName).map(change);
    return { ...base, users, identityManagementType: type };
  };

  it.each<[IdentityManagementType, string]>([
    ['CONNECT_MANAGED', 'none'],
    ['SAML', ''],
    ['EXISTING_DIRECTORY', ''],
  ])('%s: the password cells say %j (SAML and EXISTING_DIRECTORY take no password)', async (type, cell) => {
    serveInstance(connect, on(type));
    const { users, identityManagementType } = await exportUsers({ client: client(), instanceId: INSTANCE });
    expect(identityManagementType).toBe(type);
    const rows = exportedCsv(users.slice(0, 2), type).split('\n');
    expect(rows.slice(1, 3).map((r) => r.split(',')[1])).toStrictEqual([cell, cell]);
  });

  it('SAML: every user passes validate -i SAML; no primary email (one Connect returns is left out, with a warning), secondary emails kept', async () => {
    const { problems, loaded, warnings, users } = await exported(on('SAML'));
    expect(problems).toStrictEqual([]);
    expect(users.length).toBe(216);
    expect(loaded.map((u) => u.password ?? '')).toStrictEqual(users.map(() => ''));
    expect(loaded.filter((u) => u.email !== undefined)).toStrictEqual([]);
    expect(loaded.filter((u) => u.secondaryEmail).length).toBe(22);
    // One warning per user whose DescribeUser returns a primary email.
    expect(warnings.length).toBe(on('SAML').users.filter((u) => u.Email).length);
    expect(warnings.length).toBe(151);
    expect(warnings[0]).toBe(
      'agent001: Connect has a primary email for this user, which a SAML instance does not take: left out of the file (the first plan shows it removed); to keep it, write it as the secondaryEmail',
    );
  });

  it('SAML without a primary email in Connect: no warning', async () => {
    const { problems, warnings } = await exported(on('SAML', (u) => ({ ...u, Email: undefined })));
    expect([problems, warnings]).toStrictEqual([[], []]);
  });

  it('SAML --without-emails: the primary email cell is empty, not "keep"; only the secondary email waits for its value', async () => {
    const instance = on('SAML');
    const { loaded, problems, warnings } = await exported({ ...instance, users: instance.users.slice(0, 2) }, { withoutEmails: true });
    expect(loaded.map((u) => [u.email, u.secondaryEmail])).toStrictEqual([
      [undefined, 'keep'],
      [undefined, 'keep'],
    ]);
    expect(problems).toStrictEqual(['2:secondaryEmail:EMAIL_NOT_EXPORTED', '3:secondaryEmail:EMAIL_NOT_EXPORTED']);
    expect(warnings).toStrictEqual([]);
  });

  it('EXISTING_DIRECTORY: every user passes validate -i EXISTING_DIRECTORY, those without names and with directory user ids included', async () => {
    const { problems, loaded } = await exported(on('EXISTING_DIRECTORY', (u) => ({ ...u, DirectoryUserId: `dir-${u.Id}` })));
    expect(problems).toStrictEqual([]);
    expect(loaded.length).toBe(230);
    expect(loaded.filter((u) => !u.firstName).length).toBe(14);
    expect(loaded.map((u) => u.password ?? '')).toStrictEqual(loaded.map(() => ''));
    expect(loaded[0].directoryUserId).toBe('dir-u-0');
    expect(loaded.filter((u) => u.email).length).toBe(161);
  });

  it.each<IdentityManagementType>(['CONNECT_MANAGED', 'SAML'])('%s: a directory user id Connect returns is left out (DIRECTORY_USER_ID_NOT_ALLOWED)', async (type) => {
    const { problems, loaded } = await exported(on(type, (u) => ({ ...u, FirstName: u.FirstName ?? 'Ann', LastName: u.LastName ?? 'Lee', DirectoryUserId: 'dir-1' })));
    expect(problems).toStrictEqual([]);
    expect(loaded.filter((u) => u.directoryUserId !== undefined)).toStrictEqual([]);
  });

  it('stops (ExportUsageError: exit 2) when Connect does not say the type, before reading any user', async () => {
    serveInstance(connect, varied());
    connect.on(DescribeInstanceCommand).resolves({ Instance: { Id: INSTANCE } });
    const err = await exportUsers({ client: client(), instanceId: INSTANCE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportUsageError);
    expect((err as Error).message).toBe(`Connect did not say the identity management type of instance ${INSTANCE}: give it with --identity-management`);
    expect(connect.commandCalls(SearchUsersCommand).length).toBe(0);
  });
});
