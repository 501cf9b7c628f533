import { Command } from 'commander';
import type { PrivilegeGuardOptions, RemovalGuardOptions } from '../review/guard';
import { checkPlan, formatPlanChecks } from '../review/plan-check';
import { EXIT, formatOption } from './common';
import { readPlans, stackOfPlanFile } from './plan-summary';
import { guardOptions, privilegedProfilesOption, reportExit, worse } from './review';

interface PlanCheckCliOptions extends RemovalGuardOptions, PrivilegeGuardOptions {
  privilegedProfiles: readonly string[];
  format: 'text' | 'markdown' | 'json';
}

export function planCheckCommand(): Command {
  const command = new Command('plan-check')
    .summary('the deletion and privilege guards on a Terraform plan (exit 3/4 until acknowledged)')
    .description(
      'Check `terraform show -json <planfile>` output: exits 3 when the plan deletes or replaces more aws_connect_user instances than allowed, and (with --require-privilege-ack) 4 when it gives a user a privileged security profile, unless acknowledged; 2 when a plan cannot be read. Same thresholds and acknowledgements as check.',
    )
    .argument('<plan-json...>', 'one file per stack; the stack is named after the file (connect-users.json -> connect-users)');
  for (const option of guardOptions('in the prior state')) command.addOption(option);
  return command
    .addOption(privilegedProfilesOption())
    .addOption(formatOption())
    .action((files: string[], opts: PlanCheckCliOptions) => {
      const checks = readPlans(files, (s) => checkPlan({ ...s, label: stackOfPlanFile(s.label) }, { ...opts, acknowledgeWith: 'cli' }));
      if (!checks) return;
      process.stdout.write(formatPlanChecks(checks, opts.format));
      process.exitCode = checks.map(reportExit).reduce(worse, EXIT.ok);
    });
}
