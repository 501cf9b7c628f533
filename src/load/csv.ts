import { parse, type CsvError } from 'csv-parse/sync';
import type { RawUser } from '../model';
import { closest, show, type Problem } from '../problems';
import { lineBreaks } from './line-breaks';
import { columnFor, headerKey, KNOWN_HEADERS, REQUIRED_FIELDS, type CsvColumn } from './csv-columns';

/** What one file gave: its users, or the problems that stop it from being used. */
export interface LoadResult {
  readonly users: RawUser[];
  readonly problems: Problem[];
}

/** Longest record accepted, in characters: far above any real user row, low enough to fail fast on garbage. */
export const MAX_RECORD_CHARS = 65_536;

/**
 * Reads a users CSV: the console's "Import users" template (current or older,
 * SAML or not) or the native header set. Copes with a UTF-8 BOM, CRLF, quoted
 * fields with commas and line breaks, blank lines and trailing spaces. Pure:
 * `file` is only used in locations.
 */
export function loadCsv(content: Buffer | string, file: string): LoadResult {
  const problems: Problem[] = [];
  const decoded = typeof content === 'string' ? content : decodeUtf8(content, file, problems);
  if (decoded === undefined) return { users: [], problems };
  const nul = decoded.indexOf('\0');
  if (nul >= 0) {
    const line = 1 + lineBreaks(decoded, 0, nul);
    problems.push({ file, line, code: 'NUL_BYTE', message: 'the file contains a NUL byte: save it again as plain UTF-8 CSV' });
    return { users: [], problems };
  }

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      // Explicit, so a file mixing CRLF and LF (edited on two systems) counts its lines right.
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_RECORD_CHARS,
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        if (err) problems.push(csvProblem(err, file));
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    problems.push(csvProblem(err as CsvError, file));
    return { users: [], problems };
  }

  const rows = records
    .filter((r) => r.record.some((cell) => cell !== ''))
    .map((r) => ({ cells: r.record, line: startLine(r.record, r.info.lines) }));
  if (rows.length === 0) {
    problems.push({ file, line: 1, code: 'CSV_NO_HEADER', message: 'the file is empty: expected a header row, then one row per user' });
    return { users: [], problems };
  }

  const [header, ...body] = rows;
  const columns = readHeader(header.cells, file, header.line, problems);
  if (!columns) return { users: [], problems };

  const users: RawUser[] = [];
  for (const row of body) {
    const user: RawUser = { source: { file, line: row.line } };
    const fields = user as unknown as Record<string, unknown>;
    row.cells.forEach((cell, i) => {
      const column = columns[i];
      if (!column?.field || !column.parse || cell === '') return;
      const result = column.parse(cell);
      if (!('value' in result)) {
        problems.push({ file, line: row.line, column: i + 1, field: column.field, code: result.code, message: result.message });
      } else if (fields[column.field] !== undefined && JSON.stringify(fields[column.field]) !== JSON.stringify(result.value)) {
        problems.push({
          file,
          line: row.line,
          column: i + 1,
          field: column.field,
          code: 'CONFLICTING_CELLS',
          message: `two columns give different values (${show(JSON.stringify(fields[column.field]))} and ${show(JSON.stringify(result.value))}): fill in one of them`,
        });
      } else fields[column.field] = result.value;
    });
    users.push(user);
  }
  return { users, problems };
}

/** Maps each header cell to its column, or reports what is wrong with the header. */
function readHeader(cells: string[], file: string, line: number, problems: Problem[]): (CsvColumn | undefined)[] | undefined {
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
    const key = column.field ?? 'mobile';
    const first = seen.get(key);
    if (first !== undefined && !(column.shared && headerKey(cells[first]) !== headerKey(h))) {
      problems.push({
        file,
        line,
        column: i + 1,
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
  return problems.length === before ? columns : undefined;
}

function columnsFor(field: string): string {
  const column = KNOWN_HEADERS.filter((h) => columnFor(h)?.field === field);
  return column.map((h) => `"${h}"`).join(' or ');
}

/** csv-parse reports the line a record ends on; a quoted line break inside the record moves its start up. */
function startLine(cells: string[], endLine: number): number {
  return cells.reduce((line, cell) => line - lineBreaks(cell), endLine);
}

function csvProblem(err: CsvError, file: string): Problem {
  const e = err as CsvError & { lines?: number; code?: string };
  const reason = e.message.replace(/^Invalid /, '').replace(/,? ?(on|at) line \d+.*$/s, '');
  return {
    file,
    line: e.lines,
    code: e.code ?? 'CSV_PARSE_ERROR',
    message: `the row cannot be read as CSV (${reason}): check its quotes and that it has one cell per header column`,
  };
}

function decodeUtf8(content: Buffer, file: string, problems: Problem[]): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    let line = 1;
    let start = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i <= content.length; i++) {
      if (i === content.length || content[i] === 0x0a) {
        try {
          decoder.decode(content.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    problems.push({
      file,
      line,
      code: 'INVALID_UTF8',
      message: 'the file is not valid UTF-8: save it as "CSV UTF-8" (in Excel: Save As > CSV UTF-8)',
    });
    return undefined;
  }
}

