import type { PhoneType, RawUser } from '../model';
import { show } from '../problems';

/** A user field that a CSV column can fill. */
export type CsvField = Exclude<keyof RawUser, 'source'>;

/** What a cell turns into, or why it cannot. */
export type CellResult<T> = { value: T } | { code: string; message: string };

export interface CsvColumn {
  /** The user field this column fills; `undefined` for a column that is accepted and ignored. */
  readonly field: CsvField | undefined;
  /** Header names as people write them (native name first); matched case- and whitespace-insensitively. */
  readonly headers: readonly string[];
  /** Turns a non-empty, trimmed cell into the field's value. */
  readonly parse?: (cell: string) => CellResult<unknown>;
  /**
   * The console's current template has two hierarchy columns ("agent hierarchy"
   * and "user_hierarchy_1|user_hierarchy_2"); either may hold the path. Columns
   * marked `shared` may appear together; a row must not give two different values.
   */
  readonly shared?: boolean;
}

const text = (cell: string): CellResult<string> => ({ value: cell.normalize('NFC') });
const list = (cell: string): CellResult<string[]> => ({ value: splitList(cell) });

/**
 * Every column this project reads: the native names and the Amazon Connect
 * console's "Import users" template (current and older, SAML variants included).
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
    parse: list,
  },
  {
    field: 'hierarchyPath',
    headers: ['hierarchyGroup', 'agent hierarchy', 'user_hierarchy_1|user_hierarchy_2'],
    parse: list,
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
];

/** Header as compared: lower case, no white space. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/\s+/g, '');
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

/** `A|B | C` -> `['A', 'B', 'C']`: the console's way of listing several values in one cell. */
export function splitList(cell: string): string[] {
  return cell
    .split('|')
    .map((s) => s.trim().normalize('NFC'))
    .filter((s) => s !== '');
}

function parsePhoneType(cell: string): CellResult<PhoneType> {
  const v = cell.toLowerCase().replace(/[\s_-]+/g, '');
  if (v === 'soft' || v === 'softphone') return { value: 'SOFT_PHONE' };
  if (v === 'desk' || v === 'deskphone') return { value: 'DESK_PHONE' };
  return { code: 'INVALID_PHONE_TYPE', message: `expected soft or desk, got ${show(cell)}` };
}

function parseYesNo(cell: string): CellResult<boolean> {
  const v = cell.toLowerCase();
  if (v === 'yes' || v === 'true' || v === 'y') return { value: true };
  if (v === 'no' || v === 'false' || v === 'n') return { value: false };
  return { code: 'INVALID_YES_NO', message: `expected yes or no, got ${show(cell)}` };
}

function parseSeconds(cell: string): CellResult<number> {
  if (/^\d{1,15}$/.test(cell)) return { value: Number(cell) };
  return {
    code: 'INVALID_INTEGER',
    message: `expected whole seconds (0 to 2000000, 0 for no limit), got ${show(cell)}`,
  };
}

/** `team=sales|site:lisbon` -> `{ team: 'sales', site: 'lisbon' }`; `=` is tried before `:`. */
function parseTags(cell: string): CellResult<Record<string, string>> {
  // A Map, not an object: a key such as "__proto__" must stay a plain key.
  const tags = new Map<string, string>();
  for (const pair of cell.split('|')) {
    if (pair.trim() === '') continue;
    const at = pair.includes('=') ? pair.indexOf('=') : pair.indexOf(':');
    const key = at < 0 ? '' : pair.slice(0, at).trim().normalize('NFC');
    if (key === '') {
      return {
        code: 'INVALID_TAG',
        message: `expected key=value (or key:value) pairs joined with "|", got ${show(pair.trim())}`,
      };
    }
    if (tags.has(key)) {
      return { code: 'DUPLICATE_TAG', message: `tag key ${show(key)} is given twice; keep one` };
    }
    tags.set(key, pair.slice(at + 1).trim().normalize('NFC'));
  }
  return { value: Object.fromEntries(tags) };
}
