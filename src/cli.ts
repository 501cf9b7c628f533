/** The connect-users command line: one file per command under src/commands. */
import { Command } from 'commander';
import { affectedCommand } from './commands/affected';
import { EXIT } from './commands/common';
import { costCommand } from './commands/cost';
import { driftCommand } from './commands/drift';
import { exportCommand } from './commands/export';
import { planCheckCommand } from './commands/plan-check';
import { planSummaryCommand } from './commands/plan-summary';
import { checkCommand, diffCommand } from './commands/review';
import { templateCommand } from './commands/template';
import { validateCommand } from './commands/validate';

export { EXIT } from './commands/common';

export function main(argv: readonly string[]): void {
  const program = new Command('connect-users')
    .description('Amazon Connect users as code: check, review and adopt the users of Connect instances.')
    .showHelpAfterError();
  const commands = [
    validateCommand(),
    diffCommand(),
    checkCommand(),
    affectedCommand(),
    planSummaryCommand(),
    planCheckCommand(),
    exportCommand(),
    driftCommand(),
    costCommand(),
    templateCommand(),
  ];
  for (const command of commands) program.addCommand(command);
  // Every command (and its help) exits 2 on a wrong command line, 0 after --help.
  for (const command of [program, ...commands]) {
    command.showHelpAfterError().exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage));
  }
  normalizeEnv(commands, process.env);
  void program.parseAsync(argv as string[]);
}

/**
 * Commander turns a flag on when its variable is merely defined, and passes ''
 * on as a value. CI sets variables to '' or 'false' to mean "off" (e.g.
 * `X: ${{ cond && 'true' || '' }}`), which must never acknowledge anything. So:
 * a flag's variable counts only when it is 1, true or yes; an empty value
 * counts as not set.
 */
export function normalizeEnv(commands: readonly Command[], env: NodeJS.ProcessEnv): void {
  for (const option of commands.flatMap((c) => c.options)) {
    const name = option.envVar;
    if (!name || env[name] === undefined) continue;
    const value = env[name]!.trim();
    const isFlag = !option.required && !option.optional;
    if (value === '' || (isFlag && !/^(1|true|yes)$/i.test(value))) delete env[name];
  }
}
