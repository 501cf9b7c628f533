import type { Command } from 'commander';
import { affectedCommand } from '../../src/commands/affected';
import { costCommand } from '../../src/commands/cost';
import { driftCommand } from '../../src/commands/drift';
import { exportCommand } from '../../src/commands/export';
import { planCheckCommand } from '../../src/commands/plan-check';
import { planSummaryCommand } from '../../src/commands/plan-summary';
import { checkCommand, diffCommand } from '../../src/commands/review';
import { templateCommand } from '../../src/commands/template';
import { validateCommand } from '../../src/commands/validate';

/** A command's --help as printed when stdout is not a terminal (CI, a pipe): 80 columns. */
function help(command: Command): string {
  const tty = process.stdout.isTTY;
  process.stdout.isTTY = false;
  try {
    return command.helpInformation();
  } finally {
    process.stdout.isTTY = tty;
  }
}

const COMMANDS = [validateCommand, diffCommand, checkCommand, affectedCommand, planSummaryCommand, planCheckCommand, exportCommand, driftCommand, costCommand, templateCommand];

describe('--help of every command', () => {
  it.each(COMMANDS.map((c) => [c().name(), c] as const))('%s: wrapped at 80 columns', (_, make) => {
    const long = help(make()).split('\n').filter((line) => line.length > 80);
    expect(long).toStrictEqual([]);
  });

  it.each([diffCommand, checkCommand])('%p: says --base is required, and that the working tree (uncommitted changes included) is compared', (make) => {
    const text = help(make()).replace(/\s+/g, ' ');
    expect(text).toContain('-b, --base <revision> the git revision to compare the working tree with, e.g. origin/main (required)');
    expect(text).toMatch(/the working tree, uncommitted changes included/);
  });

  it('affected: says what it prints when no stack is affected', () => {
    expect(help(affectedCommand()).replace(/\s+/g, ' ')).toContain('When no stack is affected, stdout stays empty (exit 0) and stderr says so.');
  });
});
