/**
 * How a `UsersError` reaches the admin: a list of problems on stderr and exit code 1, never a
 * stack trace. `synthStacks` (main.ts through runStacks) catches it itself; an admin's own cdktf
 * app that does `new ConnectUsersStack(app, ...)` does not, so the stack installs, once, a
 * process-level handler that does the same for a UsersError nobody caught (thrown, or rejected
 * in an async main: Node raises an unhandled rejection as an uncaught exception). Other errors
 * end as they would without it: printed, exit code 1.
 */
import { inspect } from 'node:util';
import { formatProblem, UsersError } from '../problems';

/** Prints every problem of `err` for the admin (stderr) and sets exit code 1. */
export function reportUsersError(err: UsersError): void {
  const props = err.problems.filter((p) => p.code === 'INVALID_PROP').length;
  const where = props === 0 ? 'in the user files' : props === err.problems.length ? "in the stack's props" : "in the stack's props and the user files";
  process.stderr.write(`connect-users: ${err.problems.length} problem(s) ${where}; nothing was synthesized.\n`);
  for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.exitCode = 1;
}

let installed = false;

/** Installs the handler for uncaught UsersErrors (once per process). */
export function reportUncaughtUsersErrors(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', onUncaught);
}

function onUncaught(err: unknown): void {
  if (err instanceof UsersError) return reportUsersError(err);
  // Another handler (the admin's, a test runner's) decides what happens to other errors.
  if (process.listenerCount('uncaughtException') > 1) return;
  // Alone, ours would swallow every other error: do what Node does without a handler, print
  // it (inspect, as Node does) and exit with code 1. (Throwing it again would print this
  // file's line as where it was thrown.)
  process.stderr.write(`${inspect(err)}\n`);
  process.exit(1);
}
