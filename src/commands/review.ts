import { Command, Option } from 'commander';
import { GitError } from '../review/git';
import type { IdentityManagementType } from '../model';
import { UsersError } from '../problems';
import { DEFAULT_PRIVILEGED_PROFILES, formatReport, reportJson, type Report, type ReportFormat } from '../review/report';
import { review } from '../review/review';
import { readUsers } from '../users';
import { CommandError, count, dirOption, EXIT, formatOption, imtOption, plaintextOption, reportProblems, reportUsage } from './common';
import { targets } from './stacks';

interface ReviewCliOptions {
  base: string;
  dir?: string;
  identityManagement?: IdentityManagementType;
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
    .addOption(imtOption())
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
  let list;
  try {
    list = targets(opts);
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    return reportUsage(err.message);
  }
  const reports: Report[] = [];
  let worst: number = EXIT.ok;
  for (const t of list) {
    let users;
    try {
      users = readUsers(t).users;
    } catch (err) {
      if (!(err instanceof UsersError)) throw err;
      reportProblems(err, t.name);
      worst = EXIT.problems;
      continue;
    }
    let report: Report;
    try {
      report = review(users, {
        ...opts,
        dir: t.dir,
        identityManagementType: t.identityManagementType ?? 'CONNECT_MANAGED',
        privilegedProfiles: opts.privilegedProfiles.split(',').map((s) => s.trim()).filter(Boolean),
      });
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      return reportUsage(err.message);
    }
    if (!t.single) report = { ...report, stack: t.id };
    if (!guard) report = { ...report, removalGuard: undefined, privilegeGuard: undefined };
    reports.push(report);
    if (worst === EXIT.ok || worst === EXIT.privileges) {
      if (report.removalGuard && !report.removalGuard.ok) worst = EXIT.removals;
      else if (report.privilegeGuard && !report.privilegeGuard.ok) worst = EXIT.privileges;
    }
  }
  process.stdout.write(
    opts.format === 'json'
      ? `${JSON.stringify(list[0]?.single ? reportJson(reports[0]) : reports.map(reportJson), null, 2)}\n`
      : reports.map((r) => formatReport(r, opts.format)).join('\n'),
  );
  process.exitCode = worst;
}
