/**
 * Reads the users of a Connect instance as this project writes them: names of
 * routing profiles, security profiles and hierarchy groups instead of ids.
 * What `export` and `drift` share. The calls, for N users, R routing profiles,
 * S security profiles and H hierarchy groups in the instance (100 a page):
 *
 *   ⌈N/100⌉ SearchUsers + ⌈R/100⌉ ListRoutingProfiles + ⌈S/100⌉ ListSecurityProfiles
 *   + at most min(⌈H/100⌉, 1 + G) hierarchy calls for the G groups users have
 *     (none when no user has one; see `readHierarchyPaths`)
 *
 * SearchUsers returns everything but the emails (see `LiveUser`); `readEmails`
 * gets those with one DescribeUser per user.
 */
import {
  DescribeInstanceCommand,
  DescribeUserCommand,
  DescribeUserHierarchyGroupCommand,
  ListInstancesCommand,
  ListRoutingProfilesCommand,
  ListSecurityProfilesCommand,
  SearchUserHierarchyGroupsCommand,
  SearchUsersCommand,
  type DescribeInstanceCommandOutput,
  type DescribeUserCommandOutput,
  type DescribeUserHierarchyGroupCommandOutput,
  type HierarchyGroup,
  type ListInstancesCommandOutput,
  type ListRoutingProfilesCommandOutput,
  type ListSecurityProfilesCommandOutput,
  type SearchUserHierarchyGroupsCommandOutput,
  type SearchUsersCommandOutput,
  type UserSearchSummary,
} from '@aws-sdk/client-connect';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from '../model';
import { compareText } from '../problems';
import type { CommandSender } from './client';

/** Page size of every list and search call (the largest that all of them accept). */
export const PAGE_SIZE = 100;

/** A user as Connect has it, with names instead of ids. */
export interface LiveUser {
  readonly userId: string;
  readonly username: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Read only by `readEmails` (DescribeUser): SearchUsers does not return it. */
  readonly email?: string;
  /** Read only by `readEmails` (DescribeUser): SearchUsers does not return it. */
  readonly secondaryEmail?: string;
  /** The name; the id when the instance has no routing profile with that id. */
  readonly routingProfile: string;
  /** Names (ids when unknown), sorted. */
  readonly securityProfiles: string[];
  /** From the top level down; empty when the user has no group. */
  readonly hierarchyPath: string[];
  readonly phoneType: string;
  readonly deskPhoneNumber?: string;
  readonly autoAccept: boolean;
  /** Seconds (SearchUsers returns milliseconds: converted). */
  readonly afterContactWorkTimeLimit: number;
  /** Every tag Connect has, the provider's default_tags included. */
  readonly tags: Record<string, string>;
  readonly directoryUserId?: string;
}

export interface ReadProgress {
  readonly phase: 'users' | 'profiles' | 'hierarchy' | 'emails';
  readonly done: number;
  readonly total?: number;
}

export interface InstanceUsers {
  /** Sorted by username; without emails. */
  readonly users: LiveUser[];
  /** Ids that have no name in the instance, and similar: shown to the admin. */
  readonly warnings: string[];
}

/** Reads every page of a paginated call. */
export async function paginate<T>(fetch: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    all.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return all;
}

/** id -> name of every routing profile and security profile of the instance. */
export async function readProfileNames(client: CommandSender, InstanceId: string): Promise<{ routing: Map<string, string>; security: Map<string, string> }> {
  const routing = await paginate(async (NextToken) => {
    const r = (await client.send(new ListRoutingProfilesCommand({ InstanceId, NextToken, MaxResults: PAGE_SIZE }))) as ListRoutingProfilesCommandOutput;
    return { items: r.RoutingProfileSummaryList, next: r.NextToken };
  });
  const security = await paginate(async (NextToken) => {
    const r = (await client.send(new ListSecurityProfilesCommand({ InstanceId, NextToken, MaxResults: PAGE_SIZE }))) as ListSecurityProfilesCommandOutput;
    return { items: r.SecurityProfileSummaryList, next: r.NextToken };
  });
  return {
    routing: new Map(routing.filter((p) => p.Id && p.Name).map((p) => [p.Id!, p.Name!])),
    security: new Map(security.filter((p) => p.Id && p.Name).map((p) => [p.Id!, p.Name!])),
  };
}

/**
 * id -> path of the hierarchy groups in `used`. SearchUserHierarchyGroups
 * returns each group with its `HierarchyPath` (levels one to five), 100 a
 * page; DescribeUserHierarchyGroup returns one group. So: read pages until
 * every used group is known, unless the pages left (from the first page's
 * ApproximateTotalCount) outnumber the groups still unknown: then describe
 * those. Calls: at most min(⌈H/100⌉, 1 + G) for H groups in the instance and
 * G used, and at most G once the first page holds one of them.
 */
export async function readHierarchyPaths(client: CommandSender, InstanceId: string, used: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const paths = new Map<string, string[]>();
  const add = (g: HierarchyGroup | undefined) => {
    if (!g?.Id) return;
    const p = g.HierarchyPath;
    const path = [p?.LevelOne, p?.LevelTwo, p?.LevelThree, p?.LevelFour, p?.LevelFive].map((l) => l?.Name).filter((n): n is string => Boolean(n));
    paths.set(g.Id, path.length > 0 ? path : g.Name ? [g.Name] : []);
  };
  const unknown = () => [...used].filter((id) => !paths.has(id));
  let NextToken: string | undefined;
  let read = 0;
  let total: number | undefined;
  do {
    if (unknown().length === 0) return paths;
    if (read > 0) {
      const pagesLeft = total === undefined ? Infinity : Math.ceil((total - read) / PAGE_SIZE);
      if (pagesLeft > unknown().length) break;
    }
    const r = (await client.send(new SearchUserHierarchyGroupsCommand({ InstanceId, NextToken, MaxResults: PAGE_SIZE }))) as SearchUserHierarchyGroupsCommandOutput;
    for (const g of r.UserHierarchyGroups ?? []) add(g);
    read += r.UserHierarchyGroups?.length ?? 0;
    total ??= r.ApproximateTotalCount;
    NextToken = r.NextToken;
  } while (NextToken);
  for (const HierarchyGroupId of unknown()) {
    try {
      const { HierarchyGroup } = (await client.send(new DescribeUserHierarchyGroupCommand({ InstanceId, HierarchyGroupId }))) as DescribeUserHierarchyGroupCommandOutput;
      add(HierarchyGroup);
    } catch (err) {
      // Deleted meanwhile: the caller reports the id without a name.
      if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    }
  }
  return paths;
}

/** Every user of the instance, ⌈N/100⌉ SearchUsers calls. */
export async function searchAllUsers(client: CommandSender, InstanceId: string, onPage?: (done: number, total?: number) => void): Promise<UserSearchSummary[]> {
  let done = 0;
  return paginate(async (NextToken) => {
    const r = (await client.send(new SearchUsersCommand({ InstanceId, NextToken, MaxResults: PAGE_SIZE }))) as SearchUsersCommandOutput;
    done += r.Users?.length ?? 0;
    onPage?.(done, r.ApproximateTotalCount);
    return { items: r.Users, next: r.NextToken };
  });
}

/**
 * A SearchUsers result as a `LiveUser`. `UserSearchSummary`
 * (@aws-sdk/client-connect 3.1136.0, dist-types/models/models_3.d.ts) has
 * Id, Username, IdentityInfo: `UserIdentityInfoLite` (FirstName and LastName
 * only: no Email, no SecondaryEmail), PhoneConfig: `UserPhoneConfig`,
 * RoutingProfileId, SecurityProfileIds, HierarchyGroupId, Tags and
 * DirectoryUserId. `UserPhoneConfig.AfterContactWorkTimeLimit` is in seconds
 * except "when returned by a SearchUsers call, AfterContactWorkTimeLimit is
 * returned in milliseconds" (models_1.d.ts; the SearchUsers API reference says
 * the same): divided by 1000 here.
 */
export function toLiveUser(
  u: UserSearchSummary & { Id: string; Username: string },
  names: { routing: Map<string, string>; security: Map<string, string>; hierarchy?: Map<string, string[]> },
  warnings: string[],
): LiveUser {
  const name = (map: Map<string, string>, id: string, what: string) => {
    const found = map.get(id);
    if (found === undefined) warnings.push(`${u.Username}: ${what} ${id} has no name in the instance; its id is used instead`);
    return found ?? id;
  };
  const path = (id: string) => {
    const found = names.hierarchy?.get(id);
    if (!found) warnings.push(`${u.Username}: hierarchy group ${id} has no name in the instance; its id is used instead`);
    return found ?? [id];
  };
  const ms = u.PhoneConfig?.AfterContactWorkTimeLimit ?? 0;
  return {
    userId: u.Id,
    username: u.Username,
    firstName: u.IdentityInfo?.FirstName || undefined,
    lastName: u.IdentityInfo?.LastName || undefined,
    routingProfile: u.RoutingProfileId ? name(names.routing, u.RoutingProfileId, 'routing profile') : '',
    securityProfiles: (u.SecurityProfileIds ?? []).map((id) => name(names.security, id, 'security profile')).sort(compareText),
    hierarchyPath: u.HierarchyGroupId ? path(u.HierarchyGroupId) : [],
    phoneType: u.PhoneConfig?.PhoneType ?? 'SOFT_PHONE',
    deskPhoneNumber: u.PhoneConfig?.DeskPhoneNumber || undefined,
    autoAccept: u.PhoneConfig?.AutoAccept ?? false,
    afterContactWorkTimeLimit: Math.round(ms / 1000),
    tags: u.Tags ?? {},
    directoryUserId: u.DirectoryUserId || undefined,
  };
}

/**
 * Every user of the instance without emails: SearchUsers pages, then the
 * names of the profiles and (only when some user has one) hierarchy groups.
 */
export async function readInstanceUsers(client: CommandSender, instanceId: string, onProgress?: (p: ReadProgress) => void): Promise<InstanceUsers> {
  const summaries = await searchAllUsers(client, instanceId, (done, total) => onProgress?.({ phase: 'users', done, total }));
  onProgress?.({ phase: 'profiles', done: 0 });
  const names = await readProfileNames(client, instanceId);
  const used = new Set(summaries.map((u) => u.HierarchyGroupId).filter((id): id is string => Boolean(id)));
  if (used.size > 0) onProgress?.({ phase: 'hierarchy', done: 0, total: used.size });
  const hierarchy = used.size > 0 ? await readHierarchyPaths(client, instanceId, used) : undefined;
  const warnings: string[] = [];
  const users: LiveUser[] = [];
  const seen = new Set<string>();
  for (const u of summaries) {
    // A page boundary moving under a concurrent change can repeat a user: keep the first.
    if (!u.Id || !u.Username || seen.has(u.Id)) continue;
    seen.add(u.Id);
    users.push(toLiveUser(u as UserSearchSummary & { Id: string; Username: string }, { ...names, hierarchy }, warnings));
  }
  users.sort((a, b) => compareText(a.username, b.username));
  return { users, warnings };
}

export interface Emails {
  readonly email?: string;
  readonly secondaryEmail?: string;
}

/** A user's emails (one DescribeUser call), or `undefined` when the user no longer exists. */
export async function readEmails(client: CommandSender, InstanceId: string, UserId: string): Promise<Emails | undefined> {
  try {
    const { User: u } = (await client.send(new DescribeUserCommand({ InstanceId, UserId }))) as DescribeUserCommandOutput;
    return { email: u?.IdentityInfo?.Email || undefined, secondaryEmail: u?.IdentityInfo?.SecondaryEmail || undefined };
  } catch (err) {
    if ((err as Error).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/**
 * The instance's identity management type, which decides what a users file
 * may hold (a password reference, a primary email): one DescribeInstance call
 * (`Instance.IdentityManagementType`: SAML, CONNECT_MANAGED or
 * EXISTING_DIRECTORY). Undefined when Connect does not say.
 */
export async function readIdentityManagementType(client: CommandSender, InstanceId: string): Promise<IdentityManagementType | undefined> {
  const { Instance } = (await client.send(new DescribeInstanceCommand({ InstanceId }))) as DescribeInstanceCommandOutput;
  const type = Instance?.IdentityManagementType;
  return IDENTITY_MANAGEMENT_TYPES.find((t) => t === type);
}

/** The id of the instance with this alias (ListInstances, 10 a page), for stacks declared by `instanceAlias`. */
export async function instanceIdOfAlias(client: CommandSender, alias: string): Promise<string | undefined> {
  const instances = await paginate(async (NextToken) => {
    const r = (await client.send(new ListInstancesCommand({ NextToken, MaxResults: 10 }))) as ListInstancesCommandOutput;
    return { items: r.InstanceSummaryList, next: r.NextToken };
  });
  return instances.find((i) => i.InstanceAlias === alias)?.Id;
}
