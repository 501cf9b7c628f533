/**
 * What changes between two sets of users (e.g. the base branch and the working
 * tree): pure, no I/O. Drives the deletion guard and the change report.
 */
import type { User } from '../model';
import { parsePasswordSource } from '../passwords';
import { compareText } from '../problems';

export interface FieldChange {
  readonly field: string;
  /** Display values; passwords are never shown (see `passwordLabel`). */
  readonly before: string;
  readonly after: string;
  /** For a set (security profiles, tags as `key=value`): what the change adds, and what it takes away. */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
  /** What the change means, when that is not obvious (a password source changes nothing for an existing user). */
  readonly note?: string;
}

/**
 * Tags as `key=value` items sorted by key: how every report and the export
 * write them (joined with ", " in reports, "|" in a CSV cell).
 */
export function tagPairs(tags: Readonly<Record<string, string>>): string[] {
  return Object.keys(tags)
    .sort(compareText)
    .map((k) => `${k}=${tags[k]}`);
}

/** Fields that are sets: their changes are shown as `+Admin`, `-Agent`. */
const SET_FIELDS: Record<string, (u: User) => string[]> = {
  securityProfiles: (u) => [...u.securityProfiles].sort(compareText),
  tags: (u) => tagPairs(u.tags),
};

/**
 * Connect uses the password only when it creates a user, and the users
 * resource ignores later changes (`ignore_changes = ["password"]`).
 */
export const PASSWORD_NOTE = 'no effect on an existing user: Connect uses the password only when it creates the user';

export interface UserChange {
  readonly username: string;
  readonly fields: readonly FieldChange[];
  readonly user: User;
}

export interface Rename {
  readonly from: User;
  readonly to: User;
  /** Why the two are taken for one person. */
  readonly by: 'email' | 'name';
}

export interface UsersDiff {
  readonly added: readonly User[];
  /** Removed for good: Connect deletes them. */
  readonly removed: readonly User[];
  /** A username change: in Connect a delete and a create; the user loses its history. */
  readonly renamed: readonly Rename[];
  readonly changed: readonly UserChange[];
  readonly unchanged: number;
}

/** The fields compared, in report order, each with how it is displayed. */
export const COMPARED_FIELDS: readonly [string, (u: User) => string][] = [
  ['firstName', (u) => u.firstName ?? ''],
  ['lastName', (u) => u.lastName ?? ''],
  ['email', (u) => u.email ?? ''],
  ['secondaryEmail', (u) => u.secondaryEmail ?? ''],
  ['routingProfile', (u) => u.routingProfile],
  ['securityProfiles', (u) => SET_FIELDS.securityProfiles(u).join(', ')],
  ['hierarchyGroup', (u) => u.hierarchyPath.join('|')],
  ['phoneType', (u) => u.phoneType],
  ['deskPhoneNumber', (u) => u.deskPhoneNumber ?? ''],
  ['autoAccept', (u) => (u.autoAccept ? 'yes' : 'no')],
  ['afterContactWorkTimeLimit', (u) => String(u.afterContactWorkTimeLimit)],
  ['tags', (u) => SET_FIELDS.tags(u).join(', ')],
  ['directoryUserId', (u) => u.directoryUserId ?? ''],
  ['password', (u) => passwordLabel(u.password)],
];

/**
 * How a password source is shown: the reference for `ssm:`/`secretsmanager:`
 * (names, not secrets), `generate`, `default`, or just `plaintext`: the value
 * is never shown, not even hashed.
 */
export function passwordLabel(cell: string | undefined): string {
  if (!cell) return 'default';
  const source = parsePasswordSource(cell);
  switch (source.kind) {
    case 'generate':
    case 'none':
      return source.kind;
    case 'ssm':
      return `ssm:${source.name}`;
    case 'secretsmanager':
      return `secretsmanager:${source.secretId}${source.jsonKey === undefined ? '' : `#${source.jsonKey}`}`;
    default:
      return 'plaintext';
  }
}

export function diffUsers(before: readonly User[], after: readonly User[]): UsersDiff {
  const beforeBy = new Map(before.map((u) => [u.username, u]));
  const afterBy = new Map(after.map((u) => [u.username, u]));
  const removedAll = before.filter((u) => !afterBy.has(u.username));
  const addedAll = after.filter((u) => !beforeBy.has(u.username));
  const renamed = matchRenames(removedAll, addedAll);
  const renamedFrom = new Set(renamed.map((r) => r.from));
  const renamedTo = new Set(renamed.map((r) => r.to));
  const changed: UserChange[] = [];
  let unchanged = 0;
  for (const u of after) {
    const old = beforeBy.get(u.username);
    if (!old) continue;
    const fields = fieldChanges(old, u);
    if (fields.length > 0) changed.push({ username: u.username, fields, user: u });
    else unchanged++;
  }
  return {
    added: addedAll.filter((u) => !renamedTo.has(u)),
    removed: removedAll.filter((u) => !renamedFrom.has(u)),
    renamed,
    changed,
    unchanged,
  };
}

export function fieldChanges(before: User, after: User): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, show] of COMPARED_FIELDS) {
    const a = show(before);
    const b = show(after);
    const set = SET_FIELDS[field];
    if (a !== b && set) {
      const was = new Set(set(before));
      const is = new Set(set(after));
      changes.push({ field, before: a, after: b, added: [...is].filter((x) => !was.has(x)), removed: [...was].filter((x) => !is.has(x)) });
    } else if (a !== b) changes.push({ field, before: a, after: b, ...(field === 'password' && { note: PASSWORD_NOTE }) });
    // Two different plaintext passwords display alike: say it changed, show neither.
    else if (field === 'password' && a === 'plaintext' && before.password !== after.password) {
      changes.push({ field, before: a, after: 'plaintext (changed)', note: PASSWORD_NOTE });
    }
  }
  return changes;
}

/** How a field change reads: `Sales -> Support`, or `+Admin, -Agent` for a set. */
export function describeChange(f: FieldChange, arrow = '->', none = '(none)'): string {
  if (f.added || f.removed) return [...(f.added ?? []).map((x) => `+${x}`), ...(f.removed ?? []).map((x) => `-${x}`)].join(', ');
  return `${f.before || none} ${arrow} ${f.after || none}${f.note ? ` (${f.note})` : ''}`;
}

/**
 * Pairs a removed user with an added one when they are evidently the same
 * person: the same email (ignoring case), or else the same first and last name
 * (each unique on both sides). Each user is paired at most once.
 */
function matchRenames(removed: readonly User[], added: readonly User[]): Rename[] {
  const renames: Rename[] = [];
  const taken = new Set<User>();
  const byEmail = uniqueIndex(added, (u) => u.email?.toLowerCase());
  const byName = uniqueIndex(added, nameKey);
  const removedByName = uniqueIndex(removed, nameKey);
  for (const from of removed) {
    const email = from.email?.toLowerCase();
    let to = email ? byEmail.get(email) : undefined;
    let by: Rename['by'] = 'email';
    if (!to || taken.has(to)) {
      const key = nameKey(from);
      to = key && removedByName.get(key) === from ? byName.get(key) : undefined;
      by = 'name';
    }
    if (to && !taken.has(to)) {
      taken.add(to);
      renames.push({ from, to, by });
    }
  }
  return renames;
}

function nameKey(u: User): string | undefined {
  return u.firstName && u.lastName ? `${u.firstName}\u0000${u.lastName}` : undefined;
}

/** key -> the one user with that key, or null when users share it (no match then). */
function uniqueIndex(users: readonly User[], key: (u: User) => string | undefined): Map<string, User | null> {
  const index = new Map<string, User | null>();
  for (const u of users) {
    const k = key(u);
    // Stryker disable next-line ConditionalExpression: no user is ever looked up by an undefined key (both callers check the key first).
    if (k === undefined) continue;
    index.set(k, index.has(k) ? null : u);
  }
  return index;
}

