/**
 * Runs the cdktf app from main.ts (through src/run-stacks.ts): builds one
 * ConnectUsersStack per config, prints the admin's notes, and synthesizes.
 * Problems in user files or a stack's props are printed as a list (no stack
 * trace) and end the process with exit code 1 before any Terraform is written.
 */
import { App } from 'cdktf';
import { UsersError, type Problem } from '../problems';
import { instanceOf, usernamesAcrossStacks } from '../validate/across-stacks';
import { ConnectUsersStack, type ConnectUsersStackProps } from './connect-users-stack';
import { timed } from '../timings';
import { reportUsersError } from './uncaught';

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
    // Every stack's problems together: one run shows all that is wrong.
    const problems: Problem[] = [];
    const stacks: ConnectUsersStack[] = [];
    for (const { id, ...props } of configs) {
      try {
        stacks.push(timed('stack', () => new ConnectUsersStack(app, id, props)));
      } catch (err) {
        if (!(err instanceof UsersError)) throw err;
        problems.push(...err.problems);
      }
    }
    if (problems.length > 0) throw new UsersError(problems);
    const across = usernamesAcrossStacks(stacks.map((stack, i) => ({ id: stack.node.id, instance: instanceOf(configs[i]), users: stack.users })));
    if (across.length > 0) throw new UsersError(across);
    for (const stack of stacks) for (const note of stack.notes) process.stdout.write(`${note}\n`);
    timed('synth', () => app.synth());
  });
}

export function runApp(body: () => void): void {
  try {
    body();
  } catch (err) {
    if (err instanceof UsersError) return reportUsersError(err);
    throw err;
  }
}
