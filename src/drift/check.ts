/**
 * `connect-users drift`: reads each instance once (SearchUsers, ~1% of the
 * calls of one DescribeUser per user) and compares it with the user files of
 * every stack on it. Users in Connect that no file manages are those of no
 * stack on the instance: a stack's files may be only part of it.
 */
import type { CommandSender } from '../connect/client';
import { describeError, isAwsError, isCredentialsError, noCredentialsMessage } from '../connect/errors';
import { instanceIdOfAlias, readEmails, readInstanceUsers, type LiveUser, type ReadProgress } from '../connect/read-instance';
import type { IdentityManagementType, User } from '../model';
import { namesManaged, stackDrift, unmanagedUsers, type StackDrift } from './compare';

export interface DriftStack {
  /** The stack id (or the folder given with --dir): how the report names it. */
  readonly id: string;
  readonly instanceId?: string;
  /** Used when there is no `instanceId` (one ListInstances page per 10 instances). */
  readonly instanceAlias?: string;
  readonly region?: string;
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** What it compares: on EXISTING_DIRECTORY not the names and emails (the directory's). @default 'CONNECT_MANAGED' */
  readonly identityManagementType?: IdentityManagementType;
  /** Its valid users; undefined when its files have problems (it is then not compared). */
  readonly users?: readonly User[];
  /** Whether to report it (all stacks are read: together they say which users are managed). */
  readonly selected: boolean;
}

export interface DriftReport extends StackDrift {
  readonly stack: string;
  readonly instance: string;
  /** Users in the instance. */
  readonly liveUsers: number;
  readonly emailsCompared: boolean;
  /** Undefined when it cannot be told: a stack on the instance has problems in its files. */
  readonly unmanaged?: readonly LiveUser[];
  /** Users no file manages that are on the ignore list (`--ignore-user`): listed, not drift. Undefined with `unmanaged`. */
  readonly ignored?: readonly LiveUser[];
  /** When the instance could not be read. */
  readonly error?: string;
  readonly notes: readonly string[];
}

export interface CheckOptions {
  /** A paced sender for a region (see `pacedSender`). */
  readonly clientFor: (region: string | undefined) => CommandSender;
  /**
   * Read the emails too: one DescribeUser per managed user.
   * @default false
   */
  readonly emails?: boolean;
  /**
   * Usernames that no file manages on purpose (an instance's own admin user):
   * listed as ignored, not as drift. A user a file manages is compared anyway.
   * @default []
   */
  readonly ignoreUsers?: readonly string[];
  readonly onProgress?: (instance: string, progress: ReadProgress) => void;
}

export const EMAILS_NOT_COMPARED = 'emails were not compared (pass --emails: one DescribeUser per user)';
/** Said of an EXISTING_DIRECTORY stack, whose names and emails drift does not compare. */
export const DIRECTORY_NAMES =
  "names and emails are the directory's (EXISTING_DIRECTORY: the stack sends them only when it creates a user, and ignores them afterwards): not compared";

/** One report per selected stack with users, in the order given. Throws only on a bug; an AWS error is in its stacks' reports. */
export async function checkDrift(stacks: readonly DriftStack[], options: CheckOptions): Promise<DriftReport[]> {
  const byInstance = new Map<string, DriftStack[]>();
  for (const s of stacks) {
    const key = `${s.region ?? ''}\u0000${s.instanceId ?? `alias:${s.instanceAlias}`}`;
    byInstance.set(key, [...(byInstance.get(key) ?? []), s]);
  }
  const reports = new Map<DriftStack, DriftReport>();
  for (const group of byInstance.values()) {
    const selected = group.filter((s) => s.selected && s.users);
    if (selected.length === 0) continue;
    const { region, instanceId, instanceAlias } = group[0];
    const instance = instanceId ?? `alias ${instanceAlias}`;
    const client = options.clientFor(region);
    const failed = (error: string) => {
      for (const s of selected) reports.set(s, { stack: s.id, instance, liveUsers: 0, emailsCompared: false, missing: [], changed: [], unchanged: 0, error, notes: [] });
    };
    try {
      const id = instanceId ?? (await instanceIdOfAlias(client, instanceAlias!));
      if (!id) {
        failed(`no instance has the alias ${instanceAlias}${region ? ` in ${region}` : ''}`);
        continue;
      }
      const read = await readInstanceUsers(client, id, (p) => options.onProgress?.(instance, p));
      let live = read.users;
      // Emails only of the users whose stack compares them.
      const emailsOf = new Set(selected.filter((s) => namesManaged(s.identityManagementType)).flatMap((s) => s.users!.map((u) => u.username)));
      if (options.emails && emailsOf.size > 0) live = await withEmails(client, id, live, emailsOf, (p) => options.onProgress?.(instance, p));
      const byName = new Map(live.map((u) => [u.username, u]));
      const broken = group.filter((s) => !s.users).map((s) => s.id);
      const managed = new Set(group.flatMap((s) => (s.users ?? []).map((u) => u.username)));
      const ignore = new Set(options.ignoreUsers ?? []);
      const notManaged = broken.length > 0 ? undefined : unmanagedUsers(live, managed);
      const unmanaged = notManaged?.filter((u) => !ignore.has(u.username));
      const ignored = notManaged?.filter((u) => ignore.has(u.username));
      const shared: string[] = [];
      if (broken.length > 0) shared.push(`users in Connect that no file manages were not looked for: the user files of ${broken.join(', ')} on this instance have problems`);
      const overridden = [...ignore].filter((name) => managed.has(name));
      if (overridden.length > 0) shared.push(`ignored users that a file manages are compared all the same: ${overridden.join(', ')}`);
      for (const s of selected) {
        const names = namesManaged(s.identityManagementType);
        const emailsCompared = Boolean(options.emails) && names;
        const notes = [...read.warnings, ...(names ? (emailsCompared ? [] : [EMAILS_NOT_COMPARED]) : [DIRECTORY_NAMES]), ...shared];
        const drift = stackDrift(s.users!, byName, { emailsCompared, defaultTags: s.defaultTags, identityManagementType: s.identityManagementType });
        reports.set(s, { stack: s.id, instance: id, liveUsers: live.length, emailsCompared, ...drift, unmanaged, ignored, notes });
      }
    } catch (err) {
      if (!isAwsError(err)) throw err;
      failed(isCredentialsError(err) ? noCredentialsMessage(err) : describeError(err));
    }
  }
  return stacks.map((s) => reports.get(s)).filter((r): r is DriftReport => r !== undefined);
}

/** Adds the emails of the managed users (one DescribeUser each); a user deleted meanwhile is left out, so it shows as missing. */
async function withEmails(client: CommandSender, instanceId: string, live: readonly LiveUser[], managed: ReadonlySet<string>, onProgress: (p: ReadProgress) => void): Promise<LiveUser[]> {
  const out: LiveUser[] = [];
  const total = live.filter((u) => managed.has(u.username)).length;
  let done = 0;
  for (const u of live) {
    if (!managed.has(u.username)) {
      out.push(u);
      continue;
    }
    const emails = await readEmails(client, instanceId, u.userId);
    onProgress({ phase: 'emails', done: ++done, total });
    if (emails) out.push({ ...u, ...emails });
  }
  return out;
}

/** Whether a report shows drift: users missing from Connect, changed, or (unless allowed) not managed by any file. */
export function hasDrift(r: DriftReport, options: { allowUnmanaged?: boolean } = {}): boolean {
  return r.missing.length > 0 || r.changed.length > 0 || (!options.allowUnmanaged && (r.unmanaged?.length ?? 0) > 0);
}
