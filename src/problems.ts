import type { SourceLocation } from './model';

/**
 * One thing wrong with the users folder, as an admin reads it:
 * `users/agents.csv:7: securityProfiles: expected 1 to 10 names, got 0 (SECURITY_PROFILES_COUNT)`.
 */
export interface Problem extends SourceLocation {
  /** Stable code, e.g. `SECURITY_PROFILES_COUNT`: safe to match on in scripts and tests. */
  readonly code: string;
  /** The user field (or CSV column) concerned, if any. */
  readonly field?: string;
  /** What is wrong, the value (never a password), what is allowed, how to fix it. */
  readonly message: string;
}

/**
 * A location as `file:line` (or `file` when the line is unknown), with any
 * unsafe character of the path escaped (see `escapeControls`).
 */
export function formatLocation(loc: SourceLocation): string {
  return escapeControls(loc.line === undefined ? loc.file : `${loc.file}:${loc.line}`);
}

/** One problem as one line for a terminal or a log: nothing in it can start another line or send an escape sequence. */
export function formatProblem(p: Problem): string {
  const field = p.field ? `${p.field}: ` : '';
  return escapeControls(`${formatLocation(p)}: ${field}${p.message} (${p.code})`);
}

/** Problems in reading order: by file, then line, then column, then code. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.field ?? '', b.field ?? '') ||
      compareText(a.code, b.code),
  );
}

/** Thrown once, with every problem found, when the users folder cannot be used. */
export class UsersError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    const n = sorted.length;
    super(`${n} problem${n === 1 ? '' : 's'} in the users folder:\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'UsersError';
    this.problems = sorted;
  }
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one definition of the characters that must never reach a terminal or a
 * log raw, used by every escaper and by the CONTROL_CHARACTER rule:
 *
 * - C0 controls U+0000-U+001F (NUL, tab, line breaks, ESC, which starts the
 *   terminal escape sequences) and DEL U+007F;
 * - C1 controls U+0080-U+009F (NEL, and the 8-bit CSI U+009B);
 * - the line and paragraph separators U+2028 and U+2029 (a new line for
 *   some viewers: a GitHub workflow command such as `::error::` needs one);
 * - the bidirectional controls U+061C, U+200E, U+200F, U+202A-U+202E and
 *   U+2066-U+2069, which reorder what a reader sees ("Trojan Source",
 *   CVE-2021-42574).
 *
 * Not global, so `test` and `search` have no state; `escapeControls` uses a
 * global copy.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_CHARACTERS = new RegExp(UNSAFE_CHARACTER.source, 'g');

/** Line feed, carriage return and tab by their usual names, as JSON writes them. */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A UTF-16 code unit as `\uXXXX` (four lower-case hex digits). */
export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The one escaper: `text` with every unsafe character (see
 * `UNSAFE_CHARACTER`) made visible, `\n`, `\r` and `\t` by name and the
 * others as `\uXXXX`, and nothing else changed. Its output holds no unsafe
 * character and no other escaping, so escaping twice changes nothing.
 * `review/escape.ts`'s `escapeText` is this function.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (c) => NAMED[c] ?? unicodeEscape(c));
}

/**
 * `JSON.stringify(value, null, space)`, with the unsafe characters that
 * JSON leaves raw inside strings (DEL, C1, the separators, the bidi
 * controls) written as `\uXXXX`: the same JSON value, safe to print. The
 * C0 controls are escaped by JSON itself; the line breaks of `space` stay.
 */
export function safeJson(value: object | null, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_CHARACTERS, (c) => (c < ' ' ? c : unicodeEscape(c)));
}

/**
 * Shows a user-supplied value in a message: quoted (strings), cut short after
 * `max` characters, and with no raw unsafe character (see `UNSAFE_CHARACTER`): a
 * value from a file can never move the cursor, clear the screen, colour
 * the rest of a CI log or start a new log line.
 */
export function show(value: unknown, max = 60): string {
  if (typeof value === 'string') return escapeControls(JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value));
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = '(a value that cannot be shown)'; // a cycle, a BigInt inside, a throwing toJSON or trap
  }
  return escapeControls(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** The closest name in `candidates` to `name` (edit distance), if it is close enough to be a likely typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
