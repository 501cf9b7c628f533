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
import type { Problem } from './problems';
import { settingsMessage } from './commands/stacks';
import { isSettingName, parseSetting, parseSwitch, readSetting } from './settings';

// esbuild inlines it into dist/cli.js; a change to package.json rebuilds dist (bin/ensure-built.js).
const { version } = require('../package.json') as { version: string };

export { EXIT } from './commands/common';

export function main(argv: readonly string[]): void {
  const program = new Command('connect-users')
    .description('Amazon Connect users as code: check, review and adopt the users of Connect instances.')
    .version(version, '-V, --version', "print connect-users' version")
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
  // Before a command reads its options' variables: read them the way main.ts does, or stop.
  program.hook('preSubcommand', (_program, command) => {
    const problems = checkEnv(command, process.env);
    if (problems.length === 0) return;
    process.stderr.write(`connect-users: ${settingsMessage(problems)}\n`);
    process.exit(EXIT.usage);
  });
  void program.parseAsync(argv as string[]);
}

/**
 * Reads the variables of `command`'s options through src/settings.ts, as
 * main.ts does, and leaves commander only what it reads the same way: an
 * empty variable is unset (deleted), a switch counts only when on (1, true or
 * yes; commander would turn a flag on whenever its variable is defined, even
 * as '' or 'false'), and any other invalid value is a problem.
 */
export function checkEnv(command: Command, env: NodeJS.ProcessEnv): Problem[] {
  const problems: Problem[] = [];
  for (const option of command.options) {
    const name = option.envVar;
    if (!name || env[name] === undefined) continue;
    if (env[name]!.trim() === '') {
      delete env[name];
      continue;
    }
    // Every variable is in src/settings.ts (test/docs/settings.test.ts); a switch is read as one regardless.
    const isSwitch = !option.required && !option.optional;
    const read = isSettingName(name) ? readSetting(name, env) : isSwitch ? parseSetting(name, env[name]!, parseSwitch) : { value: env[name] };
    if ('problem' in read) problems.push(read.problem);
    else if (read.value === false) delete env[name];
  }
  return problems;
}
