import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RawUser } from '../model';
import { closest, escapeControls, show, type Problem } from '../problems';
import { DEFAULT_TS_TIMEOUT_SECONDS } from '../settings';
import { USER_FIELDS, USER_INPUT_KEYS, type FieldSpec } from '../schema';
import type { LoadResult } from './csv';
import { splitList } from './csv-columns';
import { lineBreaks } from './line-breaks';
import { decodeExport, encodeExport, Unreadable, Unsupported } from './ts-export';
import { decodeUtf8 } from './utf8';

/** How long one TypeScript user file may take to load, unless configured (`CONNECT_USERS_TS_TIMEOUT_SECONDS`, src/settings.ts). */
export const DEFAULT_TS_TIMEOUT_MS = DEFAULT_TS_TIMEOUT_SECONDS * 1000;
/** What the loader child may print or send back, per stream. */
const MAX_CHILD_OUTPUT = 512 * 1024 * 1024;

/** A TypeScript user file: where it is, and how messages name it. */
export interface TypeScriptFile {
  /** Absolute path. */
  readonly path: string;
  /** The path shown in problems, e.g. `users/team.ts`. */
  readonly file: string;
}

export interface TypeScriptLoadOptions {
  /**
   * Time limit for loading each file, in milliseconds: a number above 0 (a RangeError otherwise:
   * 0 would mean no limit at all). Callers read it from `CONNECT_USERS_TS_TIMEOUT_SECONDS`
   * through src/settings.ts.
   * @default 10_000
   */
  readonly timeoutMs?: number;
}

/** Loads one TypeScript user file (see `loadTypeScriptFiles`). */
export function loadTypeScript(absolutePath: string, file: string, options: TypeScriptLoadOptions = {}): LoadResult {
  return loadTypeScriptFiles([{ path: absolutePath, file }], options)[0];
}

/**
 * Loads TypeScript user files: the default export of each must be an array of
 * users (see `src/define.ts`). The files are code: they run in one child
 * process (`typescript-child.ts`), in order, so that none can end or hang this
 * one. Whatever a file does becomes a coded problem for that file: a throw
 * (`TS_LOAD_ERROR`), a syntax error (`TS_SYNTAX_ERROR`), `process.exit` or a
 * crash (`TS_EXIT`), a rejected promise left behind (`TS_UNHANDLED_REJECTION`),
 * taking longer than the time limit (`TS_TIMEOUT`). When the child stops on a
 * file, the files after it are loaded in a new child. Synchronous, as
 * `readUsers` runs inside a cdktf construct's constructor.
 */
export function loadTypeScriptFiles(files: readonly TypeScriptFile[], options: TypeScriptLoadOptions = {}): LoadResult[] {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TS_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new RangeError(`the time limit for loading TypeScript user files must be a number of milliseconds above 0, got ${show(timeoutMs)}`);
  }
  const results: LoadResult[] = [];
  const pending: (TypeScriptFile & { readonly index: number; readonly text: string })[] = [];
  files.forEach((f, index) => {
    let text: string | { invalidLine: number };
    try {
      text = decodeUtf8(readFileSync(f.path));
    } catch (err) {
      results[index] = failed({ file: f.file, code: 'FILE_UNREADABLE', message: `the file cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (typeof text === 'string') pending.push({ ...f, index, text });
    else results[index] = failed({ file: f.file, line: text.invalidLine, code: 'INVALID_UTF8', message: 'the file is not valid UTF-8: save it as UTF-8' });
  });

  for (let from = 0; from < pending.length; ) {
    const batch = pending.slice(from);
    const run = runChild(batch.map((f) => f.path), timeoutMs);
    run.outcomes.forEach((outcome, k) => {
      const f = batch[k];
      results[f.index] =
        'problem' in outcome ? failed(outsideProject(childProblem(f.file, outcome.problem), f.path)) : checkExport(decodeExport(outcome.export), f.file, f.text);
    });
    from += run.outcomes.length;
    if (from === pending.length) break;
    // A file that timed out after others loaded gets a fresh child, and its own full time limit.
    if (run.end.kind === 'timeout' && run.outcomes.length > 0) continue;
    const stopped = run.end.kind === 'not-started' ? pending.slice(from) : [pending[from]];
    for (const f of stopped) results[f.index] = failed({ file: f.file, ...endProblem(run.end, timeoutMs) });
    from += stopped.length;
  }
  return results;
}

/** A problem the child sent, with only the keys a problem has. */
function childProblem(file: string, { code, message, line, column }: ChildProblem): Problem {
  return { file, code, message, ...(line !== undefined && { line }), ...(column !== undefined && { column }) };
}

/**
 * A file outside the project (commands run in its folder) that imports `connect-users/define`:
 * Node finds that module only inside the project (its package.json, or node_modules/connect-users),
 * so say where the folder must be, not "Cannot find module".
 */
function outsideProject(problem: Problem, absolutePath: string): Problem {
  const missing = /^the file failed to load: Error: Cannot find module '(connect-users(?:\/[^']*)?)'/.exec(problem.message);
  const project = process.cwd();
  const relative = path.relative(project, absolutePath);
  const inside = relative !== '' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  if (problem.code !== 'TS_LOAD_ERROR' || !missing || inside) return problem;
  return {
    ...problem,
    message: `a users folder with TypeScript files must be inside the project (${escapeControls(project)}): outside it, '${escapeControls(missing[1])}' cannot be found. Move the folder into the project`,
  };
}

function failed(problem: Problem): LoadResult {
  return { users: [], problems: [problem] };
}

type ChildProblem = Pick<Problem, 'code' | 'message' | 'line' | 'column'>;
type ChildOutcome = { readonly export: unknown } | { readonly problem: ChildProblem };
type ChildEnd =
  | { readonly kind: 'timeout' }
  | { readonly kind: 'overflow' }
  | { readonly kind: 'ended'; readonly status: number | null; readonly signal: string | null }
  | { readonly kind: 'not-started'; readonly reason: string };

/** Runs the loader child on `paths` (absolute) and reads what it sent back. */
function runChild(paths: readonly string[], timeoutMs: number): { outcomes: ChildOutcome[]; end: ChildEnd } {
  const r = spawnSync(process.execPath, childArguments(), {
    input: JSON.stringify({ files: paths }),
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: process.env,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_CHILD_OUTPUT,
    windowsHide: true,
  });
  let ready = false;
  const outcomes: ChildOutcome[] = [];
  for (const line of (r.output?.[3] ?? '').toString('utf8').split('\n')) {
    const message = parseLine(line);
    if (message?.ready === true) ready = true;
    else if (ready && message?.i === outcomes.length && ('export' in message || isChildProblem(message.problem))) {
      outcomes.push(message as ChildOutcome);
    }
  }
  // What the files print is theirs to show, on stderr (stdout may be --json), never raw. A loader that
  // never started ran no file: what Node printed (a stack trace) is summed up in the TS_LOAD_ERROR instead.
  for (const stream of ready ? [r.stdout, r.stderr] : []) {
    if (stream && stream.length > 0) process.stderr.write(stream.toString('utf8').split(/\r?\n/).map(escapeControls).join('\n'));
  }
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  let end: ChildEnd;
  if (code === 'ETIMEDOUT') end = { kind: 'timeout' };
  else if (code === 'ENOBUFS') end = { kind: 'overflow' };
  else if (!ready) end = { kind: 'not-started', reason: r.error?.message ?? errorLine(r.stderr?.toString('utf8') ?? '') };
  else end = { kind: 'ended', status: r.status, signal: r.signal };
  return { outcomes, end };
}

/**
 * The child, run the way this module runs: bundled (dist/cli.js, dist/main.js)
 * it is dist/typescript-child.js; from the sources (jest, tsx) it is the .ts
 * file beside this one, run through tsx.
 */
function childArguments(): string[] {
  if (__filename.endsWith('.ts')) return ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'typescript-child.ts')];
  return [path.join(__dirname, 'typescript-child.js')];
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, the caller reads only .ready and .i of what this returns, which a non-object (null, a text, an array) never has
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isChildProblem(value: unknown): value is ChildProblem {
  const p = value as ChildProblem | undefined;
  const position = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) >= 1);
  return /^TS_[A-Z_]+$/.test(String(p?.code)) && typeof p?.message === 'string' && position(p.line) && position(p.column);
}

/** The line of Node's output that says what went wrong (`Error: Cannot find module ...`), else its first line. */
function errorLine(text: string): string {
  const line = /^(\w*Error\b|connect-users:).*/m.exec(text)?.[0] ?? text.trim().split('\n')[0];
  return escapeControls(line.slice(0, 300)) || 'no reason given';
}

function endProblem(end: ChildEnd, timeoutMs: number): ChildProblem {
  switch (end.kind) {
    case 'timeout':
      return {
        code: 'TS_TIMEOUT',
        message: `the file did not finish loading within ${timeoutMs / 1000} s (an endless loop, or a wait for something that never comes?): a user file must only build and export its users. CONNECT_USERS_TS_TIMEOUT_SECONDS sets the limit`,
      };
    case 'overflow':
      return { code: 'TS_LOAD_ERROR', message: `the file printed or exported more than ${MAX_CHILD_OUTPUT / 1024 / 1024} MB while loading` };
    case 'ended':
      return {
        code: 'TS_EXIT',
        message: `the file ended the process that loads it (${end.signal ? `signal ${end.signal}` : `exit code ${end.status}`}) before its users were read: a user file must not exit, kill or crash the process`,
      };
    case 'not-started':
      return { code: 'TS_LOAD_ERROR', message: `the TypeScript loader could not start: ${end.reason}` };
  }
}

/**
 * Checks a TS file's default export and turns it into raw users. Pure: takes
 * the live value (copied first, as the loader child does, so no getter or
 * Proxy runs twice); `sourceText` is only used to find lines.
 */
export function usersFromExport(exported: unknown, file: string, sourceText = ''): LoadResult {
  return checkExport(decodeExport(encodeExport(exported)), file, sourceText);
}

/** Checks a decoded export (plain data, `Unsupported` and `Unreadable` values) into raw users. */
function checkExport(exported: unknown, file: string, sourceText: string): LoadResult {
  const exportLine = lineOf(sourceText, /\bexport\s+default\b/.exec(sourceText)?.index);
  if (exported instanceof Unreadable) {
    return failed({ file, line: exported.line ?? exportLine, code: 'TS_EXPORT_READ', message: `reading the default export threw: ${exported.reason}` });
  }
  if (!Array.isArray(exported)) {
    return failed({
      file,
      line: exported === undefined ? undefined : exportLine,
      code: 'TS_EXPORT_SHAPE',
      message: `expected \`export default defineUsers([...])\` (an array of users), got ${exported === undefined ? 'no default export' : describeValue(exported)}`,
    });
  }
  const users: RawUser[] = [];
  const problems: Problem[] = [];
  const lines = literalLines(sourceText);
  exported.forEach((item: unknown, index) => {
    const who = `user #${index + 1}`;
    if (item instanceof Unreadable) {
      problems.push({ file, line: item.line, code: 'TS_EXPORT_READ', message: `reading ${who} threw: ${item.reason}` });
      return;
    }
    if (!isPlainObject(item)) {
      problems.push({ file, code: 'TS_EXPORT_SHAPE', message: `${who}: expected an object ({ username: ..., ... }), got ${describeValue(item)}` });
      return;
    }
    const username = item.username;
    const at = { file, line: typeof username === 'string' ? lines.get(username) : undefined };
    const user: RawUser = { source: at };
    for (const [key, value] of Object.entries(item)) {
      const spec = USER_FIELDS.get(key);
      if (!spec) {
        const hint = closest(key, USER_INPUT_KEYS);
        problems.push({
          ...at,
          field: escapeControls(key),
          code: 'UNKNOWN_FIELD',
          message: `${who} has an unknown field ${show(key)}: ${hint ? `did you mean "${hint}"?` : `allowed: ${USER_INPUT_KEYS.join(', ')}`}`,
        });
        continue;
      }
      if (value === undefined) continue; // an optional field left out, as `{ ...preset, email: undefined }` does
      if (value instanceof Unreadable) {
        problems.push({ file, line: value.line ?? at.line, field: key, code: 'TS_EXPORT_READ', message: `reading ${who}'s ${key} threw: ${value.reason}` });
        continue;
      }
      const read = readField(key, spec, value);
      for (const p of read.problems) problems.push({ ...at, field: key, code: p.code, message: `${who}: ${p.message}` });
      if (read.value !== undefined) (user as unknown as Record<string, unknown>)[key === 'hierarchyGroup' ? 'hierarchyPath' : key] = read.value;
    }
    users.push(user);
  });
  return { users, problems };
}

type FieldRead = { value?: unknown; problems: { code: string; message: string }[] };

const EXPECTED: Record<FieldSpec['kind'], string> = {
  text: 'a text',
  texts: 'an array of texts, e.g. ["Agent"]',
  choice: 'one of',
  boolean: 'true or false',
  number: 'a number',
  tags: 'an object of texts, e.g. { team: "sales" }',
};

/**
 * Checks one field and reads it as the CSV loader reads the same cell written
 * without quotes: text is trimmed and NFC-normalized (the password is kept
 * exactly as written), an empty text is "not given", list items and tags are
 * trimmed as in a `A|B` or `k=v` cell. csv-parse's `trim: true` trims an
 * unquoted cell of what `String.prototype.trim` trims (csv-parse 7.0.3,
 * lib/api/init_state.js: "Aligns trimming with `String.prototype.trim()`"),
 * so `.trim()` here gives what the CSV gives: `" Sales "` is `Sales` in both.
 */
function readField(key: string, spec: FieldSpec, value: unknown): FieldRead {
  const wrongType = (): FieldRead => ({
    problems: [
      {
        code: 'INVALID_TYPE',
        message: `expected ${spec.kind === 'choice' ? spec.options!.map((o) => `"${o}"`).join(' or ') : EXPECTED[spec.kind]}, got ${key === 'password' ? describeKind(value) : describeValue(value)}`,
      },
    ],
  });
  switch (spec.kind) {
    case 'text': {
      if (typeof value !== 'string') return wrongType();
      if (key === 'password') return value === '' ? { problems: [] } : { value, problems: [] };
      const text = value.trim();
      if (text === '') return { problems: [] };
      return { value: key === 'hierarchyGroup' ? splitList(text) : text.normalize('NFC'), problems: [] };
    }
    case 'texts': {
      if (!Array.isArray(value)) return wrongType();
      const bad = value.findIndex((v) => typeof v !== 'string');
      if (bad >= 0 && value[bad] instanceof Unreadable) return { problems: [{ code: 'TS_EXPORT_READ', message: `reading item #${bad + 1} threw: ${value[bad].reason}` }] };
      if (bad >= 0) return { problems: [{ code: 'INVALID_TYPE', message: `expected texts only, item #${bad + 1} is ${describeValue(value[bad])}` }] };
      return { value: securityProfileNames(value as string[]), problems: [] };
    }
    case 'choice':
      if (typeof value !== 'string') return wrongType();
      if (spec.options!.includes(value.trim())) return { value: value.trim(), problems: [] };
      return { problems: [{ code: 'INVALID_PHONE_TYPE', message: `expected ${spec.options!.map((o) => `"${o}"`).join(' or ')}, got ${show(value)}` }] };
    case 'boolean':
      return typeof value === 'boolean' ? { value, problems: [] } : wrongType();
    case 'number':
      return typeof value === 'number' ? { value, problems: [] } : wrongType();
    case 'tags':
      return isPlainObject(value) ? readTags(value) : wrongType();
  }
}

/** Tags as the CSV loader reads a `k=v|k2=v2` cell: keys and values trimmed and NFC-normalized; `__proto__` is a key like any other. */
function readTags(object: Record<string, unknown>): FieldRead {
  const tags = new Map<string, string>();
  const problems: FieldRead['problems'] = [];
  for (const [rawKey, value] of Object.entries(object)) {
    if (typeof value !== 'string') {
      const reason = value instanceof Unreadable ? `reading it threw: ${value.reason}` : `expected a text, got ${describeValue(value)}`;
      problems.push({ code: value instanceof Unreadable ? 'TS_EXPORT_READ' : 'INVALID_TYPE', message: `tag ${show(rawKey)}: ${reason}` });
      continue;
    }
    const key = rawKey.trim().normalize('NFC');
    if (tags.has(key)) problems.push({ code: 'DUPLICATE_TAG', message: `tag key ${show(key)} is given twice (once with spaces around it?); keep one` });
    else tags.set(key, value.trim().normalize('NFC'));
  }
  return problems.length > 0 ? { problems } : { value: Object.fromEntries(tags), problems };
}

/** Names as the CSV loader reads a `securityProfiles` cell's items: trimmed, NFC-normalized, empty ones dropped. */
function securityProfileNames(items: readonly string[]): string[] {
  return items.map((s) => s.trim().normalize('NFC')).filter((s) => s !== '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A value as a message shows it. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the text ${show(value)}`;
  if (typeof value === 'number') return `the number ${show(value)}`;
  if (value instanceof Unsupported) return escapeControls(value.description);
  if (Array.isArray(value) || isPlainObject(value)) return describeKind(value); // null and undefined: show() says it as describeKind does
  return show(value);
}

/** Only the kind of a value: what a message may say of a password. */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Unsupported) return escapeControls(value.description);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function lineOf(text: string, index: number | undefined): number | undefined {
  return index === undefined ? undefined : 1 + lineBreaks(text, 0, index);
}

/**
 * Each simple string literal of the source (no escapes, no line breaks) with the
 * 1-based line it first appears on: one pass, so a 10,000-user file costs
 * milliseconds. Used to point at a user's username; best effort by design.
 */
function literalLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(/(['"`])([^'"`\\\n]*)\1/g)) {
    line += lineBreaks(text, counted, match.index);
    counted = match.index;
    if (!lines.has(match[2])) lines.set(match[2], line);
  }
  return lines;
}
