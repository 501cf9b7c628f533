/**
 * What differs between the users in Connect and the user files, field by
 * field, as a plan would see it: pure, no I/O. Each field is compared the way
 * the AWS provider compares it, so that "no drift" means "a refresh finds
 * nothing to change":
 * - tags: the stack's `defaultTags` are part of what Connect should have (the
 *   provider merges default_tags into every user's tags), and `aws:` tags are
 *   left out (the provider ignores them);
 * - the hierarchy group by its name (the last element of the path), since the
 *   stack looks groups up by name; both paths are shown;
 * - the desk phone number only for desk phones (the provider suppresses it
 *   otherwise), the directory user id only when the files give one;
 * - emails only when they were read (`--emails`) and the file does not say
 *   `keep`; passwords never (Connect does not return them);
 * - names and emails not at all on EXISTING_DIRECTORY: there the stack
 *   ignores changes to `identity_info` once a user exists (`identityInfoIgnored`
 *   in src/synth/connect-users-stack.ts), and the directory owns them.
 */
import type { LiveUser } from '../connect/read-instance';
import { EMAIL_NOT_EXPORTED, type IdentityManagementType, type User } from '../model';
import { compareText } from '../problems';
import { tagPairs } from '../review/compare';

export interface DriftOptions {
  /** Whether the live users' emails were read (DescribeUser): only then are emails compared. */
  readonly emailsCompared: boolean;
  /** The stack's default tags (the provider's default_tags). @default {} */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /**
   * The stack's identity management type: on EXISTING_DIRECTORY, names and emails are not compared.
   * @default 'CONNECT_MANAGED'
   */
  readonly identityManagementType?: IdentityManagementType;
}

/** Whether the stack manages its users' names and emails after creating them (not on EXISTING_DIRECTORY, see the top). */
export function namesManaged(type: IdentityManagementType | undefined): boolean {
  return type !== 'EXISTING_DIRECTORY';
}

export interface FieldDrift {
  readonly field: string;
  /** What Connect has. */
  readonly connect: string;
  /** What the files say: what the next apply sets. */
  readonly files: string;
}

export interface UserDrift {
  readonly user: User;
  readonly userId: string;
  readonly fields: readonly FieldDrift[];
}

export interface StackDrift {
  /** In the files, not in Connect (by exact username): the next apply creates them. */
  readonly missing: readonly User[];
  /** In both, with differences. */
  readonly changed: readonly UserDrift[];
  readonly unchanged: number;
}

const tagText = (tags: Readonly<Record<string, string>>) => tagPairs(tags).join(', ');

const last = (path: readonly string[]) => path[path.length - 1] ?? '';

/** The fields of one user that differ. */
function fields(live: LiveUser, user: User, options: DriftOptions): FieldDrift[] {
  const out: FieldDrift[] = [];
  const compare = (field: string, connect: string, files: string, same = connect === files) => {
    if (!same) out.push({ field, connect, files });
  };
  const names = namesManaged(options.identityManagementType);
  if (names) {
    compare('firstName', live.firstName ?? '', user.firstName ?? '');
    compare('lastName', live.lastName ?? '', user.lastName ?? '');
  }
  if (names && options.emailsCompared) {
    if (user.email !== EMAIL_NOT_EXPORTED) compare('email', live.email ?? '', user.email ?? '');
    if (user.secondaryEmail !== EMAIL_NOT_EXPORTED) compare('secondaryEmail', live.secondaryEmail ?? '', user.secondaryEmail ?? '');
  }
  compare('routingProfile', live.routingProfile, user.routingProfile);
  compare('securityProfiles', [...live.securityProfiles].sort(compareText).join(', '), [...user.securityProfiles].sort(compareText).join(', '));
  compare('hierarchyGroup', live.hierarchyPath.join('|'), user.hierarchyPath.join('|'), last(live.hierarchyPath) === last(user.hierarchyPath));
  compare('phoneType', live.phoneType, user.phoneType);
  if (user.phoneType === 'DESK_PHONE') compare('deskPhoneNumber', live.deskPhoneNumber ?? '', user.deskPhoneNumber ?? '');
  compare('autoAccept', live.autoAccept ? 'yes' : 'no', user.autoAccept ? 'yes' : 'no');
  compare('afterContactWorkTimeLimit', String(live.afterContactWorkTimeLimit), String(user.afterContactWorkTimeLimit));
  const liveTags = Object.fromEntries(Object.entries(live.tags).filter(([k]) => !k.startsWith('aws:')));
  compare('tags', tagText(liveTags), tagText({ ...options.defaultTags, ...user.tags }));
  if (user.directoryUserId !== undefined) compare('directoryUserId', live.directoryUserId ?? '', user.directoryUserId);
  return out;
}

/** The drift of one stack's users against the live users of its instance (username -> user). */
export function stackDrift(files: readonly User[], live: ReadonlyMap<string, LiveUser>, options: DriftOptions): StackDrift {
  const missing: User[] = [];
  const changed: UserDrift[] = [];
  let unchanged = 0;
  for (const user of files) {
    const found = live.get(user.username);
    if (!found) {
      missing.push(user);
      continue;
    }
    const drift = fields(found, user, options);
    if (drift.length > 0) changed.push({ user, userId: found.userId, fields: drift });
    else unchanged++;
  }
  return { missing, changed, unchanged };
}

/** Live users that no stack on the instance manages (`managed`: the usernames of all of them). */
export function unmanagedUsers(live: readonly LiveUser[], managed: ReadonlySet<string>): LiveUser[] {
  return live.filter((u) => !managed.has(u.username));
}

/** For a username missing from Connect: the live username that differs only in case, if any. */
export function caseTwin(username: string, live: readonly LiveUser[]): string | undefined {
  const lower = username.toLowerCase();
  return live.find((u) => u.username !== username && u.username.toLowerCase() === lower)?.username;
}
