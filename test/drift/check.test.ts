import {
  AccessDeniedException,
  ConnectClient,
  DescribeUserCommand,
  ListInstancesCommand,
  ResourceNotFoundException,
  SearchUsersCommand,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { pacedSender } from '../../src/connect/client';
import { checkDrift, DIRECTORY_NAMES, EMAILS_NOT_COMPARED, hasDrift, type DriftReport, type DriftStack } from '../../src/drift/check';
import type { User } from '../../src/model';
import { callsByCommand, searchSummary, serveInstance, type FakeInstance, type FakeUser } from '../connect/fake-instance';
import { fakeTime } from '../connect/fake-time';
import { makeUser } from '../helpers';

const connect = mockClient(ConnectClient);
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';

const fake = (i: number, extra: Partial<FakeUser> = {}): FakeUser => ({
  Id: `u-${i}`,
  Username: `agent${String(i).padStart(4, '0')}`,
  FirstName: 'First',
  LastName: `agent${String(i).padStart(4, '0')}`,
  Email: `agent${i}@example.com`,
  RoutingProfileId: 'rp-1',
  SecurityProfileIds: ['sp-1'],
  PhoneType: 'SOFT_PHONE',
  AutoAccept: false,
  Acw: 0,
  Tags: {},
  ...extra,
});
/** The file twin of fake(i): no drift against it. */
const file = (i: number, extra: Partial<User> = {}) => makeUser(`agent${String(i).padStart(4, '0')}`, { email: `agent${i}@example.com`, ...extra });

function instance(users: FakeUser[]): FakeInstance {
  return {
    id: INSTANCE,
    users,
    routingProfiles: [{ Id: 'rp-1', Name: 'Sales' }, { Id: 'rp-2', Name: 'Support' }],
    securityProfiles: [{ Id: 'sp-1', Name: 'Agent' }],
    groups: [{ Id: 'g-1', path: ['EMEA', 'Sales'] }],
  };
}

function run(stacks: DriftStack[], emails = false, ignoreUsers?: string[]) {
  const time = fakeTime();
  const paced = pacedSender(new ConnectClient({}), { ...time, rate: 2 });
  return checkDrift(stacks, { clientFor: () => paced, emails, ignoreUsers }).then((reports) => ({ reports, calls: paced.calls, minutes: time.t.now / 60_000 }));
}

const stack = (id: string, users: User[] | undefined, extra: Partial<DriftStack> = {}): DriftStack => ({ id, instanceId: INSTANCE, users, selected: true, ...extra });
const names = (users: readonly { username: string }[] | undefined) => users?.map((u) => u.username);

describe('checkDrift', () => {
  beforeEach(() => connect.reset());

  it('reads 1,000 users in 10 SearchUsers calls plus the lookups, about 6 s at 2/s, and finds no drift when there is none', async () => {
    const users = Array.from({ length: 1000 }, (_, i) => i);
    serveInstance(connect, instance(users.map((i) => fake(i))));
    const { reports, calls, minutes } = await run([stack('s', users.map((i) => file(i)))]);
    expect(callsByCommand(connect)).toStrictEqual({ SearchUsers: 10, ListRoutingProfiles: 1, ListSecurityProfiles: 1 });
    expect(calls).toBe(12);
    expect(minutes).toBeCloseTo(11 / 2 / 60, 5);
    expect(reports[0]).toMatchObject({ stack: 's', instance: INSTANCE, liveUsers: 1000, emailsCompared: false, missing: [], changed: [], unmanaged: [], unchanged: 1000 });
    expect(reports[0].notes).toStrictEqual([EMAILS_NOT_COMPARED]);
    expect(EMAILS_NOT_COMPARED).toBe('emails were not compared (pass --emails: one DescribeUser per user)');
    expect(hasDrift(reports[0])).toBe(false);
  });

  it('finds changed fields (ACW read in milliseconds), users missing from Connect, and users no file manages', async () => {
    serveInstance(connect, instance([fake(1, { Acw: 45, RoutingProfileId: 'rp-2' }), fake(2), fake(3, { HierarchyGroupId: 'g-1' }), fake(9)]));
    const { reports } = await run([stack('s', [file(1, { afterContactWorkTimeLimit: 30 }), file(2), file(3, { hierarchyPath: ['EMEA', 'Sales'] }), file(4)])]);
    const r = reports[0];
    expect(r.changed.map((c) => [c.user.username, c.userId, c.fields])).toStrictEqual([
      [
        'agent0001',
        'u-1',
        [
          { field: 'routingProfile', connect: 'Support', files: 'Sales' },
          { field: 'afterContactWorkTimeLimit', connect: '45', files: '30' },
        ],
      ],
    ]);
    expect(names(r.missing)).toStrictEqual(['agent0004']);
    expect(names(r.unmanaged)).toStrictEqual(['agent0009']);
    expect(r.unchanged).toBe(2);
    expect(hasDrift(r)).toBe(true);
  });

  it('compares against the union of all stacks on the instance: a user of another stack is not "unmanaged"', async () => {
    serveInstance(connect, instance([fake(1), fake(2), fake(3)]));
    const { reports } = await run([stack('sales', [file(1)]), stack('support', [file(2)]), stack('other-instance', [file(3)], { instanceId: 'bbbbbbbb-0000-0000-0000-000000000000', selected: false })]);
    expect(reports.map((r) => [r.stack, names(r.unmanaged)])).toStrictEqual([
      ['sales', ['agent0003']],
      ['support', ['agent0003']],
    ]);
    // One read of the instance for both stacks, none of the unselected stack's instance.
    expect(connect.commandCalls(SearchUsersCommand).length).toBe(1);
  });

  it('counts an unselected stack on the same instance as managing its users, and does not report it', async () => {
    serveInstance(connect, instance([fake(1), fake(2)]));
    const { reports } = await run([stack('sales', [file(1)]), stack('support', [file(2)], { selected: false })]);
    expect(reports.map((r) => [r.stack, names(r.unmanaged)])).toStrictEqual([['sales', []]]);
  });

  it('does not look for unmanaged users when a stack on the instance has problems in its files (its users are unknown)', async () => {
    serveInstance(connect, instance([fake(1), fake(2)]));
    const { reports } = await run([stack('sales', [file(1)]), stack('broken', undefined, { selected: true })]);
    expect(reports.length).toBe(1);
    expect(reports[0].unmanaged).toBeUndefined();
    expect(reports[0].notes).toContain('users in Connect that no file manages were not looked for: the user files of broken on this instance have problems');
    expect(hasDrift(reports[0])).toBe(false);
  });

  it('with emails: one DescribeUser per managed user (not for unmanaged ones), emails compared', async () => {
    serveInstance(connect, instance([fake(1, { Email: 'new@example.com' }), fake(2, { SecondaryEmail: 'extra@example.com' }), fake(3), fake(9)]));
    const { reports } = await run([stack('s', [file(1), file(2), file(3)])], true);
    expect(callsByCommand(connect).DescribeUser).toBe(3);
    expect(connect.commandCalls(DescribeUserCommand).map((c) => c.args[0].input.UserId)).toStrictEqual(['u-1', 'u-2', 'u-3']);
    expect(reports[0].emailsCompared).toBe(true);
    expect(reports[0].notes).toStrictEqual([]);
    expect(reports[0].changed.map((c) => [c.user.username, c.fields])).toStrictEqual([
      ['agent0001', [{ field: 'email', connect: 'new@example.com', files: 'agent1@example.com' }]],
      ['agent0002', [{ field: 'secondaryEmail', connect: 'extra@example.com', files: '' }]],
    ]);
  });

  it("EXISTING_DIRECTORY: names and emails are the directory's, not drift; the report says so, and --emails reads none for that stack", async () => {
    serveInstance(connect, instance([fake(1, { FirstName: 'Ann', LastName: 'Lee', Email: 'ann@corp.example' }), fake(2, { RoutingProfileId: 'rp-2' }), fake(3, { FirstName: 'Bo' })]));
    const directory = { identityManagementType: 'EXISTING_DIRECTORY' as const };
    const { reports } = await run([stack('dir', [file(1, { firstName: undefined, lastName: undefined, email: undefined }), file(2)], directory), stack('managed', [file(3)])], true);
    expect(reports.map((r) => [r.stack, r.emailsCompared, r.notes])).toStrictEqual([
      ['dir', false, [DIRECTORY_NAMES]],
      ['managed', true, []],
    ]);
    expect(reports[0].changed.map((c) => [c.user.username, c.fields.map((f) => f.field)])).toStrictEqual([['agent0002', ['routingProfile']]]);
    expect(reports[0].unchanged).toBe(1);
    expect(reports[1].changed.map((c) => [c.user.username, c.fields.map((f) => f.field)])).toStrictEqual([['agent0003', ['firstName']]]);
    // Emails of the managed stack's user only.
    expect(connect.commandCalls(DescribeUserCommand).map((c) => c.args[0].input.UserId)).toStrictEqual(['u-3']);
    expect(DIRECTORY_NAMES).toBe(
      "names and emails are the directory's (EXISTING_DIRECTORY: the stack sends them only when it creates a user, and ignores them afterwards): not compared",
    );

    connect.resetHistory();
    await run([stack('dir', [file(1)], directory)], true);
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(0);
  });

  it('--ignore-user: users no file manages that are on the list are listed as ignored, not drift; a managed one is compared anyway', async () => {
    serveInstance(connect, instance([fake(1, { RoutingProfileId: 'rp-2' }), fake(8), fake(9)]));
    const { reports } = await run([stack('s', [file(1)])], false, ['agent0009', 'agent0001', 'nobody']);
    const r = reports[0];
    expect([names(r.unmanaged), names(r.ignored)]).toStrictEqual([['agent0008'], ['agent0009']]);
    expect(r.changed.map((c) => c.user.username)).toStrictEqual(['agent0001']);
    expect(r.notes).toStrictEqual([EMAILS_NOT_COMPARED, 'ignored users that a file manages are compared all the same: agent0001']);
    expect(hasDrift(r)).toBe(true);

    const all = await run([stack('s', [file(1, { routingProfile: 'Support' })])], false, ['agent0008', 'agent0009']);
    expect([names(all.reports[0].unmanaged), names(all.reports[0].ignored), all.reports[0].notes]).toStrictEqual([[], ['agent0008', 'agent0009'], [EMAILS_NOT_COMPARED]]);
    expect(hasDrift(all.reports[0])).toBe(false);
  });

  it('--ignore-user: nothing is ignored when the unmanaged users cannot be looked for', async () => {
    serveInstance(connect, instance([fake(1), fake(9)]));
    const { reports } = await run([stack('s', [file(1)]), stack('broken', undefined)], false, ['agent0009']);
    expect([reports[0].unmanaged, reports[0].ignored]).toStrictEqual([undefined, undefined]);
  });

  it('with emails: a user deleted between SearchUsers and DescribeUser shows as missing', async () => {
    serveInstance(connect, instance([fake(1), fake(2)]));
    connect.on(DescribeUserCommand, { UserId: 'u-2' }).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    const { reports } = await run([stack('s', [file(1), file(2)])], true);
    expect(names(reports[0].missing)).toStrictEqual(['agent0002']);
  });

  it('retries a throttled page and still reads every page', async () => {
    const users = Array.from({ length: 250 }, (_, i) => fake(i));
    serveInstance(connect, instance(users));
    let throttled = false;
    connect.on(SearchUsersCommand).callsFake((input) => {
      if (input.NextToken === '100' && !throttled) {
        throttled = true;
        throw new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
      }
      const from = Number(input.NextToken ?? 0);
      return { Users: users.slice(from, from + 100).map(searchSummary), NextToken: from + 100 < users.length ? String(from + 100) : undefined };
    });
    const { reports, calls } = await run([stack('s', [file(0)])]);
    expect(connect.commandCalls(SearchUsersCommand).map((c) => c.args[0].input.NextToken)).toStrictEqual([undefined, '100', '100', '200']);
    expect(reports[0].liveUsers).toBe(250);
    expect(calls).toBe(6);
  });

  it('reports an AWS error in the reports of that instance and goes on with the others', async () => {
    serveInstance(connect, instance([fake(1)]));
    connect.on(SearchUsersCommand, { InstanceId: 'bbbbbbbb-0000-0000-0000-000000000000' }).rejects(new AccessDeniedException({ message: 'no access', $metadata: { httpStatusCode: 403 } }));
    const { reports } = await run([stack('denied', [file(1)], { instanceId: 'bbbbbbbb-0000-0000-0000-000000000000' }), stack('fine', [file(1)])]);
    expect(reports.map((r) => [r.stack, r.error])).toStrictEqual([
      ['denied', 'AccessDeniedException: no access (HTTP 403)'],
      ['fine', undefined],
    ]);
    expect(hasDrift(reports[0])).toBe(false);
  });

  it('finds an instance by its alias', async () => {
    serveInstance(connect, instance([fake(1)]));
    connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [{ Id: INSTANCE, InstanceAlias: 'my-centre' }] });
    const { reports } = await run([stack('s', [file(1)], { instanceId: undefined, instanceAlias: 'my-centre' })]);
    expect([reports[0].instance, reports[0].unchanged]).toStrictEqual([INSTANCE, 1]);

    connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [] });
    const missing = await run([stack('s', [file(1)], { instanceId: undefined, instanceAlias: 'nowhere', region: 'eu-west-1' })]);
    expect([missing.reports[0].instance, missing.reports[0].error]).toStrictEqual(['alias nowhere', 'no instance has the alias nowhere in eu-west-1']);
  });

  it('throws what is not an AWS error (a bug)', async () => {
    connect.on(SearchUsersCommand).rejects(new TypeError('boom'));
    await expect(run([stack('s', [file(1)])])).rejects.toThrow('boom');
  });
});

describe('hasDrift', () => {
  const report = (extra: Partial<DriftReport>): DriftReport => ({
    stack: 's',
    instance: 'i',
    liveUsers: 1,
    emailsCompared: false,
    missing: [],
    changed: [],
    unchanged: 1,
    unmanaged: [],
    notes: [],
    ...extra,
  });
  const someone = { userId: 'u', username: 'x', routingProfile: 'R', securityProfiles: [], hierarchyPath: [], phoneType: 'SOFT_PHONE', autoAccept: false, afterContactWorkTimeLimit: 0, tags: {} };

  it.each<[string, Partial<DriftReport>, boolean, boolean]>([
    ['nothing', {}, false, false],
    ['a missing user', { missing: [makeUser('x')] }, true, true],
    ['a changed user', { changed: [{ user: makeUser('x'), userId: 'u', fields: [] }] }, true, true],
    ['an unmanaged user', { unmanaged: [someone] }, true, false],
    ['unmanaged not looked for', { unmanaged: undefined }, false, false],
    ['only ignored users no file manages', { unmanaged: [], ignored: [someone] }, false, false],
  ])('%s: drift %s, with --allow-unmanaged %s', (_, extra, plain, allowed) => {
    expect(hasDrift(report(extra))).toBe(plain);
    expect(hasDrift(report(extra), { allowUnmanaged: true })).toBe(allowed);
  });
});
