/**
 * Reads the users of a Connect instance for adoption: a users file in this
 * project's format (no passwords) plus the ids to import. Lossless by default:
 * SearchUsers gives every field but the emails, and one DescribeUser per user
 * adds those (checkpointed, so an interrupted export resumes). Calls, for N
 * users, R routing and S security profiles, H hierarchy groups (G used):
 *
 *   lossless:         ⌈N/100⌉ SearchUsers + N DescribeUser + ⌈R/100⌉ + ⌈S/100⌉ + h
 *   --without-emails: ⌈N/100⌉ SearchUsers                  + ⌈R/100⌉ + ⌈S/100⌉ + h
 *   before (ListUsers + DescribeUser each):
 *                     ⌈N/100⌉ ListUsers   + N DescribeUser + ⌈R/100⌉ + ⌈S/100⌉ + G
 *
 * with h ≤ min(⌈H/100⌉, 1 + G) (see `readHierarchyPaths`): the lossless
 * export costs no more than before (h ≤ G whenever the first page of groups
 * holds one that users have, or H ≤ 100·G), at 2 calls/s ≈ N/120 minutes.
 */
import { EMAIL_NOT_EXPORTED } from '../model';
import { csvLine } from '../csv-write';
import { compareText } from '../problems';
import type { CommandSender } from '../connect/client';
import { readEmails, readInstanceUsers, type Emails, type LiveUser, type ReadProgress } from '../connect/read-instance';

export type ExportedUser = LiveUser;

/** What `--without-emails` writes in the email columns (see `EMAIL_NOT_EXPORTED` in src/model.ts). */
export const KEEP_EMAIL = EMAIL_NOT_EXPORTED;

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
   * Leave the emails out (no DescribeUser): ~1% of the calls. The CSV says
   * `keep` in both email columns; see `KEEP_EMAIL`.
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
  /** Sorted by username. */
  readonly users: ExportedUser[];
  /** Whether the emails were read (false with `withoutEmails`). */
  readonly emails: boolean;
  /** Things the file cannot say exactly (e.g. a name with "|"), users deleted meanwhile: shown to the admin. */
  readonly warnings: string[];
}

export async function exportUsers(options: ExportOptions): Promise<ExportResult> {
  const { client, instanceId } = options;
  const progress = options.onProgress ?? (() => undefined);
  const read = await readInstanceUsers(client, instanceId, progress);
  const warnings = [...read.warnings];
  if (options.withoutEmails) {
    const users = read.users.map((u) => ({ ...u, email: KEEP_EMAIL, secondaryEmail: KEEP_EMAIL }));
    for (const u of users) warnings.push(...lossy(u));
    return { users, emails: false, warnings };
  }

  const emails: Record<string, Emails> = { ...(options.resumeFrom?.instanceId === instanceId ? options.resumeFrom.emails : {}) };
  const save = () => options.saveCheckpoint?.({ instanceId, emails });
  const every = options.checkpointEvery ?? 25;
  let sinceSave = 0;
  const users: ExportedUser[] = [];
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
  for (const u of users) warnings.push(...lossy(u));
  return { users, emails: true, warnings };
}

/**
 * Values the CSV cannot hold exactly ("|" separates list items, "=" and ":"
 * separate tag keys, cells are trimmed), and values a spreadsheet would run as a formula when an
 * admin opens the file (a cell starting with = + - @; desk phone numbers, which
 * start with +, are fine: they are checked as E.164).
 */
function lossy(u: ExportedUser): string[] {
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
  /** Only when the emails were left out (`--without-emails`): what that means and what to do. */
  readonly emails?: string;
  readonly imports: { username: string; id: string }[];
}

/** Said in the imports file and by the command when the emails were left out. */
export const WITHOUT_EMAILS_NOTE =
  `not exported (--without-emails): the CSV says "${KEEP_EMAIL}" in the email columns, which validate refuses (EMAIL_NOT_EXPORTED), ` +
  'so these users cannot be planned as they are. Adopting them without their emails would make the first apply clear every email in Connect. ' +
  'Before adopting, run the export again without --without-emails (one DescribeUser per user), or write each user\'s emails in place of "keep".';

export function importsFile(instanceId: string, users: readonly ExportedUser[], options: { emails?: boolean } = {}): ImportsFile {
  return {
    instanceId,
    ...(options.emails === false && { emails: WITHOUT_EMAILS_NOTE }),
    imports: users.map((u) => ({ username: u.username, id: `${instanceId}:${u.userId}` })),
  };
}
