/**
 * Property (fast-check): the same users written as a CSV (native header) and
 * as a TypeScript file give the same users and the same problems (code and
 * field; lines may differ), through `loadUsersFolder` and `validateUsers`.
 *
 * Each run writes a batch of user sets, one file per set in each format, so a
 * run costs one TypeScript loader child whatever its size.
 *
 * The CSV is written as people and spreadsheets write it: a cell without
 * quotes whenever the CSV allows it (csv-parse then trims the white space
 * around it, as the TypeScript loader trims a text), in quotes when it holds
 * a comma, a quote or a line break, with the spaces and tabs around the value
 * outside the quotes (where csv-parse trims them too). A password keeps its
 * white space in both formats: its cell is quoted when it has some.
 *
 * The data is what both formats can say: list items without "|", tag keys
 * without "=" or "|" and not blank, no NUL (a CSV with one is refused as a
 * whole: NUL_BYTE), no row of blank cells (a blank line to a CSV), and a
 * value that must be quoted has only spaces and tabs around it: a quoted cell
 * keeps whatever else is around its value (a line break, a no-break space;
 * csv-parse 7.0.3 also refuses those after a closing quote), where TypeScript
 * trims it. Everything else goes: accents in both Unicode forms, control
 * characters, quotes, commas, line breaks, white space around values (spaces,
 * tabs, no-break, ideographic and zero-width no-break spaces, the line
 * separator), `__proto__` as a tag key, duplicate usernames and tags, values
 * out of range.
 */
import fc from 'fast-check';
import * as path from 'node:path';
import { loadUsersFolder } from '../../src/load/folder';
import type { RawUser, User } from '../../src/model';
import { compareText, type Problem } from '../../src/problems';
import { validateUsers } from '../../src/validate';
import { tempFolder } from '../helpers';

interface Input {
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  secondaryEmail?: string;
  password?: string;
  routingProfile?: string;
  securityProfiles?: string[];
  hierarchyGroup?: string;
  phoneType?: 'SOFT_PHONE' | 'DESK_PHONE';
  deskPhoneNumber?: string;
  autoAccept?: boolean;
  afterContactWorkTimeLimit?: number;
  tags?: [string, string][];
  directoryUserId?: string;
}

const HEADER = ['username', 'firstName', 'lastName', 'email', 'secondaryEmail', 'password', 'routingProfile', 'securityProfiles', 'hierarchyGroup', 'phoneType', 'deskPhoneNumber', 'autoAccept', 'afterContactWorkTimeLimit', 'tags', 'directoryUserId'] as const;

/** Pieces of text chosen for what they do to loaders: both forms of é, Å as a sign, white space, controls, CSV syntax. */
const PIECES = ['a', 'Z', '7', '.', '@', '-', '_', ' ', '\u00a0', '\t', 'é', 'e\u0301', '\u212b', '\ufb01', '"', ',', '\n', '\r', '\u0007', '\u001b', '\u007f', '\u0085', ':', '+', '$', '{'];
/** White space that both csv-parse (trim) and String.prototype.trim remove around a value. */
const SPACES = [' ', '\t', '\u00a0', '\u3000', '\u2028', '\ufeff'];
const space = fc.string({ unit: fc.constantFrom(...SPACES), maxLength: 2 });
/** Whether a CSV cell must be quoted to hold `value`. */
const mustQuote = (value: string) => /[",\r\n]/.test(value);
/** Trims spaces and tabs only: what may stand outside a quoted cell's quotes. */
const trimSpacesAndTabs = (value: string) => value.replace(/^[ \t]+|[ \t]+$/g, '');
/** Some text, often with white space around it; when it must be quoted, only spaces and tabs (see above). */
const text = (extra: string[] = [], maxLength = 8) =>
  fc
    .tuple(space, fc.string({ unit: fc.constantFrom(...PIECES, ...extra), maxLength }), space)
    .map(([before, value, after]) => before + value + after)
    .filter((v) => !mustQuote(v) || trimSpacesAndTabs(v) === v.trim());
const listItem = text();
const tagKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'team', ' team', 'aws:x'),
  text().filter((k) => k.trim() !== '' && !k.includes('=') && !k.includes('|')),
);
const tagValue = text(['=']);

/** The text of a user's cell in `column` (the i-th row; autoAccept's "yes" is written in several ways). */
function cell(u: Input, column: (typeof HEADER)[number], i: number, yes: readonly string[]): string {
  const v = u[column];
  if (v === undefined) return '';
  if (column === 'securityProfiles') return (v as string[]).join('|');
  if (column === 'tags') return (v as [string, string][]).map(([k, val]) => `${k}=${val}`).join('|');
  if (column === 'autoAccept') return v ? yes[i % yes.length] : 'no';
  return String(v);
}

// A user whose cells are all blank is a blank row in a CSV (skipped, as Excel writes them), not a user.
const input: fc.Arbitrary<Input> = fc.record(
  {
    username: fc.oneof(fc.constantFrom('jane.doe', 'Jane.Doe', 'john', ''), text(['|', '='], 24)),
    firstName: fc.oneof(fc.constantFrom(' Jane ', 'Jane'), text(['|'])),
    lastName: text(),
    email: fc.oneof(fc.constantFrom('jane@example.com', 'bad@'), text()),
    secondaryEmail: text(),
    password: fc.oneof(fc.constantFrom('generate', 'none', 'ssm:/p/jane', 'secretsmanager:s#k', 'Secr3tPass', ''), text()),
    routingProfile: fc.oneof(fc.constantFrom('Sales', 'Sales '), text(['|'])),
    securityProfiles: fc.array(fc.oneof(fc.constantFrom('Agent', 'QA', 'Agent '), listItem), { maxLength: 4 }),
    hierarchyGroup: fc.oneof(fc.constantFrom('EMEA|Lisbon|Sales', 'Sales', ' EMEA | Dublin '), text(['|'])),
    phoneType: fc.constantFrom('SOFT_PHONE', 'DESK_PHONE'),
    deskPhoneNumber: fc.oneof(fc.constantFrom('+14155550100', '415 555'), text()),
    autoAccept: fc.boolean(),
    afterContactWorkTimeLimit: fc.oneof(fc.constantFrom(0, 30, 2_000_000, 2_000_001), fc.nat({ max: 3_000_000 })),
    // Unique as written (a TS object cannot hold a key twice); they may still meet once trimmed and NFC-normalized.
    tags: fc.uniqueArray(fc.tuple(tagKey, tagValue), { maxLength: 3, selector: ([k]) => k }),
    directoryUserId: text(),
  },
  { requiredKeys: [] },
).filter((u) => HEADER.some((column) => cell(u, column, 0, ['yes']).trim() !== ''));

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * A cell as written by hand or by a spreadsheet: without quotes unless it holds a comma, a quote
 * or a line break; then the spaces and tabs around the value stand outside the quotes. A password
 * is quoted whole when it has white space around it, which it keeps.
 */
function csvCell(cell: string, column: (typeof HEADER)[number]): string {
  if (column === 'password') return mustQuote(cell) || cell !== cell.trim() ? quote(cell) : cell;
  if (!mustQuote(cell)) return cell;
  const value = trimSpacesAndTabs(cell);
  const at = cell.indexOf(value);
  return `${cell.slice(0, at)}${quote(value)}${cell.slice(at + value.length)}`;
}

function csvFile(users: readonly Input[], yes: readonly string[]): string {
  return [HEADER.join(','), ...users.map((u, i) => HEADER.map((c) => csvCell(cell(u, c, i, yes), c)).join(','))].join('\n') + '\n';
}

function tsFile(users: readonly Input[]): string {
  const value = (key: string, v: unknown): string =>
    key === 'tags'
      ? `{ ${(v as [string, string][]).map(([k, val]) => `[${JSON.stringify(k)}]: ${JSON.stringify(val)}`).join(', ')} }` // computed keys: "__proto__" stays a key
      : JSON.stringify(v);
  const object = (u: Input) => `  { ${Object.entries(u).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${value(k, v)}`).join(', ')} },`;
  return `export default [\n${users.map(object).join('\n')}\n];\n`;
}

/** Users (source aside) and problems (code and field, sorted) of each file of a folder, by file name. */
function outcome(dir: string): Map<string, { users: Omit<User, 'source'>[]; problems: string[] }> {
  const loaded = loadUsersFolder(dir);
  const byFile = new Map<string, { raw: RawUser[]; problems: Problem[] }>();
  const entry = (file: string) => {
    const name = path.basename(file, path.extname(file));
    if (!byFile.has(name)) byFile.set(name, { raw: [], problems: [] });
    return byFile.get(name)!;
  };
  for (const f of loaded.files) entry(f);
  for (const u of loaded.users) entry(u.source.file).raw.push(u);
  for (const p of loaded.problems) entry(p.file).problems.push(p);
  const result = new Map<string, { users: Omit<User, 'source'>[]; problems: string[] }>();
  for (const [name, { raw, problems }] of byFile) {
    const checked = validateUsers(raw, { identityManagementType: 'CONNECT_MANAGED' });
    result.set(name, {
      // Where a user comes from, and whether its messages may quote its values (a CSV row that may hold a password), are not user fields.
      users: checked.users.map(({ source: _source, hideValues: _hide, ...fields }: User & { hideValues?: boolean }) => fields),
      problems: [...problems, ...checked.problems].map((p) => `${p.code} ${p.field ?? ''}`).sort(compareText),
    });
  }
  return result;
}

describe('properties: CSV and TypeScript give the same users and problems for the same data', () => {
  it('through loadUsersFolder and validateUsers', () => {
    const batch = fc.array(fc.array(input, { maxLength: 4 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(batch, fc.constantFrom(['yes'], ['true', 'y', 'TRUE']), (sets, yes) => {
        const csvDir = tempFolder(Object.fromEntries(sets.map((users, i) => [`set${i}.csv`, csvFile(users, yes)])));
        const tsDir = tempFolder(Object.fromEntries(sets.map((users, i) => [`set${i}.ts`, tsFile(users)])));
        expect(outcome(tsDir)).toStrictEqual(outcome(csvDir));
      }),
      { numRuns: 12 },
    );
  }, 30_000);
});
