import { formatProblem, UsersError } from './problems';

/**
 * Runs the body of a cdktf app (`main.ts`): a `UsersError` is printed as the
 * admin's list of problems (no stack trace) and ends the process with exit
 * code 1, before any Terraform is written.
 */
export function runApp(body: () => void): void {
  try {
    body();
  } catch (err) {
    if (err instanceof UsersError) {
      process.stderr.write(`connect-users: ${err.problems.length} problem(s) in the user files; nothing was synthesized.\n`);
      for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
