import { Command, Option } from 'commander';
import { GitError } from '../git';
import type { IdentityManagementType } from '../model';
import { UsersError } from '../problems';
import { DEFAULT_PRIVILEGED_PROFILES, formatReport, type ReportFormat } from '../report';
import { review } from '../review';
import { readUsers } from '../users';
import { count, dirOption, EXIT, formatOption, imtOption, plaintextOption, reportProblems, reportUsage } from './common';

interface ReviewCliOptions {
  base: string;
  dir: string;
  identityManagement: IdentityManagementType;
  allowPlaintextPasswords?: boolean;
  privilegedProfiles: string;
  format: ReportFormat;
  maxRemovals?: number;
  maxRemovalPercent?: number;
  allowRemovals?: number;
  requirePrivilegeAck?: boolean;
  allowPrivilegeChanges?: boolean;
}

function reviewCommand(name: string, summary: string, description: string): Command {
  return new Command(name)
    .summary(summary)
    .description(description)
    .requiredOption('-b, --base <revision>', 'the git revision to compare with, e.g. origin/main')
    .addOption(dirOption())
    .addOption(imtOption('CONNECT_MANAGED'))
    .addOption(plaintextOption())
    .addOption(
      new Option('--privileged-profiles <names>', 'security profiles whose grant is a privilege change (comma-separated)')
        .env('CONNECT_USERS_PRIVILEGED_PROFILES')
        .default(DEFAULT_PRIVILEGED_PROFILES.join(',')),
    )
    .addOption(formatOption());
}

export function diffCommand(): Command {
  return reviewCommand('diff', 'report who is added, removed, renamed and changed since a git revision', 'Report the users added, removed, renamed and changed since --base (field by field, privilege changes first).').action(
    (opts: ReviewCliOptions) => runReview(opts, false),
  );
}

export function checkCommand(): Command {
  return reviewCommand(
    'check',
    'the deletion guard for CI (exit 3/4 until acknowledged)',
    'Deletion guard: like diff, but exits 3 when more users would be removed than allowed (and, with --require-privilege-ack, 4 on privilege changes) unless acknowledged.',
  )
    .addOption(new Option('--max-removals <n>', 'removals allowed without acknowledgement').env('CONNECT_USERS_MAX_REMOVALS').default(5).argParser(count))
    .addOption(
      new Option('--max-removal-percent <percent>', 'removals allowed without acknowledgement, as a % of the users at --base')
        .env('CONNECT_USERS_MAX_REMOVAL_PERCENT')
        .default(10)
        .argParser(count),
    )
    .addOption(new Option('--allow-removals <n>', 'acknowledge up to n removals').env('CONNECT_USERS_ALLOW_REMOVALS').argParser(count))
    .addOption(new Option('--require-privilege-ack', 'refuse privilege changes unless acknowledged').env('CONNECT_USERS_REQUIRE_PRIVILEGE_ACK'))
    .addOption(new Option('--allow-privilege-changes', 'acknowledge privilege changes').env('CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES'))
    .action((opts: ReviewCliOptions) => runReview(opts, true));
}

function runReview(opts: ReviewCliOptions, guard: boolean): void {
  let users;
  try {
    users = readUsers({ dir: opts.dir, identityManagementType: opts.identityManagement, allowPlaintextPasswords: opts.allowPlaintextPasswords }).users;
  } catch (err) {
    if (!(err instanceof UsersError)) throw err;
    return reportProblems(err, opts.dir);
  }
  let report;
  try {
    report = review(users, {
      ...opts,
      identityManagementType: opts.identityManagement,
      privilegedProfiles: opts.privilegedProfiles.split(',').map((s) => s.trim()).filter(Boolean),
    });
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    return reportUsage(err.message);
  }
  if (!guard) report = { ...report, removalGuard: undefined, privilegeGuard: undefined };
  process.stdout.write(formatReport(report, opts.format));
  if (guard && report.removalGuard && !report.removalGuard.ok) process.exitCode = EXIT.removals;
  else if (guard && report.privilegeGuard && !report.privilegeGuard.ok) process.exitCode = EXIT.privileges;
}
