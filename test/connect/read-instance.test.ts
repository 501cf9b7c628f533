import {
  ConnectClient,
  DescribeUserCommand,
  DescribeUserHierarchyGroupCommand,
  ListInstancesCommand,
  ListRoutingProfilesCommand,
  ListSecurityProfilesCommand,
  SearchUserHierarchyGroupsCommand,
  SearchUsersCommand,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { pacedSender } from '../../src/connect/client';
import { instanceIdOfAlias, readEmails, readHierarchyPaths, readInstanceUsers, toLiveUser } from '../../src/connect/read-instance';
import { callsByCommand, serveInstance, type FakeInstance, type FakeUser } from './fake-instance';
import { fakeTime } from './fake-time';

const connect = mockClient(ConnectClient);
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';
const client = () => pacedSender(new ConnectClient({}), { ...fakeTime(), rate: 1000 });

const user = (i: number, extra: Partial<FakeUser> = {}): FakeUser => ({
  Id: `u-${i}`,
  Username: `agent${String(i).padStart(4, '0')}`,
  FirstName: 'Ann',
  LastName: `Lee ${i}`,
  Email: `agent${i}@example.com`,
  RoutingProfileId: 'rp-1',
  SecurityProfileIds: ['sp-2', 'sp-1'],
  PhoneType: 'SOFT_PHONE',
  AutoAccept: false,
  Acw: 0,
  Tags: {},
  ...extra,
});

function instance(users: FakeUser[], groups: FakeInstance['groups'] = []): FakeInstance {
  return {
    id: INSTANCE,
    users,
    routingProfiles: [{ Id: 'rp-1', Name: 'Sales Inbound' }, { Id: 'rp-2', Name: 'Support' }],
    securityProfiles: [{ Id: 'sp-1', Name: 'Agent' }, { Id: 'sp-2', Name: 'Quality Review' }],
    groups,
  };
}

describe('readInstanceUsers', () => {
  beforeEach(() => connect.reset());

  it('pages through SearchUsers 100 at a time: 250 users in 3 calls, plus one page of each profile list', async () => {
    serveInstance(connect, instance(Array.from({ length: 250 }, (_, i) => user(i))));
    const { users, warnings } = await readInstanceUsers(client(), INSTANCE);
    expect(users.length).toBe(250);
    expect(warnings).toStrictEqual([]);
    expect(callsByCommand(connect)).toStrictEqual({ SearchUsers: 3, ListRoutingProfiles: 1, ListSecurityProfiles: 1 });
    const search = connect.commandCalls(SearchUsersCommand).map((c) => c.args[0].input);
    expect(search.map((i) => [i.NextToken, i.MaxResults])).toStrictEqual([[undefined, 100], ['100', 100], ['200', 100]]);
  });

  it('converts what SearchUsers returns: ACW milliseconds to seconds, ids to names, sorted names and users', async () => {
    serveInstance(
      connect,
      instance(
        [
          user(2, { Acw: 45, PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+14155550100', AutoAccept: true, Tags: { team: 'a' }, HierarchyGroupId: 'g-3' }),
          user(1, { Acw: 2_000_000, RoutingProfileId: 'rp-2', SecurityProfileIds: ['sp-1'], DirectoryUserId: 'dir-1', FirstName: undefined }),
        ],
        [
          { Id: 'g-1', path: ['EMEA'] },
          { Id: 'g-2', path: ['EMEA', 'Lisbon'] },
          { Id: 'g-3', path: ['EMEA', 'Lisbon', 'Sales'] },
        ],
      ),
    );
    const { users } = await readInstanceUsers(client(), INSTANCE);
    expect(users).toStrictEqual([
      {
        userId: 'u-1',
        username: 'agent0001',
        firstName: undefined,
        lastName: 'Lee 1',
        routingProfile: 'Support',
        securityProfiles: ['Agent'],
        hierarchyPath: [],
        phoneType: 'SOFT_PHONE',
        deskPhoneNumber: undefined,
        autoAccept: false,
        afterContactWorkTimeLimit: 2_000_000,
        tags: {},
        directoryUserId: 'dir-1',
      },
      {
        userId: 'u-2',
        username: 'agent0002',
        firstName: 'Ann',
        lastName: 'Lee 2',
        routingProfile: 'Sales Inbound',
        securityProfiles: ['Agent', 'Quality Review'],
        hierarchyPath: ['EMEA', 'Lisbon', 'Sales'],
        phoneType: 'DESK_PHONE',
        deskPhoneNumber: '+14155550100',
        autoAccept: true,
        afterContactWorkTimeLimit: 45,
        tags: { team: 'a' },
        directoryUserId: undefined,
      },
    ]);
    // No email: SearchUsers does not return it.
    expect(users.every((u) => !('email' in u) && !('secondaryEmail' in u))).toBe(true);
  });

  it('reads hierarchy groups only when some user has one', async () => {
    serveInstance(connect, instance([user(1)], [{ Id: 'g-1', path: ['EMEA'] }]));
    await readInstanceUsers(client(), INSTANCE);
    expect(connect.commandCalls(SearchUserHierarchyGroupsCommand).length).toBe(0);
  });

  it('warns and uses the id when a profile or group has no name in the instance', async () => {
    serveInstance(connect, instance([user(1, { RoutingProfileId: 'rp-gone', SecurityProfileIds: ['sp-1', 'sp-gone'], HierarchyGroupId: 'g-gone' })]));
    const { users, warnings } = await readInstanceUsers(client(), INSTANCE);
    expect(users[0].routingProfile).toBe('rp-gone');
    expect(users[0].securityProfiles).toStrictEqual(['Agent', 'sp-gone']);
    expect(users[0].hierarchyPath).toStrictEqual(['g-gone']);
    expect(warnings).toStrictEqual([
      'agent0001: routing profile rp-gone has no name in the instance; its id is used instead',
      'agent0001: security profile sp-gone has no name in the instance; its id is used instead',
      'agent0001: hierarchy group g-gone has no name in the instance; its id is used instead',
    ]);
  });

  it('keeps the first of a user repeated across pages, and skips entries without id or username', async () => {
    connect.on(ListRoutingProfilesCommand).resolves({ RoutingProfileSummaryList: [{ Id: 'rp-1', Name: 'Sales' }] });
    connect.on(ListSecurityProfilesCommand).resolves({ SecurityProfileSummaryList: [{ Id: 'sp-1', Name: 'Agent' }] });
    connect
      .on(SearchUsersCommand)
      .resolvesOnce({ Users: [{ Id: 'u-1', Username: 'a', RoutingProfileId: 'rp-1' }, { Id: 'u-2' }], NextToken: 't' })
      .resolvesOnce({ Users: [{ Id: 'u-1', Username: 'a-renamed', RoutingProfileId: 'rp-1' }, { Username: 'no-id' }] });
    const { users } = await readInstanceUsers(client(), INSTANCE);
    expect(users.map((u) => u.username)).toStrictEqual(['a']);
  });

  it('retries a throttled SearchUsers page', async () => {
    serveInstance(connect, instance([user(1)]));
    connect.on(SearchUsersCommand).rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } })).resolves({ Users: [{ Id: 'u-1', Username: 'a', RoutingProfileId: 'rp-1' }] });
    const { users } = await readInstanceUsers(client(), INSTANCE);
    expect(users.map((u) => u.username)).toStrictEqual(['a']);
    expect(connect.commandCalls(SearchUsersCommand).length).toBe(2);
  });

  it('tells the progress of each phase', async () => {
    serveInstance(connect, instance(Array.from({ length: 150 }, (_, i) => user(i, { HierarchyGroupId: 'g-1' })), [{ Id: 'g-1', path: ['EMEA'] }]));
    const seen: string[] = [];
    await readInstanceUsers(client(), INSTANCE, (p) => seen.push(`${p.phase} ${p.done}/${p.total}`));
    expect(seen).toStrictEqual(['users 100/150', 'users 150/150', 'profiles 0/undefined', 'hierarchy 0/1']);
  });
});

describe('readHierarchyPaths', () => {
  beforeEach(() => connect.reset());
  const groups = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `g-${i}`, path: ['Top', `Group ${i}`] }));

  it('stops paging once every group in use is known', async () => {
    serveInstance(connect, instance([], groups(250)));
    const paths = await readHierarchyPaths(client(), INSTANCE, new Set(['g-5', 'g-150', 'g-160']));
    expect(paths.get('g-150')).toStrictEqual(['Top', 'Group 150']);
    // After page 1: 2 unknown, 2 pages left: page on; after page 2 none is unknown: page 3 is not read.
    expect(callsByCommand(connect)).toStrictEqual({ SearchUserHierarchyGroups: 2 });
  });

  it('describes the groups still unknown when that takes fewer calls than the pages left', async () => {
    serveInstance(connect, instance([], groups(1000)));
    const paths = await readHierarchyPaths(client(), INSTANCE, new Set(['g-1', 'g-500', 'g-900']));
    expect([paths.get('g-1'), paths.get('g-500'), paths.get('g-900')]).toStrictEqual([['Top', 'Group 1'], ['Top', 'Group 500'], ['Top', 'Group 900']]);
    // 1 page (g-1), then 9 pages left > 2 unknown: 2 describes.
    expect(callsByCommand(connect)).toStrictEqual({ SearchUserHierarchyGroups: 1, DescribeUserHierarchyGroup: 2 });
  });

  it('keeps paging when the pages left are as few as the groups unknown', async () => {
    serveInstance(connect, instance([], groups(300)));
    await readHierarchyPaths(client(), INSTANCE, new Set(['g-1', 'g-150', 'g-250']));
    // After page 1: 2 pages left, 2 unknown: paging costs no more.
    expect(callsByCommand(connect)).toStrictEqual({ SearchUserHierarchyGroups: 3 });
  });

  it('names a group by itself when it has no path, and leaves out a group deleted meanwhile', async () => {
    connect.on(SearchUserHierarchyGroupsCommand).resolves({ UserHierarchyGroups: [{ Id: 'g-1', Name: 'Solo' }, { Name: 'no id' }], NextToken: 'more' });
    connect.on(DescribeUserHierarchyGroupCommand).rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));
    const paths = await readHierarchyPaths(client(), INSTANCE, new Set(['g-1', 'g-2']));
    expect([...paths]).toStrictEqual([['g-1', ['Solo']]]);
    // No ApproximateTotalCount: the pages left are unknown, so the one unknown group is described.
    expect(connect.commandCalls(DescribeUserHierarchyGroupCommand).length).toBe(1);
  });

  it('makes no call when no group is in use', async () => {
    await readHierarchyPaths(client(), INSTANCE, new Set());
    expect(connect.calls().length).toBe(0);
  });
});

describe('toLiveUser', () => {
  const names = { routing: new Map([['rp', 'R']]), security: new Map<string, string>() };
  it.each([
    [30_000, 30],
    [0, 0],
    [1_499, 1],
    [undefined, 0],
  ])('reads AfterContactWorkTimeLimit %s ms as %s s', (ms, seconds) => {
    expect(toLiveUser({ Id: 'u', Username: 'x', RoutingProfileId: 'rp', PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: ms } }, names, []).afterContactWorkTimeLimit).toBe(seconds);
  });

  it('defaults what Connect leaves out: soft phone, no auto-accept, no tags, empty strings as absent', () => {
    const u = toLiveUser({ Id: 'u', Username: 'x', IdentityInfo: { FirstName: '', LastName: '' }, DirectoryUserId: '' }, names, []);
    expect(u).toStrictEqual({
      userId: 'u',
      username: 'x',
      firstName: undefined,
      lastName: undefined,
      routingProfile: '',
      securityProfiles: [],
      hierarchyPath: [],
      phoneType: 'SOFT_PHONE',
      deskPhoneNumber: undefined,
      autoAccept: false,
      afterContactWorkTimeLimit: 0,
      tags: {},
      directoryUserId: undefined,
    });
  });
});

describe('readEmails', () => {
  beforeEach(() => connect.reset());

  it('reads both emails with one DescribeUser, and undefined for a user deleted meanwhile', async () => {
    serveInstance(connect, instance([user(1, { SecondaryEmail: 'second@example.com' }), user(2, { Email: undefined })]));
    expect(await readEmails(client(), INSTANCE, 'u-1')).toStrictEqual({ email: 'agent1@example.com', secondaryEmail: 'second@example.com' });
    expect(await readEmails(client(), INSTANCE, 'u-2')).toStrictEqual({ email: undefined, secondaryEmail: undefined });
    expect(await readEmails(client(), INSTANCE, 'u-gone')).toBeUndefined();
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(3);
  });

  it('throws other errors', async () => {
    connect.on(DescribeUserCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(readEmails(client(), INSTANCE, 'u-1')).rejects.toThrow('denied');
  });
});

describe('instanceIdOfAlias', () => {
  beforeEach(() => connect.reset());

  it('pages ListInstances for the alias', async () => {
    connect
      .on(ListInstancesCommand)
      .resolvesOnce({ InstanceSummaryList: [{ Id: 'i-1', InstanceAlias: 'other' }], NextToken: 'n' })
      .resolvesOnce({ InstanceSummaryList: [{ Id: 'i-2', InstanceAlias: 'my-centre' }] });
    expect(await instanceIdOfAlias(client(), 'my-centre')).toBe('i-2');
    connect.reset();
    connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [] });
    expect(await instanceIdOfAlias(client(), 'my-centre')).toBeUndefined();
  });
});
