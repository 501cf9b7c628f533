/**
 * Phase timings for the benchmark: set CONNECT_USERS_TIMINGS=1 and the app
 * prints, on exit, how long each phase took (JSON on stderr, one line).
 * Costs nothing when the variable is not set.
 */
const enabled = process.env.CONNECT_USERS_TIMINGS === '1';
const phases: Record<string, number> = {};

/** Runs `fn`, adding its duration to `phase` when timings are on. */
export function timed<T>(phase: string, fn: () => T): T {
  if (!enabled) return fn();
  // performance.now() counts from process start: what passed before the first phase is start-up and module loading.
  phases.modules ??= performance.now();
  const start = performance.now();
  try {
    return fn();
  } finally {
    phases[phase] = (phases[phase] ?? 0) + (performance.now() - start);
  }
}

if (enabled) {
  process.on('exit', () => {
    const rounded = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]));
    process.stderr.write(`CONNECT_USERS_TIMINGS ${JSON.stringify({ ...rounded, total: Math.round(performance.now()) })}\n`);
  });
}
