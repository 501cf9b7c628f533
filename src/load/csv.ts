import { parse, type CsvError } from 'csv-parse/sync';
import { HIDDEN_VALUE, type RawUser } from '../model';
import { meetsConnectPasswordRule, parsePasswordSource } from '../passwords';
import { closest, show, type Problem } from '../problems';
import { lineBreaks } from './line-breaks';
import { decodeUtf8 } from './utf8';
import { columnFor, columnName, headerKey, KNOWN_HEADERS, REQUIRED_FIELDS, type CsvColumn, type Quote } from './csv-columns';

/** What one file gave: its users, or the problems that stop it from being used. */
export interface LoadResult {
  readonly users: RawUser[];
  readonly problems: Problem[];
}

/** Longest record accepted, in characters: far above any real user row, low enough to fail fast on garbage. */
export const MAX_RECORD_CHARS = 65_536;

/**
 * How `connect-users template` marks its example row: the user login starts with this. The
 * console's CSV has no comments, so the mark is in a cell; a row so marked is refused
 * (TEMPLATE_EXAMPLE_ROW) until it is edited into a real user or deleted. No real login starts
 * with it: `:` is not a username character for CONNECT_MANAGED or SAML.
 */
export const EXAMPLE_ROW_PREFIX = 'example:';

interface Row {
  readonly cells: string[];
  /** Where the row starts (a quoted line break makes a row span lines). */
  readonly line: number;
}

/**
 * Reads a users CSV: the console's "Import users" template (newest, previous or
 * older, SAML or not) or the native header set. Copes with a UTF-8 BOM, CRLF,
 * quoted fields with commas and line breaks, blank lines and trailing spaces.
 * Pure: `file` is only used in locations.
 */
export function loadCsv(content: Buffer | string, file: string): LoadResult {
  const problems: Problem[] = [];
  const text = typeof content === 'string' ? content : decodeUtf8(content);
  if (typeof text !== 'string') {
    problems.push({ file, line: text.invalidLine, code: 'INVALID_UTF8', message: 'the file is not valid UTF-8: save it as "CSV UTF-8" (in Excel: Save As > CSV UTF-8)' });
    return { users: [], problems };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = 1 + lineBreaks(text, 0, nul);
    problems.push({ file, line, code: 'NUL_BYTE', message: 'the file contains a NUL byte: save it again as plain UTF-8 CSV' });
    return { users: [], problems };
  }
  const separator = otherSeparator(text);
  if (separator) {
    problems.push({ file, line: separator.line, code: 'CSV_SEPARATOR', message: separatorMessage(separator.name) });
    return { users: [], problems };
  }

  const { rows, errors } = parseRows(text);
  const header = rows[0];
  // An error before the header was read leaves no header to read the rows by.
  if (errors.some((e) => e.records === 0) || header === undefined) {
    for (const e of errors) problems.push(csvProblem(e, file, text, []));
    if (problems.length === 0) problems.push({ file, line: 1, code: 'CSV_NO_HEADER', message: 'the file is empty: expected a header row, then one row per user' });
    return { users: [], problems };
  }

  const columns = readHeader(header.cells, file, header.line, problems);
  for (const e of errors) problems.push(csvProblem(e, file, text, columns ?? [], header.cells));
  if (!columns) return { users: [], problems };

  const usernameAt = columns.findIndex((c) => c.field === 'username'); // a required column: always there
  const passwordAt = columns.findIndex((c) => c.field === 'password');
  const users: RawUser[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== header.cells.length) {
      problems.push({
        file,
        line: row.line,
        code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
        message: `the row has ${row.cells.length} cells and the header ${header.cells.length}: put a value holding a comma in quotes ("Doe, Jane"), and give every row one cell (maybe empty) per header column; the row is not read`,
      });
      continue;
    }
    if (row.cells[usernameAt].toLowerCase().startsWith(EXAMPLE_ROW_PREFIX)) {
      problems.push({
        file,
        line: row.line,
        column: usernameAt + 1,
        field: 'username',
        code: 'TEMPLATE_EXAMPLE_ROW',
        message: `this is the template's example row (its user login starts with "${EXAMPLE_ROW_PREFIX}"): replace it with a real user or delete the row`,
      });
      continue;
    }
    const hideValues = passwordAt >= 0 && mayHoldPassword(row.cells, passwordAt);
    users.push(readRow(row, columns, header.cells, hideValues, file, problems));
  }
  return { users, problems };
}

function readRow(row: Row, columns: readonly CsvColumn[], headerCells: readonly string[], hideValues: boolean, file: string, problems: Problem[]): RawUser {
  const user: RawUser = { source: { file, line: row.line }, ...(hideValues && { hideValues }) };
  const fields = user as unknown as Record<string, unknown>;
  const quote: Quote = hideValues ? () => HIDDEN_VALUE : (value) => show(value);
  const filledBy = new Map<string, number>();
  row.cells.forEach((cell, i) => {
    const column = columns[i];
    if (!column.parse || cell === '') return;
    const at = { file, line: row.line, column: i + 1, field: columnName(column) };
    const result = column.parse(cell, quote);
    if (!('value' in result)) {
      problems.push({ ...at, code: result.code, message: result.message });
      return;
    }
    if (column.field === undefined) return;
    const first = filledBy.get(column.field);
    if (first === undefined) {
      filledBy.set(column.field, i);
      fields[column.field] = result.value;
    } else if (JSON.stringify(fields[column.field]) !== JSON.stringify(result.value)) {
      problems.push({
        ...at,
        code: 'CONFLICTING_CELLS',
        message: `column ${first + 1} (${show(headerCells[first])}) and column ${i + 1} (${show(headerCells[i])}) give different values (${quote(row.cells[first])} and ${quote(cell)}): fill in one of them`,
      });
    }
  });
  return user;
}

/**
 * Whether a row's values must not be quoted in messages: the file has a password column and
 * the row holds a plaintext password there, or any other cell meets Connect's password rule. A
 * comma that shifts a row (an unquoted "Doe, Jane") moves the password into another column while
 * the row keeps its cell count, so no cell of such a row is safe to show. A value that does not
 * meet Connect's rule cannot be any user's Connect password.
 */
function mayHoldPassword(cells: readonly string[], passwordAt: number): boolean {
  const password = cells[passwordAt];
  if (password !== '' && parsePasswordSource(password).kind === 'plaintext') return true;
  return cells.some((cell, i) => i !== passwordAt && meetsConnectPasswordRule(cell));
}

/** Maps each header cell to its column, or reports what is wrong with the header. */
function readHeader(cells: string[], file: string, line: number, problems: Problem[]): CsvColumn[] | undefined {
  const before = problems.length;
  const columns = cells.map((h) => columnFor(h));
  const seen = new Map<string, number>();
  cells.forEach((h, i) => {
    const column = columns[i];
    if (!column) {
      const hint = closest(h, KNOWN_HEADERS);
      problems.push({
        file,
        line,
        column: i + 1,
        code: 'UNKNOWN_COLUMN',
        message: `unknown column ${show(h)}: ${hint ? `did you mean "${hint}"?` : 'see the README for the accepted columns'}`,
      });
      return;
    }
    const key = column.field ?? columnName(column);
    const first = seen.get(key);
    if (first !== undefined && !(column.shared && headerKey(cells[first]) !== headerKey(h))) {
      problems.push({
        file,
        line,
        column: i + 1,
        field: columnName(column),
        code: 'DUPLICATE_COLUMN',
        message: `column ${show(h)} fills the same field as column ${first + 1} (${show(cells[first])}): keep one of them`,
      });
    } else if (first === undefined) seen.set(key, i);
  });
  for (const field of REQUIRED_FIELDS) {
    if (!seen.has(field)) {
      const names = columnsFor(field);
      problems.push({ file, line, field, code: 'MISSING_COLUMN', message: `the header has no ${names} column: add it` });
    }
  }
  // Every cell names a column when there is no problem (an unknown one is a problem).
  return problems.length === before ? (columns as CsvColumn[]) : undefined;
}

function columnsFor(field: string): string {
  const column = KNOWN_HEADERS.filter((h) => columnFor(h)!.field === field);
  return column.map((h) => `"${h}"`).join(' or ');
}

/** csv-parse errors after which it reads the rest of the file wrongly (inside a quote, or mid-cell): the rows after one are dropped. */
const STOPS_READING = new Set(['CSV_INVALID_CLOSING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', 'CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE']);

type ParseError = CsvError & { lines: number; records: number; column?: number };

/**
 * The non-empty rows, with the line each starts on, and the errors worth reporting: one per
 * error and line (csv-parse reports a stray quote once per character it reads after it), none
 * after an error that derails the parser, whose later rows are dropped as well.
 */
function parseRows(text: string): { rows: Row[]; errors: ParseError[] } {
  const raw: ParseError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      // Explicit, so a file mixing CRLF and LF (edited on two systems) counts its lines right.
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_RECORD_CHARS,
      // Rows are measured against the header below, not against the first record: a file may
      // start with an empty row of commas, which Excel writes for an empty first line.
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        if (err) raw.push(err as ParseError);
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    raw.push(err as ParseError);
    records = [];
  }
  const errors: ParseError[] = [];
  const seen = new Set<string>();
  for (const e of raw) {
    const key = `${e.code}:${e.lines}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(e);
    if (STOPS_READING.has(e.code)) {
      records = records.slice(0, e.records);
      break;
    }
  }
  const rows = records
    .filter((r) => r.record.some((cell) => cell !== ''))
    .map((r) => ({ cells: r.record, line: startLine(r.record, r.info.lines) }));
  return { rows, errors };
}

/** csv-parse reports the line a record ends on; a quoted line break inside the record moves its start up. */
function startLine(cells: readonly string[], endLine: number): number {
  return cells.reduce((line, cell) => line - lineBreaks(cell), endLine);
}

const NOT_READ = 'the rows after it are not read until it is fixed';

/**
 * A csv-parse error as a problem: csv-parse's code, our own message (csv-parse's text quotes
 * the cell's characters, which may be a password's), the line and 1-based column.
 */
function csvProblem(e: ParseError, file: string, text: string, columns: readonly (CsvColumn | undefined)[], headerCells: readonly string[] = []): Problem {
  const code = e.code ?? 'CSV_PARSE_ERROR';
  const at = (index: number, line: number) => {
    const column = columns[index];
    const name = headerCells[index];
    return {
      file,
      line,
      column: index + 1,
      ...(column && { field: columnName(column) }),
      where: `column ${index + 1}${name !== undefined && name !== '' ? ` (${show(name)})` : ''}`,
    };
  };
  const problem = ({ where, ...location }: ReturnType<typeof at>, message: (where: string) => string): Problem => ({ ...location, code, message: message(where) });
  switch (code) {
    case 'INVALID_OPENING_QUOTE':
      return problem(
        at(e.column ?? 0, e.lines),
        (where) => `a quote (") in the middle of the cell in ${where}: put the whole cell in quotes and double each quote inside it ("5"" screen"), or remove the quote`,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return problem(
        at(e.column ?? 0, e.lines),
        (where) => `the quoted cell in ${where} goes on after its closing quote: put the whole cell in quotes and double each quote inside it ("Jane ""JJ"" Doe"); ${NOT_READ}`,
      );
    case 'CSV_QUOTE_NOT_CLOSED': {
      const open = unclosedQuoteAt(text);
      return problem(
        at(open ? open.column - 1 : (e.column ?? 0), open ? open.line : e.lines),
        (where) => `the quote that opens the cell in ${where} is never closed, so the rest of the file reads as one cell: add the closing quote, or double a quote meant as text ("")`,
      );
    }
    case 'CSV_MAX_RECORD_SIZE':
      return { file, line: e.lines, code, message: `the row is longer than ${MAX_RECORD_CHARS} characters, far beyond any user row (is a quote left open?); ${NOT_READ}` };
    default:
      return { file, line: e.lines, code, message: 'the row cannot be read as CSV: check its quotes and that it has one cell per header column' };
  }
}

/**
 * Where the quote still open at the end of `text` was opened: its line and 1-based column.
 * Reads quotes as csv-parse does with `trim`: a quote opens a cell only as its first
 * non-blank character, `""` inside a quoted cell is a quote.
 */
export function unclosedQuoteAt(text: string): { line: number; column: number } | undefined {
  let line = 1;
  let column = 1;
  let cellStart = true;
  let open: { line: number; column: number } | undefined;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    const lineBreak = c === '\n' || (c === '\r' && text[i + 1] !== '\n');
    if (open) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') {
        open = undefined;
        cellStart = false;
      } else if (lineBreak) line++;
    } else if (lineBreak) {
      line++;
      column = 1;
      cellStart = true;
    } else if (c === ',') {
      column++;
      cellStart = true;
    } else if (c === '"' && cellStart) open = { line, column };
    else if (c !== ' ' && c !== '\t') cellStart = false;
  }
  return open;
}

const SEPARATORS = [
  [';', '";"'],
  ['\t', 'a tab'],
] as const;

/**
 * A file whose header row is separated by `;` (Excel where Windows' list separator is `;`, as
 * in much of Europe) or by tabs: the header names the known columns only once split that way.
 */
function otherSeparator(text: string): { name: string; line: number } | undefined {
  let line = 1;
  let start = 0; // a BOM needs no skipping: trim() removes it, from the line and from its first cell
  while (start < text.length) {
    const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const header = text.slice(start, end);
    if (header.trim() !== '') {
      const known = (separator: string) => header.split(separator).filter((h) => columnFor(h.trim().replace(/^"(.*)"$/, '$1'))).length;
      const found = SEPARATORS.find(([separator]) => known(separator) >= 2 && known(separator) > known(','));
      return found && { name: found[1], line };
    }
    line++;
    start = end + 1;
  }
  return undefined;
}

function separatorMessage(name: string): string {
  return `the header separates its cells with ${name}, not ",": save the file with commas (LibreOffice: field delimiter ","; Excel writes the list separator of Windows' Region settings, so set it to "," there, then Save As "CSV UTF-8"). Files with other separators are refused so that every users file, and its git diff, has one format, the one the console's template uses`;
}
