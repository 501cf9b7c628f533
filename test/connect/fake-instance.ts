/**
 * A Connect instance served through aws-sdk-client-mock: the list and search
 * calls page as Connect does (NextToken, MaxResults), SearchUsers returns the
 * ACW timeout in milliseconds and no emails, DescribeUser seconds and emails.
 * Used by the tests and by the benchmark's call counts.
 */
import {
  DescribeInstanceCommand,
  DescribeUserCommand,
  DescribeUserHierarchyGroupCommand,
  ListRoutingProfilesCommand,
  ListSecurityProfilesCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  SearchUserHierarchyGroupsCommand,
  SearchUsersCommand,
  type ConnectClientResolvedConfig,
  type DirectoryType,
  type HierarchyGroup,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type User,
  type UserSearchSummary,
} from '@aws-sdk/client-connect';
import type { AwsStub } from 'aws-sdk-client-mock';

/** `mockClient(ConnectClient)`. */
export type ConnectMock = AwsStub<ServiceInputTypes, ServiceOutputTypes, ConnectClientResolvedConfig>;

export interface FakeUser {
  readonly Id: string;
  readonly Username: string;
  readonly FirstName?: string;
  readonly LastName?: string;
  readonly Email?: string;
  readonly SecondaryEmail?: string;
  readonly RoutingProfileId: string;
  readonly SecurityProfileIds: string[];
  readonly HierarchyGroupId?: string;
  readonly PhoneType: 'SOFT_PHONE' | 'DESK_PHONE';
  readonly DeskPhoneNumber?: string;
  readonly AutoAccept: boolean;
  /** Seconds (SearchUsers reports milliseconds). */
  readonly Acw: number;
  readonly Tags: Record<string, string>;
  readonly DirectoryUserId?: string;
}

export interface FakeInstance {
  readonly id: string;
  readonly users: FakeUser[];
  readonly routingProfiles: { Id: string; Name: string }[];
  readonly securityProfiles: { Id: string; Name: string }[];
  /** `path` from level one down; the group's name is its last element. */
  readonly groups: { Id: string; path: string[] }[];
  /** What DescribeInstance says. @default 'CONNECT_MANAGED' */
  readonly identityManagementType?: DirectoryType;
}

const notFound = (what: string) => new ResourceNotFoundException({ message: `${what} not found`, $metadata: { httpStatusCode: 404 } });

/** One page of `items` from the offset in `token`, at most `max` (and at most `cap`) long. */
function page<T>(items: readonly T[], token: string | undefined, max: number | undefined, cap: number): { items: T[]; next?: string } {
  const from = token ? Number(token) : 0;
  const size = Math.min(max ?? cap, cap);
  const to = from + size;
  return { items: items.slice(from, to), next: to < items.length ? String(to) : undefined };
}

export function searchSummary(u: FakeUser): UserSearchSummary {
  return {
    Id: u.Id,
    Username: u.Username,
    IdentityInfo: { FirstName: u.FirstName, LastName: u.LastName },
    PhoneConfig: { PhoneType: u.PhoneType, DeskPhoneNumber: u.DeskPhoneNumber, AutoAccept: u.AutoAccept, AfterContactWorkTimeLimit: u.Acw * 1000 },
    RoutingProfileId: u.RoutingProfileId,
    SecurityProfileIds: u.SecurityProfileIds,
    HierarchyGroupId: u.HierarchyGroupId,
    Tags: u.Tags,
    DirectoryUserId: u.DirectoryUserId,
  };
}

export function describedUser(u: FakeUser): User {
  return {
    Id: u.Id,
    Username: u.Username,
    IdentityInfo: { FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, SecondaryEmail: u.SecondaryEmail },
    PhoneConfig: { PhoneType: u.PhoneType, DeskPhoneNumber: u.DeskPhoneNumber, AutoAccept: u.AutoAccept, AfterContactWorkTimeLimit: u.Acw },
    RoutingProfileId: u.RoutingProfileId,
    SecurityProfileIds: u.SecurityProfileIds,
    HierarchyGroupId: u.HierarchyGroupId,
    Tags: u.Tags,
    DirectoryUserId: u.DirectoryUserId,
  };
}

function group(g: FakeInstance['groups'][number], all: FakeInstance['groups']): HierarchyGroup {
  const levels = ['LevelOne', 'LevelTwo', 'LevelThree', 'LevelFour', 'LevelFive'] as const;
  const path = Object.fromEntries(
    g.path.map((name, i) => {
      const ancestor = all.find((a) => a.path.length === i + 1 && a.path.every((n, j) => n === g.path[j]));
      return [levels[i], { Id: ancestor?.Id ?? `${g.Id}-level-${i + 1}`, Name: name }];
    }),
  );
  return { Id: g.Id, Name: g.path[g.path.length - 1], LevelId: String(g.path.length), HierarchyPath: path };
}

/** Makes `connect` (a mockClient of ConnectClient) answer for `instance`. `instance.users` may change between calls. */
export function serveInstance(connect: ConnectMock, instance: FakeInstance): void {
  const check = (id: string | undefined) => {
    if (id !== instance.id) throw notFound(`instance ${id}`);
  };
  connect.on(DescribeInstanceCommand).callsFake((input) => {
    check(input.InstanceId);
    return { Instance: { Id: instance.id, IdentityManagementType: instance.identityManagementType ?? 'CONNECT_MANAGED', InstanceStatus: 'ACTIVE' } };
  });
  connect.on(SearchUsersCommand).callsFake((input) => {
    check(input.InstanceId);
    const p = page(instance.users, input.NextToken, input.MaxResults, 100);
    return { Users: p.items.map(searchSummary), NextToken: p.next, ApproximateTotalCount: instance.users.length };
  });
  connect.on(ListUsersCommand).callsFake((input) => {
    check(input.InstanceId);
    const p = page(instance.users, input.NextToken, input.MaxResults, 1000);
    return { UserSummaryList: p.items.map((u) => ({ Id: u.Id, Username: u.Username })), NextToken: p.next };
  });
  connect.on(DescribeUserCommand).callsFake((input) => {
    check(input.InstanceId);
    const u = instance.users.find((x) => x.Id === input.UserId);
    if (!u) throw notFound(`user ${input.UserId}`);
    return { User: describedUser(u) };
  });
  connect.on(ListRoutingProfilesCommand).callsFake((input) => {
    check(input.InstanceId);
    const p = page(instance.routingProfiles, input.NextToken, input.MaxResults, 1000);
    return { RoutingProfileSummaryList: p.items, NextToken: p.next };
  });
  connect.on(ListSecurityProfilesCommand).callsFake((input) => {
    check(input.InstanceId);
    const p = page(instance.securityProfiles, input.NextToken, input.MaxResults, 1000);
    return { SecurityProfileSummaryList: p.items, NextToken: p.next };
  });
  connect.on(SearchUserHierarchyGroupsCommand).callsFake((input) => {
    check(input.InstanceId);
    const p = page(instance.groups, input.NextToken, input.MaxResults, 100);
    return { UserHierarchyGroups: p.items.map((g) => group(g, instance.groups)), NextToken: p.next, ApproximateTotalCount: instance.groups.length };
  });
  connect.on(DescribeUserHierarchyGroupCommand).callsFake((input) => {
    check(input.InstanceId);
    const g = instance.groups.find((x) => x.Id === input.HierarchyGroupId);
    if (!g) throw notFound(`group ${input.HierarchyGroupId}`);
    return { HierarchyGroup: group(g, instance.groups) };
  });
}

/** The number of calls `connect` received, per command name. */
export function callsByCommand(connect: ConnectMock): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of connect.calls()) {
    const name = (call.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '');
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}
