/**
 * Progress of a long read on stderr: on a terminal, at most a line per
 * second; in CI (not a terminal) nothing, the command prints a final summary.
 */
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
