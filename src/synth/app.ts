/**
 * Runs the cdktf app from main.ts (through src/run-stacks.ts): builds one
 * ConnectUsersStack per config, prints the admin's notes, and synthesizes.
 * Problems in user files are printed as a list (no stack trace) and end the
 * process with exit code 1 before any Terraform is written.
 */
import { App } from 'cdktf';
import { formatLocation, formatProblem, UsersError, type Problem } from '../problems';
import { ConnectUsersStack, type ConnectUsersStackProps } from './connect-users-stack';
import { timed } from '../timings';

export interface StackConfig extends ConnectUsersStackProps {
  /** The stack's name: `cdktf plan <id>`, and its folder in cdktf.out/stacks. */
  readonly id: string;
}

/**
 * Synthesizes the stacks. Notes go to stdout: `cdktf synth` shows the app's
 * stdout as plain lines and its stderr as red `[ERROR]` lines, so only the
 * problems (which are errors) go to stderr.
 */
export function synthStacks(configs: readonly StackConfig[]): void {
  runApp(() => {
    const app = new App();
    const stacks = configs.map(({ id, ...props }) => timed('stack', () => new ConnectUsersStack(app, id, props)));
    checkAcrossStacks(stacks, configs);
    for (const stack of stacks) for (const note of stack.notes) process.stdout.write(`${note}\n`);
    timed('synth', () => app.synth());
  });
}

/** Stacks on the same instance must not both define a username: the second create would fail at apply. */
function checkAcrossStacks(stacks: readonly ConnectUsersStack[], configs: readonly StackConfig[]): void {
  const seen = new Map<string, { stack: string; where: string }>();
  const problems: Problem[] = [];
  stacks.forEach((stack, i) => {
    const instance = configs[i].instanceId ?? `alias:${configs[i].instanceAlias}`;
    for (const user of stack.users) {
      const key = `${instance}\u0000${user.username.toLowerCase()}`;
      const other = seen.get(key);
      if (other) {
        problems.push({
          ...user.source,
          field: 'username',
          code: 'DUPLICATE_USERNAME_ACROSS_STACKS',
          message: `"${user.username}" is also defined at ${other.where} (stack ${other.stack}) on the same instance: keep it in one stack`,
        });
      } else seen.set(key, { stack: stack.node.id, where: formatLocation(user.source) });
    }
  });
  if (problems.length > 0) throw new UsersError(problems);
}

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
