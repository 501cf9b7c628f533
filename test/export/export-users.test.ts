import {
  ConnectClient,
  DescribeUserCommand,
  DescribeUserHierarchyGroupCommand,
  ListRoutingProfilesCommand,
  ListSecurityProfilesCommand,
  ListUsersCommand,
  ThrottlingException,
  AccessDeniedException,
  type DescribeUserCommandOutput,
  type User,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { isRetryable, pacedSender } from '../../src/export/connect-client';
import { exportedCsv, exportUsers, importsFile, type Checkpoint } from '../../src/export/export-users';
import { loadCsv } from '../../src/load/csv';
import { validateUsers } from '../../src/validate';

const connect = mockClient(ConnectClient);
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';

/** A fake clock: sleeping advances it, so pacing and back-off are measured, not waited for. */
function fakeTime() {
  const t = { now: 0, slept: [] as number[] };
  return {
    t,
    now: () => t.now,
    sleep: async (ms: number) => {
      t.slept.push(ms);
      t.now += ms;
    },
  };
}

const describeUser = (id: string, username: string, extra: Partial<User> = {}): DescribeUserCommandOutput => ({
  $metadata: {},
  User: {
    Id: id,
    Username: username,
    IdentityInfo: { FirstName: username.split('.')[0], LastName: 'Doe', Email: `${username}@example.com` },
    PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true, AfterContactWorkTimeLimit: 30 },
    RoutingProfileId: 'rp-1',
    SecurityProfileIds: ['sp-2', 'sp-1'],
    Tags: { team: 'sales' },
    ...extra,
  },
});

function realisticInstance() {
  connect.on(ListRoutingProfilesCommand).resolves({ RoutingProfileSummaryList: [{ Id: 'rp-1', Name: 'Sales Inbound' }] });
  connect
    .on(ListSecurityProfilesCommand)
    .resolvesOnce({ SecurityProfileSummaryList: [{ Id: 'sp-1', Name: 'Agent' }], NextToken: 'page2' })
    .resolvesOnce({ SecurityProfileSummaryList: [{ Id: 'sp-2', Name: 'Quality Review' }] });
  connect
    .on(ListUsersCommand)
    .resolvesOnce({ UserSummaryList: [{ Id: 'u-1', Username: 'jane.doe' }, { Id: 'u-2', Username: 'john.roe' }], NextToken: 'next' })
    .resolvesOnce({ UserSummaryList: [{ Id: 'u-3', Username: 'ann.lee' }] });
  connect.on(DescribeUserCommand, { UserId: 'u-1' }).resolves(describeUser('u-1', 'jane.doe', { HierarchyGroupId: 'g-1' }));
  connect.on(DescribeUserCommand, { UserId: 'u-2' }).resolves(
    describeUser('u-2', 'john.roe', { HierarchyGroupId: 'g-1', PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+14155550100', AutoAccept: false, AfterContactWorkTimeLimit: 0 } }),
  );
  connect.on(DescribeUserCommand, { UserId: 'u-3' }).resolves(describeUser('u-3', 'ann.lee', { Tags: {} }));
  connect.on(DescribeUserHierarchyGroupCommand).resolves({
    HierarchyGroup: { Id: 'g-1', Name: 'Sales', HierarchyPath: { LevelOne: { Name: 'EMEA' }, LevelTwo: { Name: 'Lisbon' }, LevelThree: { Name: 'Sales' } } },
  });
}

describe('exportUsers', () => {
  beforeEach(() => connect.reset());

  it('pages through users and profiles and writes names, not ids', async () => {
    realisticInstance();
    const time = fakeTime();
    const { users, warnings } = await exportUsers({ client: pacedSender(new ConnectClient({}), { ...time, rate: 1000 }), instanceId: INSTANCE });
    expect(warnings).toStrictEqual([]);
    expect(users.map((u) => u.username)).toStrictEqual(['ann.lee', 'jane.doe', 'john.roe']);
    const jane = users[1];
    expect(jane.routingProfile).toBe('Sales Inbound');
    expect(jane.securityProfiles).toStrictEqual(['Agent', 'Quality Review']);
    expect(jane.hierarchyPath).toStrictEqual(['EMEA', 'Lisbon', 'Sales']);
    expect(connect.commandCalls(DescribeUserHierarchyGroupCommand).length).toBe(1) /* 'each group is described once' */;
    expect(connect.commandCalls(ListUsersCommand)[1].args[0].input.NextToken).toBe('next');
  });

  it('writes a CSV that loads and validates, password source none (no password), and the import ids', async () => {
    realisticInstance();
    const { users } = await exportUsers({ client: pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 }), instanceId: INSTANCE });
    const text = exportedCsv(users);
    expect(text.split('\n').slice(1, -1).every((line) => line.split(',')[1] === 'none')).toBeTruthy();
    const loaded = loadCsv(text, 'users/imported.csv');
    expect(loaded.problems).toStrictEqual([]);
    expect(validateUsers(loaded.users, { identityManagementType: 'CONNECT_MANAGED' }).problems).toStrictEqual([]);
    expect(loaded.users[2].deskPhoneNumber).toBe('+14155550100');
    expect(importsFile(INSTANCE, users).imports[0]).toStrictEqual({ username: 'ann.lee', id: `${INSTANCE}:u-3` });
  });

  it('retries throttled calls with growing back-off, and paces calls at the given rate', async () => {
    realisticInstance();
    const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
    connect.on(DescribeUserCommand, { UserId: 'u-2' }).rejectsOnce(throttled).rejectsOnce(throttled).resolves(describeUser('u-2', 'john.roe'));
    const time = fakeTime();
    const retries: number[] = [];
    const client = pacedSender(new ConnectClient({}), { ...time, rate: 2, baseDelayMs: 500, onRetry: (attempt) => retries.push(attempt) });
    const { users } = await exportUsers({ client, instanceId: INSTANCE });
    expect(users.length).toBe(3);
    expect(retries).toStrictEqual([1, 2]);
    // 5 list calls + 1 group + 3 describes + 2 retries = 11 calls at 2/s: at least 10 intervals of 500 ms on the fake clock.
    expect(client.calls).toBe(11);
    expect(time.t.now >= 5000).toBeTruthy() /* `only ${time.t.now} ms passed` */;
  });

  it('gives up after maxAttempts, and does not retry what retrying cannot fix', async () => {
    realisticInstance();
    connect.on(DescribeUserCommand, { UserId: 'u-1' }).rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));
    await expect(exportUsers({ client: pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000, maxAttempts: 3 }), instanceId: INSTANCE })).rejects.toThrow(/slow down/);
    expect(connect.commandCalls(DescribeUserCommand, { UserId: 'u-1' }).length).toBe(3);
    expect(isRetryable(new AccessDeniedException({ message: 'no', $metadata: { httpStatusCode: 403 } }))).toBe(false);
  });

  it('resumes an interrupted export from its checkpoint without describing users again', async () => {
    realisticInstance();
    connect.on(DescribeUserCommand, { UserId: 'u-3' }).rejects(new AccessDeniedException({ message: 'denied', $metadata: { httpStatusCode: 403 } }));
    let saved: Checkpoint | undefined;
    const options = { instanceId: INSTANCE, checkpointEvery: 1, saveCheckpoint: (c: Checkpoint) => (saved = c) };
    await expect(exportUsers({ ...options, client: pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 }) })).rejects.toThrow();
    expect(saved?.users.map((u) => u.username)).toStrictEqual(['jane.doe', 'john.roe']);

    connect.reset();
    realisticInstance();
    const { users } = await exportUsers({ ...options, resumeFrom: saved, client: pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 }) });
    expect(users.length).toBe(3);
    expect(connect.commandCalls(DescribeUserCommand).map((c) => c.args[0].input.UserId)).toStrictEqual(['u-3']);
  });

  it('warns about values a spreadsheet would run as a formula', async () => {
    realisticInstance();
    connect.on(DescribeUserCommand, { UserId: 'u-3' }).resolves(
      describeUser('u-3', 'ann.lee', { IdentityInfo: { FirstName: '=HYPERLINK("http://x")', LastName: 'Lee' } }),
    );
    const { warnings } = await exportUsers({ client: pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 }), instanceId: INSTANCE });
    expect(warnings).toStrictEqual(['ann.lee: a value starts with = + - or @; a spreadsheet may run it as a formula, so check the row before opening the file in one']);
  });

  it('warns when a profile id has no name, and writes the id', async () => {
    realisticInstance();
    connect.on(DescribeUserCommand, { UserId: 'u-3' }).resolves(describeUser('u-3', 'ann.lee', { RoutingProfileId: 'rp-gone' }));
    const { users, warnings } = await exportUsers({ client: pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 }), instanceId: INSTANCE });
    expect(users[0].routingProfile).toBe('rp-gone');
    expect(warnings).toStrictEqual(['ann.lee: routing profile rp-gone has no name in the instance; the id is written instead']);
  });
});
