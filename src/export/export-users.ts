/**
 * Reads the users of a Connect instance, with the names of their routing
 * profiles, security profiles and hierarchy groups, for adoption: a users
 * file in this project's format (no passwords) plus the ids to import.
 * Resumable: described users are checkpointed as the export goes.
 */
import {
  DescribeUserCommand,
  DescribeUserHierarchyGroupCommand,
  ListRoutingProfilesCommand,
  ListSecurityProfilesCommand,
  ListUsersCommand,
  type DescribeUserCommandOutput,
  type DescribeUserHierarchyGroupCommandOutput,
  type ListRoutingProfilesCommandOutput,
  type ListSecurityProfilesCommandOutput,
  type ListUsersCommandOutput,
} from '@aws-sdk/client-connect';
import { csvLine } from '../csv-write';
import { compareText } from '../problems';
import type { CommandSender } from './connect-client';

export interface ExportedUser {
  readonly userId: string;
  readonly username: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly secondaryEmail?: string;
  readonly routingProfile: string;
  readonly securityProfiles: string[];
  readonly hierarchyPath: string[];
  readonly phoneType: string;
  readonly deskPhoneNumber?: string;
  readonly autoAccept: boolean;
  readonly afterContactWorkTimeLimit: number;
  readonly tags: Record<string, string>;
  readonly directoryUserId?: string;
}

/** What an interrupted export keeps, to go on from where it stopped. */
export interface Checkpoint {
  readonly instanceId: string;
  readonly users: ExportedUser[];
}

export interface ExportProgress {
  readonly phase: 'profiles' | 'list' | 'describe';
  readonly done: number;
  readonly total?: number;
}

export interface ExportOptions {
  /** A paced sender (see `pacedSender`). */
  readonly client: CommandSender;
  readonly instanceId: string;
  /** A previous, interrupted export of the same instance. */
  readonly resumeFrom?: Checkpoint;
  /** Called every `checkpointEvery` users described, and at the end. */
  readonly saveCheckpoint?: (checkpoint: Checkpoint) => void;
  /** @default 25 */
  readonly checkpointEvery?: number;
  readonly onProgress?: (progress: ExportProgress) => void;
}

export interface ExportResult {
  /** Sorted by username. */
  readonly users: ExportedUser[];
  /** Things the file cannot say exactly (e.g. a name with "|"); shown to the admin. */
  readonly warnings: string[];
}

async function paginate<T>(fetch: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    all.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return all;
}

export async function exportUsers(options: ExportOptions): Promise<ExportResult> {
  const { client, instanceId } = options;
  const InstanceId = instanceId;
  const progress = options.onProgress ?? (() => undefined);
  const warnings: string[] = [];

  progress({ phase: 'profiles', done: 0 });
  const routing = new Map(
    (
      await paginate(async (NextToken) => {
        const r = (await client.send(new ListRoutingProfilesCommand({ InstanceId, NextToken, MaxResults: 100 }))) as ListRoutingProfilesCommandOutput;
        return { items: r.RoutingProfileSummaryList, next: r.NextToken };
      })
    ).map((p) => [p.Id!, p.Name!]),
  );
  const security = new Map(
    (
      await paginate(async (NextToken) => {
        const r = (await client.send(new ListSecurityProfilesCommand({ InstanceId, NextToken, MaxResults: 100 }))) as ListSecurityProfilesCommandOutput;
        return { items: r.SecurityProfileSummaryList, next: r.NextToken };
      })
    ).map((p) => [p.Id!, p.Name!]),
  );

  const summaries = await paginate(async (NextToken) => {
    const r = (await client.send(new ListUsersCommand({ InstanceId, NextToken, MaxResults: 100 }))) as ListUsersCommandOutput;
    progress({ phase: 'list', done: 0 });
    return { items: r.UserSummaryList, next: r.NextToken };
  });

  const resumed = options.resumeFrom?.instanceId === instanceId ? options.resumeFrom.users : [];
  const done = new Map(resumed.map((u) => [u.userId, u]));
  const hierarchyPaths = new Map<string, string[]>();
  const save = () => options.saveCheckpoint?.({ instanceId, users: [...done.values()] });
  const every = options.checkpointEvery ?? 25;
  let sinceSave = 0;

  for (const summary of summaries) {
    if (!summary.Id || done.has(summary.Id)) continue;
    const { User: u } = (await client.send(new DescribeUserCommand({ InstanceId, UserId: summary.Id }))) as DescribeUserCommandOutput;
    if (!u?.Id || !u.Username) {
      warnings.push(`user ${summary.Username ?? summary.Id} could not be described and is left out`);
      continue;
    }
    let hierarchyPath: string[] = [];
    if (u.HierarchyGroupId) {
      if (!hierarchyPaths.has(u.HierarchyGroupId)) {
        const { HierarchyGroup: g } = (await client.send(
          new DescribeUserHierarchyGroupCommand({ InstanceId, HierarchyGroupId: u.HierarchyGroupId }),
        )) as DescribeUserHierarchyGroupCommandOutput;
        const p = g?.HierarchyPath;
        const path = [p?.LevelOne, p?.LevelTwo, p?.LevelThree, p?.LevelFour, p?.LevelFive].map((l) => l?.Name).filter((n): n is string => Boolean(n));
        hierarchyPaths.set(u.HierarchyGroupId, path.length > 0 ? path : g?.Name ? [g.Name] : []);
      }
      hierarchyPath = hierarchyPaths.get(u.HierarchyGroupId)!;
    }
    const name = (map: Map<string, string>, id: string, what: string) => {
      const found = map.get(id);
      if (!found) warnings.push(`${u.Username}: ${what} ${id} has no name in the instance; the id is written instead`);
      return found ?? id;
    };
    done.set(u.Id, {
      userId: u.Id,
      username: u.Username,
      firstName: u.IdentityInfo?.FirstName || undefined,
      lastName: u.IdentityInfo?.LastName || undefined,
      email: u.IdentityInfo?.Email || undefined,
      secondaryEmail: u.IdentityInfo?.SecondaryEmail || undefined,
      routingProfile: u.RoutingProfileId ? name(routing, u.RoutingProfileId, 'routing profile') : '',
      securityProfiles: (u.SecurityProfileIds ?? []).map((id) => name(security, id, 'security profile')).sort(compareText),
      hierarchyPath,
      phoneType: u.PhoneConfig?.PhoneType ?? 'SOFT_PHONE',
      deskPhoneNumber: u.PhoneConfig?.DeskPhoneNumber || undefined,
      autoAccept: u.PhoneConfig?.AutoAccept ?? false,
      afterContactWorkTimeLimit: u.PhoneConfig?.AfterContactWorkTimeLimit ?? 0,
      tags: u.Tags ?? {},
      directoryUserId: u.DirectoryUserId || undefined,
    });
    progress({ phase: 'describe', done: done.size, total: summaries.length });
    if (++sinceSave >= every) {
      save();
      sinceSave = 0;
    }
  }
  save();
  const users = [...done.values()].sort((a, b) => compareText(a.username, b.username));
  for (const u of users) warnings.push(...lossy(u));
  return { users, warnings };
}

/**
 * Values the CSV cannot hold exactly ("|" separates list items, "=" and ":"
 * separate tag keys), and values a spreadsheet would run as a formula when an
 * admin opens the file (a cell starting with = + - @; desk phone numbers, which
 * start with +, are fine: they are checked as E.164).
 */
function lossy(u: ExportedUser): string[] {
  const out: string[] = [];
  const cells = [u.username, u.firstName, u.lastName, u.email, u.secondaryEmail, u.routingProfile, ...u.securityProfiles, ...u.hierarchyPath, ...Object.keys(u.tags), ...Object.values(u.tags)];
  if (cells.some((c) => c !== undefined && /^[=+\-@]/.test(c))) {
    out.push(`${u.username}: a value starts with = + - or @; a spreadsheet may run it as a formula, so check the row before opening the file in one`);
  }
  for (const p of [...u.securityProfiles, ...u.hierarchyPath]) if (p.includes('|')) out.push(`${u.username}: the name ${JSON.stringify(p)} contains "|"; check the row`);
  for (const [k, v] of Object.entries(u.tags)) {
    if (/[|=:]/.test(k) || v.includes('|')) out.push(`${u.username}: tag ${JSON.stringify(k)} contains "|", "=" or ":"; check the row`);
  }
  return out;
}

export const EXPORT_HEADER = [
  'username',
  'password',
  'firstName',
  'lastName',
  'email',
  'secondaryEmail',
  'routingProfile',
  'securityProfiles',
  'hierarchyGroup',
  'phoneType',
  'deskPhoneNumber',
  'autoAccept',
  'afterContactWorkTimeLimit',
  'tags',
  'directoryUserId',
];

/**
 * The users as a CSV with the native header. The password column says `none`:
 * passwords cannot be read (and do not belong in git), and existing users need none.
 */
export function exportedCsv(users: readonly ExportedUser[]): string {
  const rows = users.map((u) =>
    csvLine([
      u.username,
      // Not a password: these users exist, so none is sent (and none is generated for them).
      'none',
      u.firstName ?? '',
      u.lastName ?? '',
      u.email ?? '',
      u.secondaryEmail ?? '',
      u.routingProfile,
      u.securityProfiles.join('|'),
      u.hierarchyPath.join('|'),
      u.phoneType === 'DESK_PHONE' ? 'desk' : 'soft',
      u.deskPhoneNumber ?? '',
      u.autoAccept ? 'yes' : 'no',
      String(u.afterContactWorkTimeLimit),
      Object.keys(u.tags)
        .sort(compareText)
        .map((k) => `${k}=${u.tags[k]}`)
        .join('|'),
      u.directoryUserId ?? '',
    ]),
  );
  return `${[csvLine(EXPORT_HEADER), ...rows].join('\n')}\n`;
}

/** The ids Terraform imports the users from (`instance_id:user_id`), read by the stack from `*.imports.json` in the users folder. */
export interface ImportsFile {
  readonly instanceId: string;
  readonly imports: { username: string; id: string }[];
}

export function importsFile(instanceId: string, users: readonly ExportedUser[]): ImportsFile {
  return { instanceId, imports: users.map((u) => ({ username: u.username, id: `${instanceId}:${u.userId}` })) };
}
