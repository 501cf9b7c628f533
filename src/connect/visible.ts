/**
 * Makes a value from Connect (or a user file) safe to print on a terminal or
 * in a log: control characters (C0, DEL, C1), line and paragraph separators
 * and the bidirectional marks and overrides that can disguise text are shown
 * as \uXXXX escapes. A local stand-in until the shared escape module in
 * src/review/ lands.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(value: string): string {
  return value.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
