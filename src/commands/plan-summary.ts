import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { formatPlanSummaries, PlanFormatError, summarizePlan } from '../review/plan-summary';
import { formatOption, reportUsage } from './common';

export function planSummaryCommand(): Command {
  return new Command('plan-summary')
    .summary('summarize a Terraform JSON plan by username')
    .description('Summarize `terraform show -json <planfile>` output: aws_connect_user instances to create, update, replace, delete or import, by username.')
    .argument('<plan-json...>', 'one file per stack; the stack is named after the file (connect-users.json -> connect-users)')
    .addOption(formatOption())
    .action((files: string[], opts: { format: 'text' | 'markdown' | 'json' }) => {
      try {
        const summaries = files.map((file) => summarizePlan(JSON.parse(readFileSync(file, 'utf8')), path.basename(file).replace(/\.json$/i, '')));
        process.stdout.write(formatPlanSummaries(summaries, opts.format));
      } catch (err) {
        if (!(err instanceof PlanFormatError || err instanceof SyntaxError || (err as NodeJS.ErrnoException).code)) throw err;
        reportUsage((err as Error).message);
      }
    });
}
