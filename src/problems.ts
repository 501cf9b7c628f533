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

/** A location as `file:line` (or `file` when the line is unknown). */
export function formatLocation(loc: SourceLocation): string {
  return loc.line === undefined ? loc.file : `${loc.file}:${loc.line}`;
}

export function formatProblem(p: Problem): string {
  const field = p.field ? `${p.field}: ` : '';
  return `${formatLocation(p)}: ${field}${p.message} (${p.code})`;
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
 * Characters that must never reach a terminal or a log raw: C0 controls
 * (JSON.stringify escapes those already), DEL, C1 controls (U+0080-U+009F,
 * which include the 8-bit CSI of escape sequences), the line and paragraph
 * separators, and the bidirectional controls that can reorder what an admin
 * reads ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written as `\uXXXX`, and nothing else changed. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Shows a user-supplied value in a message: quoted (strings), cut short after
 * `max` characters, and with no raw control character (see `UNSAFE`): a
 * value from a file can never move the cursor, clear the screen or colour
 * the rest of a CI log.
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
