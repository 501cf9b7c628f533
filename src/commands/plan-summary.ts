import * as path from 'node:path';
import { Command } from 'commander';
import { formatPlanSummaries, PlanFormatError, readPlanFile, summarizePlan, type PlanSummary } from '../review/plan-summary';
import { escapeText } from '../review/escape';
import { EXIT, formatOption } from './common';

/** The stack a plan file is about: plans/connect-users.json -> connect-users. */
export function stackOfPlanFile(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

/** Reads each plan file as a stack's plan; every file that cannot be read is named, with what is wrong (PLAN_UNREADABLE, exit 2). */
export function readPlans<T>(files: readonly string[], use: (summary: PlanSummary) => T): T[] | undefined {
  const results: T[] = [];
  const errors: { code: string; message: string }[] = [];
  for (const file of files) {
    try {
      results.push(use(summarizePlan(readPlanFile(file), file)));
    } catch (err) {
      if (!(err instanceof PlanFormatError)) throw err;
      errors.push({ code: 'PLAN_UNREADABLE', message: err.message });
    }
  }
  if (errors.length === 0) return results;
  process.stderr.write(errors.map((e) => `connect-users: ${escapeText(e.message)} (${e.code})\n`).join(''));
  process.exitCode = EXIT.usage;
  return undefined;
}

export function planSummaryCommand(): Command {
  return new Command('plan-summary')
    .summary('summarize a Terraform JSON plan by username')
    .description('Summarize `terraform show -json <planfile>` output: aws_connect_user instances to create, update, replace, delete or import, by username.')
    .argument('<plan-json...>', 'one file per stack; the stack is named after the file (connect-users.json -> connect-users)')
    .addOption(formatOption())
    .action((files: string[], opts: { format: 'text' | 'markdown' | 'json' }) => {
      const summaries = readPlans(files, (s) => ({ ...s, label: stackOfPlanFile(s.label) }));
      if (summaries) process.stdout.write(formatPlanSummaries(summaries, opts.format));
    });
}
