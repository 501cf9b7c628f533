/**
 * Reads the users of a Connect instance for adoption: a users file in this
 * project's format (no passwords) plus the ids to import. Lossless by default:
 * SearchUsers gives every field but the emails, and one DescribeUser per user
 * adds those (checkpointed, so an interrupted export resumes). The file is
 * written for the instance's identity management type (DescribeInstance, or
 * given), so that it passes `validate` with that type. Calls, for N users,
 * R routing and S security profiles, H hierarchy groups (G used):
 *
 *   lossless:         1 + ⌈N/100⌉ SearchUsers + N DescribeUser + ⌈R/100⌉ + ⌈S/100⌉ + h
 *   --without-emails: 1 + ⌈N/100⌉ SearchUsers                  + ⌈R/100⌉ + ⌈S/100⌉ + h
 *   before (ListUsers + DescribeUser each):
 *                         ⌈N/100⌉ ListUsers   + N DescribeUser + ⌈R/100⌉ + ⌈S/100⌉ + G
 *
 * with 1 the DescribeInstance (none when the type is given) and
 * h ≤ min(⌈H/100⌉, 1 + G) (see `readHierarchyPaths`): the lossless export
 * costs no more than before whenever 1 + h ≤ G (h is 1 when the first page of
 * groups holds those users have: 10,104 of 10,118 calls for the 10,000 users
 * of BENCHMARKS.md), at 2 calls/s ≈ N/120 minutes.
 */
import { EMAIL_NOT_EXPORTED, type IdentityManagementType } from '../model';
import { csvLine } from '../csv-write';
import type { CommandSender } from '../connect/client';
import { readEmails, readIdentityManagementType, readInstanceUsers, type Emails, type LiveUser, type ReadProgress } from '../connect/read-instance';
import { tagPairs } from '../review/compare';
import { ExportUsageError } from './files';

/** What an interrupted export keeps, to go on from where it stopped. */
export interface Checkpoint {
  readonly instanceId: string;
  /** user id -> the emails DescribeUser returned. */
  readonly emails: Record<string, Emails>;
}

export type ExportProgress = ReadProgress;

export interface ExportOptions {
  /** A paced sender (see `pacedSender`). */
  readonly client: CommandSender;
  readonly instanceId: string;
  /**
   * The instance's identity management type: what the file may hold.
   * @default - asked from Connect (one DescribeInstance call)
   */
  readonly identityManagementType?: IdentityManagementType;
  /**
   * Leave the emails out (no DescribeUser): ~1% of the calls. The CSV says
   * `keep` (`EMAIL_NOT_EXPORTED`) in the email columns.
   * @default false
   */
  readonly withoutEmails?: boolean;
  /** A previous, interrupted export; ignored when it is of another instance. */
  readonly resumeFrom?: Checkpoint;
  /** Called every `checkpointEvery` users described, and at the end. */
  readonly saveCheckpoint?: (checkpoint: Checkpoint) => void;
  /** @default 25 */
  readonly checkpointEvery?: number;
  readonly onProgress?: (progress: ExportProgress) => void;
}

export interface ExportResult {
  /** Sorted by username, as the file holds them (see `forIdentityType`). */
  readonly users: LiveUser[];
  /** The instance's, as given or as Connect said: `exportedCsv` writes the file for it. */
  readonly identityManagementType: IdentityManagementType;
  /** Whether the emails were read (false with `withoutEmails`). */
  readonly emails: boolean;
  /** Things the file cannot say exactly (e.g. a name with "|"), users deleted meanwhile: shown to the admin. */
  readonly warnings: string[];
}

export async function exportUsers(options: ExportOptions): Promise<ExportResult> {
  const { client, instanceId } = options;
  const progress = options.onProgress ?? (() => undefined);
  const type = options.identityManagementType ?? (await askIdentityManagementType(client, instanceId));
  if (!type) throw new ExportUsageError(`Connect did not say the identity management type of instance ${instanceId}: give it with --identity-management`);
  const read = await readInstanceUsers(client, instanceId, progress);
  const warnings = [...read.warnings];
  const finish = (users: LiveUser[], emails: boolean): ExportResult => {
    const out = users.map((u) => forIdentityType(u, type, warnings));
    for (const u of out) warnings.push(...lossy(u));
    return { users: out, identityManagementType: type, emails, warnings };
  };
  if (options.withoutEmails) {
    return finish(
      read.users.map((u) => ({ ...u, email: EMAIL_NOT_EXPORTED, secondaryEmail: EMAIL_NOT_EXPORTED })),
      false,
    );
  }

  const emails: Record<string, Emails> = { ...(options.resumeFrom?.instanceId === instanceId ? options.resumeFrom.emails : {}) };
  const save = () => options.saveCheckpoint?.({ instanceId, emails });
  const every = options.checkpointEvery ?? 25;
  let sinceSave = 0;
  const users: LiveUser[] = [];
  for (const u of read.users) {
    if (!Object.hasOwn(emails, u.userId)) {
      const found = await readEmails(client, instanceId, u.userId);
      if (!found) {
        warnings.push(`${u.username}: deleted from Connect while the export ran; left out`);
        continue;
      }
      emails[u.userId] = found;
      if (++sinceSave >= every) {
        save();
        sinceSave = 0;
      }
    }
    users.push({ ...u, ...emails[u.userId] });
    progress({ phase: 'emails', done: users.length, total: read.users.length });
  }
  save();
  return finish(users, true);
}

/** DescribeInstance; when it is denied, the error says how to do without it. */
async function askIdentityManagementType(client: CommandSender, instanceId: string): Promise<IdentityManagementType | undefined> {
  try {
    return await readIdentityManagementType(client, instanceId);
  } catch (err) {
    if ((err as Error).name === 'AccessDeniedException') {
      (err as Error).message = `${(err as Error).message} (DescribeInstance: allow connect:DescribeInstance, or give the type with --identity-management)`;
    }
    throw err;
  }
}

/**
 * The user as a file for this identity type may hold it (the rules of
 * src/validate/rules), so that the export passes `validate`:
 * - SAML: no primary email (EMAIL_NOT_ALLOWED: the UserIdentityInfo API
 *   reference says sending one under SAML is an error, and the admin guide's
 *   SAML users have none). One that Connect returns anyway is left out with a
 *   warning: the file cannot hold it, and the first plan shows it going.
 *   Without the emails read, the cell is empty rather than `keep`.
 * - CONNECT_MANAGED and SAML: no directory user id
 *   (DIRECTORY_USER_ID_NOT_ALLOWED); the provider's `directory_user_id` may be
 *   null (its Read keeps what Connect has).
 */
function forIdentityType(u: LiveUser, type: IdentityManagementType, warnings: string[]): LiveUser {
  let out = u;
  if (type === 'SAML' && u.email !== undefined) {
    if (u.email !== EMAIL_NOT_EXPORTED) {
      warnings.push(
        `${u.username}: Connect has a primary email for this user, which a SAML instance does not take: left out of the file (the first plan shows it removed); to keep it, write it as the secondaryEmail`,
      );
    }
    out = { ...out, email: undefined };
  }
  if (type !== 'EXISTING_DIRECTORY' && u.directoryUserId !== undefined) out = { ...out, directoryUserId: undefined };
  return out;
}

/**
 * Values the CSV cannot hold exactly ("|" separates list items, "=" and ":"
 * separate tag keys, cells are trimmed), and values a spreadsheet would run as a formula when an
 * admin opens the file (a cell starting with = + - @; desk phone numbers, which
 * start with +, are fine: they are checked as E.164).
 */
function lossy(u: LiveUser): string[] {
  const out: string[] = [];
  const cells = [u.username, u.firstName, u.lastName, u.email, u.secondaryEmail, u.routingProfile, ...u.securityProfiles, ...u.hierarchyPath, ...Object.keys(u.tags), ...Object.values(u.tags)];
  if (cells.some((c) => c !== undefined && /^[=+\-@]/.test(c))) {
    out.push(`${u.username}: a value starts with = + - or @; a spreadsheet may run it as a formula, so check the row before opening the file in one`);
  }
  if (cells.some((c) => c !== undefined && c.trim() !== c)) out.push(`${u.username}: a value starts or ends with white space, which reading the CSV trims; check the row`);
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
 * The users as a CSV with the native header, for an instance of this identity
 * type. Passwords cannot be read (and do not belong in git): on
 * CONNECT_MANAGED the password column says `none` (these users exist, so none
 * is sent, and none is generated for them); SAML and EXISTING_DIRECTORY take
 * no password at all (PASSWORD_NOT_ALLOWED), so the cell is empty there.
 */
export function exportedCsv(users: readonly LiveUser[], identityManagementType: IdentityManagementType): string {
  const password = identityManagementType === 'CONNECT_MANAGED' ? 'none' : '';
  const rows = users.map((u) =>
    csvLine([
      u.username,
      password,
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
      tagPairs(u.tags).join('|'),
      u.directoryUserId ?? '',
    ]),
  );
  return `${[csvLine(EXPORT_HEADER), ...rows].join('\n')}\n`;
}

/** The ids Terraform imports the users from (`instance_id:user_id`), read by the stack from `*.imports.json` in the users folder. */
export interface ImportsFile {
  readonly instanceId: string;
  /** Only when the emails were left out (`--without-emails`): what that means and what to do. */
  readonly emails?: string;
  readonly imports: { username: string; id: string }[];
}

/** Said in the imports file and by the command when the emails were left out. */
export const WITHOUT_EMAILS_NOTE =
  `not exported (--without-emails): the CSV says "${EMAIL_NOT_EXPORTED}" in the email columns, which validate refuses (EMAIL_NOT_EXPORTED), ` +
  'so these users cannot be planned as they are. Adopting them without their emails would make the first apply clear every email in Connect. ' +
  'Before adopting, run the export again without --without-emails (one DescribeUser per user), or write each user\'s emails in place of "keep".';

export function importsFile(instanceId: string, users: readonly LiveUser[], options: { emails?: boolean } = {}): ImportsFile {
  return {
    instanceId,
    ...(options.emails === false && { emails: WITHOUT_EMAILS_NOTE }),
    imports: users.map((u) => ({ username: u.username, id: `${instanceId}:${u.userId}` })),
  };
}
