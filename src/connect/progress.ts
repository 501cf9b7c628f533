/**
 * Progress of a long read on stderr: on a terminal, at most a line per
 * second; in CI (not a terminal) nothing, the command prints a final summary.
 */
import type { ReadProgress } from './read-instance';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export function throttledProgress(stream: ProgressStream, now: () => number = Date.now): (line: () => string) => void {
  let last = -Infinity;
  return (line) => {
    if (!stream.isTTY) return;
    const t = now();
    if (t - last < 1000) return;
    last = t;
    stream.write(`${line()}\n`);
  };
}

/** A progress line for reading an instance. */
export function progressText(p: ReadProgress): string {
  switch (p.phase) {
    case 'users':
      return `read ${p.done}${p.total === undefined ? '' : `/${p.total}`} users`;
    case 'emails':
      return `read the emails of ${p.done}/${p.total} users`;
    case 'profiles':
      return 'reading profile names...';
    default:
      return 'reading hierarchy groups...';
  }
}
