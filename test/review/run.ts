/**
 * Runs a connect-users command in this process, as `connect-users <args>`
 * would (the same option parsing, variables and exit codes), without the
 * ~0.3 s of starting Node: the review tests run many.
 */
import { Command, CommanderError } from 'commander';
import { checkEnv } from '../../src/cli';
import { affectedCommand } from '../../src/commands/affected';
import { planCheckCommand } from '../../src/commands/plan-check';
import { planSummaryCommand } from '../../src/commands/plan-summary';
import { checkCommand, diffCommand } from '../../src/commands/review';
import { formatProblem } from '../../src/problems';

/** The program of src/cli.ts `main`, with the review commands, for a promise to await. */
function program(): Command {
  const commands = [diffCommand(), checkCommand(), affectedCommand(), planSummaryCommand(), planCheckCommand()];
  const root = new Command('connect-users');
  for (const command of commands) root.addCommand(command);
  for (const command of [root, ...commands]) {
    command.exitOverride((err) => {
      throw new CommanderError(err.exitCode === 0 ? 0 : 2, err.code, err.message);
    });
  }
  return root;
}

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function run(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    if (cwd) process.chdir(cwd);
    const root = program();
    // As src/cli.ts's preSubcommand hook: the command's variables are read through src/settings.ts first.
    const command = root.commands.find((c) => c.name() === args[0]);
    const problems = command ? checkEnv(command, process.env) : [];
    if (problems.length > 0) {
      stderr += `connect-users: ${problems.length} problem(s) in the settings:\n${problems.map(formatProblem).join('\n')}\n`;
      return { status: 2, stdout, stderr };
    }
    await root.parseAsync(['node', 'connect-users', ...args]);
    return { status: Number(process.exitCode ?? 0), stdout, stderr };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { status: e.exitCode, stdout, stderr };
  } finally {
    process.chdir(savedCwd);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    process.exitCode = savedExitCode;
    out.mockRestore();
    err.mockRestore();
  }
}
