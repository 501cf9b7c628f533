import type { PhoneType, RawUser } from '../model';

/** A user field that a CSV column can fill. */
export type CsvField = Exclude<keyof RawUser, 'source' | 'hideValues'>;

/** What a cell turns into (`value: undefined` for a cell that is checked but not kept), or why it cannot. */
export type CellResult<T> = { value: T } | { code: string; message: string };

/**
 * How a cell's text is quoted in a message: `show`, or a placeholder when the
 * row may hold a password (see `RawUser.hideValues`).
 */
export type Quote = (value: string) => string;

export interface CsvColumn {
  /** The user field this column fills; `undefined` for a column that is accepted and not kept. */
  readonly field: CsvField | undefined;
  /**
   * Header names as people write them, the native name first (it names the
   * column in problems); matched case- and whitespace-insensitively.
   */
  readonly headers: readonly string[];
  /** Turns a non-empty, trimmed cell into the field's value; absent for a column whose cells are ignored. */
  readonly parse?: (cell: string, quote: Quote) => CellResult<unknown>;
  /**
   * The console's current template has two hierarchy columns ("agent hierarchy"
   * and "user_hierarchy_1|user_hierarchy_2"); either may hold the path. Columns
   * marked `shared` may appear together; a row must not give two different values.
   */
  readonly shared?: boolean;
}

const text = (cell: string): CellResult<string> => ({ value: cell.normalize('NFC') });

/**
 * Every column this project reads: the native names and the Amazon Connect
 * console's "Import users" templates. The console names come from the admin
 * guide, "Add users in bulk from a CSV file"
 * (https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html), in its
 * three versions: the newest ("Connect Customer" branding: adds `persistent connection`
 * and `audio enhancement(none/isolate voice/suppress noise)`, drops email, password,
 * auto-accept and ACW), the previous 16-column one, and the older 11-column one
 * (awsdocs/amazon-connect-admin-guide doc_source/user-management.md @ 9c43ca59);
 * see /work/notes/facts-issue8.md §2 for the quotes.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { field: 'username', headers: ['username', 'user login'], parse: text },
  { field: 'firstName', headers: ['firstName', 'first name'], parse: text },
  { field: 'lastName', headers: ['lastName', 'last name'], parse: text },
  { field: 'email', headers: ['email', 'email address'], parse: text },
  { field: 'secondaryEmail', headers: ['secondaryEmail', 'secondary email address'], parse: text },
  { field: 'password', headers: ['password'], parse: (cell) => ({ value: cell }) },
  { field: 'routingProfile', headers: ['routingProfile', 'routing profile name'], parse: text },
  {
    field: 'securityProfiles',
    headers: ['securityProfiles', 'security_profile_name_1|security_profile_name_2'],
    // An empty name (`Agent||QA`, `Agent|`) is dropped: it names no profile and changes nothing in the plan.
    parse: (cell) => ({ value: splitList(cell).filter((name) => name !== '') }),
  },
  {
    field: 'hierarchyPath',
    headers: ['hierarchyGroup', 'agent hierarchy', 'user_hierarchy_1|user_hierarchy_2'],
    // Empty segments are kept, so that the hierarchy-group-name rule refuses `EMEA||Sales`.
    parse: (cell) => ({ value: splitList(cell) }),
    shared: true,
  },
  { field: 'phoneType', headers: ['phoneType', 'phone type (soft/desk)'], parse: parsePhoneType },
  { field: 'deskPhoneNumber', headers: ['deskPhoneNumber', 'phone number'], parse: text },
  { field: 'autoAccept', headers: ['autoAccept', 'soft phone auto accept (yes/no)'], parse: parseYesNo },
  {
    field: 'afterContactWorkTimeLimit',
    headers: ['afterContactWorkTimeLimit', 'ACW timeout (seconds)'],
    parse: parseSeconds,
  },
  { field: 'tags', headers: ['tags'], parse: parseTags },
  { field: 'directoryUserId', headers: ['directoryUserId'], parse: text },
  // The console template has a mobile column; Connect ignores it, and so do we.
  { field: undefined, headers: ['mobile'] },
  // The newest console template's two new columns. The bulk-add page lists "persistent connection";
  // the persistent-connection page calls it "persistent connection (yes/no)": both are read.
  // hashicorp/aws's aws_connect_user has no argument for either (internal/service/connect/user.go:
  // phone_config holds only after_contact_work_time_limit, auto_accept, desk_phone_number,
  // phone_type), so only the default value can be honoured: anything else is refused.
  {
    field: undefined,
    headers: ['persistentConnection', 'persistent connection', 'persistent connection (yes/no)'],
    parse: parsePersistentConnection,
  },
  {
    field: undefined,
    headers: ['audioEnhancement', 'audio enhancement(none/isolate voice/suppress noise)'],
    parse: parseAudioEnhancement,
  },
];

/** The column's name in problems and in the README: its native name. */
export function columnName(column: CsvColumn): string {
  return column.headers[0];
}

/** Header as compared: lower case, no white space. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/\s/g, '');
}

const BY_KEY = new Map<string, CsvColumn>();
for (const column of CSV_COLUMNS) for (const h of column.headers) BY_KEY.set(headerKey(h), column);

export function columnFor(header: string): CsvColumn | undefined {
  return BY_KEY.get(headerKey(header));
}

/** Every accepted header name, for "did you mean" suggestions. */
export const KNOWN_HEADERS: readonly string[] = CSV_COLUMNS.flatMap((c) => c.headers);

/** Fields a CSV file must have a column for (it may still leave a cell empty, which the rules report). */
export const REQUIRED_FIELDS: readonly CsvField[] = ['username', 'routingProfile', 'securityProfiles', 'phoneType'];

/**
 * `A|B | C` -> `['A', 'B', 'C']`: the console's way of listing several values
 * in one cell. Empty entries are kept (`A||B` -> `['A', '', 'B']`) for the rules
 * to refuse where they matter; a blank string is the empty list.
 */
export function splitList(cell: string): string[] {
  if (cell.trim() === '') return [];
  return cell.split('|').map((s) => s.trim().normalize('NFC'));
}

function parsePhoneType(cell: string, quote: Quote): CellResult<PhoneType> {
  const v = cell.toLowerCase().replace(/[\s_-]/g, '');
  if (v === 'soft' || v === 'softphone') return { value: 'SOFT_PHONE' };
  if (v === 'desk' || v === 'deskphone') return { value: 'DESK_PHONE' };
  return { code: 'INVALID_PHONE_TYPE', message: `expected soft or desk, got ${quote(cell)}` };
}

function yesNo(cell: string): boolean | undefined {
  const v = cell.toLowerCase();
  if (v === 'yes' || v === 'true' || v === 'y') return true;
  if (v === 'no' || v === 'false' || v === 'n') return false;
  return undefined;
}

function parseYesNo(cell: string, quote: Quote): CellResult<boolean> {
  const value = yesNo(cell);
  if (value !== undefined) return { value };
  return { code: 'INVALID_YES_NO', message: `expected yes or no, got ${quote(cell)}` };
}

function parseSeconds(cell: string, quote: Quote): CellResult<number> {
  if (/^\d{1,15}$/.test(cell)) return { value: Number(cell) };
  return {
    code: 'INVALID_INTEGER',
    message: `expected whole seconds (0 to 2000000, 0 for no limit), got ${quote(cell)}`,
  };
}

/** Persistent connection: `no` (the console's default, per its persistent-connection page) is the only value we can honour. */
function parsePersistentConnection(cell: string, quote: Quote): CellResult<undefined> {
  const value = yesNo(cell);
  if (value === false) return { value: undefined };
  if (value === undefined) return { code: 'INVALID_YES_NO', message: `expected yes or no (persistent connection), got ${quote(cell)}` };
  return {
    code: 'PERSISTENT_CONNECTION_UNSUPPORTED',
    message: `persistent connection ${quote(cell)} cannot be set from a users file: Terraform's aws_connect_user has no setting for it. Leave the cell empty (or "no"), and turn persistent connection on for this user in the Connect console once the user exists`,
  };
}

/**
 * Audio enhancement: the header's own words (`none`, `isolate voice`, `suppress noise`), the
 * console's labels ("No enhancement", "Isolate Agent's Voice", "Suppress Background Noise") and
 * the API's `VoiceEnhancementMode` (`NONE`, `VOICE_ISOLATION`, `NOISE_SUPPRESSION`;
 * @aws-sdk/client-connect models/enums.d.ts) are read; only `none` can be honoured.
 */
const AUDIO_ENHANCEMENTS: Record<string, 'NONE' | 'VOICE_ISOLATION' | 'NOISE_SUPPRESSION'> = {
  none: 'NONE',
  noenhancement: 'NONE',
  isolatevoice: 'VOICE_ISOLATION',
  isolateagentsvoice: 'VOICE_ISOLATION',
  voiceisolation: 'VOICE_ISOLATION',
  suppressnoise: 'NOISE_SUPPRESSION',
  suppressbackgroundnoise: 'NOISE_SUPPRESSION',
  noisesuppression: 'NOISE_SUPPRESSION',
};

function parseAudioEnhancement(cell: string, quote: Quote): CellResult<undefined> {
  const mode = AUDIO_ENHANCEMENTS[cell.toLowerCase().replace(/[^a-z]/g, '')];
  if (mode === 'NONE') return { value: undefined };
  if (mode === undefined) {
    return { code: 'INVALID_AUDIO_ENHANCEMENT', message: `expected none, isolate voice or suppress noise, got ${quote(cell)}` };
  }
  return {
    code: 'AUDIO_ENHANCEMENT_UNSUPPORTED',
    message: `audio enhancement ${quote(cell)} cannot be set from a users file: Terraform's aws_connect_user has no setting for it. Leave the cell empty (or "none"), and choose the enhancement for this user in the Connect console once the user exists`,
  };
}

/** `team=sales|site:lisbon` -> `{ team: 'sales', site: 'lisbon' }`; `=` is tried before `:`. */
function parseTags(cell: string, quote: Quote): CellResult<Record<string, string>> {
  // A Map, not an object: a key such as "__proto__" must stay a plain key.
  const tags = new Map<string, string>();
  for (const pair of cell.split('|')) {
    if (pair.trim() === '') continue;
    const at = pair.includes('=') ? pair.indexOf('=') : pair.indexOf(':');
    const key = at < 0 ? '' : pair.slice(0, at).trim().normalize('NFC');
    if (key === '') {
      return {
        code: 'INVALID_TAG',
        message: `expected key=value (or key:value) pairs joined with "|", got ${quote(pair.trim())}`,
      };
    }
    if (tags.has(key)) {
      return { code: 'DUPLICATE_TAG', message: `tag key ${quote(key)} is given twice; keep one` };
    }
    tags.set(key, pair.slice(at + 1).trim().normalize('NFC'));
  }
  return { value: Object.fromEntries(tags) };
}
