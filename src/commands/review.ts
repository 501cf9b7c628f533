import { Command, InvalidArgumentError, Option } from 'commander';
import { baseStacks } from '../review/base';
import { escapeText } from '../review/escape';
import { GitError } from '../review/git';
import type { PrivilegeGuardOptions, RemovalGuardOptions } from '../review/guard';
import type { IdentityManagementType } from '../model';
import { UsersError, safeJson } from '../problems';
import { DEFAULT_PRIVILEGED_PROFILES, formatReports, reportJson, type Report, type ReportFormat } from '../review/report';
import { review } from '../review/review';
import { readUsers } from '../users';
import { CommandError, count, dirOption, EXIT, formatOption, imtOption, plaintextOption, reportProblems, reportUsage } from './common';
import { targets } from './stacks';

interface ReviewCliOptions extends RemovalGuardOptions, PrivilegeGuardOptions {
  base: string;
  dir?: string;
  identityManagement?: IdentityManagementType;
  allowPlaintextPasswords?: boolean;
  privilegedProfiles: readonly string[];
  format: ReportFormat;
}

function reviewCommand(name: string, summary: string, description: string): Command {
  return new Command(name)
    .summary(summary)
    .description(description)
    .requiredOption('-b, --base <revision>', 'the git revision to compare the working tree with, e.g. origin/main (required)')
    .addOption(dirOption())
    .addOption(imtOption())
    .addOption(plaintextOption())
    .addOption(privilegedProfilesOption())
    .addOption(formatOption());
}

export function diffCommand(): Command {
  return reviewCommand('diff', 'report who is added, removed, renamed and changed since a git revision', 'Report the users added, removed, renamed and changed since --base (field by field, privilege changes first). Compares the user files as they are in the working tree, uncommitted changes included, with those at --base.').action(
    (opts: ReviewCliOptions) => runReview(opts, false),
  );
}

export function checkCommand(): Command {
  const command = reviewCommand(
    'check',
    'the deletion guard for CI (exit 3/4 until acknowledged)',
    'Deletion guard: like diff (the working tree, uncommitted changes included, against --base), but exits 3 when more users would be removed than allowed (and, with --require-privilege-ack, 4 on privilege changes) unless acknowledged; 2 when the base cannot be read.',
  );
  for (const option of guardOptions('at --base')) command.addOption(option);
  return command.action((opts: ReviewCliOptions) => runReview(opts, true));
}

/** The thresholds and acknowledgements of the guards, shared by `check` and `plan-check`. `before`: where the users the percentage is of are. */
export function guardOptions(before: string): Option[] {
  return [
    new Option('--max-removals <n>', 'removals allowed without acknowledgement').env('CONNECT_USERS_MAX_REMOVALS').default(5).argParser(count),
    new Option('--max-removal-percent <percent>', `removals allowed without acknowledgement, as a % of the users ${before}`)
      .env('CONNECT_USERS_MAX_REMOVAL_PERCENT')
      .default(10)
      .argParser(count),
    new Option('--allow-removals <n>', 'acknowledge up to n removals').env('CONNECT_USERS_ALLOW_REMOVALS').argParser(count),
    new Option('--require-privilege-ack', 'refuse privilege changes unless acknowledged').env('CONNECT_USERS_REQUIRE_PRIVILEGE_ACK'),
    new Option('--allow-privilege-changes', 'acknowledge privilege changes').env('CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES'),
  ];
}

/** The security profiles whose grant is a privilege change: a list that names none is a mistake, never "nothing is privileged". */
export function privilegedProfilesOption(): Option {
  return new Option('--privileged-profiles <names>', 'security profiles whose grant is a privilege change (comma-separated)')
    .env('CONNECT_USERS_PRIVILEGED_PROFILES')
    .default(DEFAULT_PRIVILEGED_PROFILES, DEFAULT_PRIVILEGED_PROFILES.join(','))
    .argParser(parseProfileList);
}

export function parseProfileList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected one or more security profile names separated by commas, got ${JSON.stringify(value)}`);
  return names;
}

/** Exit codes from the most to the least serious: bad user files, then what cannot be judged, then refusals. */
const SEVERITY: readonly number[] = [EXIT.problems, EXIT.usage, EXIT.removals, EXIT.privileges];

/** The more serious of two exit codes. */
export function worse(a: number, b: number): number {
  const rank = (code: number) => (SEVERITY.includes(code) ? SEVERITY.indexOf(code) : SEVERITY.length);
  return rank(b) < rank(a) ? b : a;
}

/** The exit code a guarded report asks for: 2 when the base cannot be read, then 3 for removals, then 4 for privileges. */
export function reportExit(report: Pick<Report, 'unreadable' | 'removalGuard' | 'privilegeGuard'>): number {
  if (report.unreadable && report.unreadable.length > 0) return EXIT.usage;
  if (report.removalGuard && !report.removalGuard.ok) return EXIT.removals;
  if (report.privilegeGuard && !report.privilegeGuard.ok) return EXIT.privileges;
  return EXIT.ok;
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
  const options = (dir: string, stack: string | undefined, identityManagementType: IdentityManagementType, tsTimeoutMs?: number) => ({
    ...opts,
    dir,
    stack,
    identityManagementType,
    tsTimeoutMs,
    acknowledgeWith: 'cli' as const,
  });
  try {
    for (const t of list) {
      let users;
      try {
        users = readUsers(t).users;
      } catch (err) {
        if (!(err instanceof UsersError)) throw err;
        reportProblems(err, t.name);
        worst = worse(worst, EXIT.problems);
        continue;
      }
      const report = review(users, options(t.dir, t.single ? undefined : t.id, t.identityManagementType ?? 'CONNECT_MANAGED', t.tsTimeoutMs));
      reports.push(t.single ? report : { ...report, stack: t.id });
    }
    // A stack the base has and this tree does not: its users are no longer managed here.
    if (list.length > 0 && !list[0].single) {
      const stacks = baseStacks(opts.base, process.cwd());
      const current = new Set(list.map((t) => t.id));
      for (const [id, dir] of stacks instanceof Error ? [] : stacks) {
        if (current.has(id)) continue;
        const report = review([], options(dir, id, 'CONNECT_MANAGED'));
        const warning = `warning: stack ${id} exists at ${opts.base} but not in main.ts any more: all its users count as removed`;
        reports.push({ ...report, stack: id, warnings: [warning, ...(report.warnings ?? [])] });
      }
    }
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    return reportUsage(escapeText(err.message));
  }
  const shown = guard ? reports : reports.map((r) => ({ ...r, removalGuard: undefined, privilegeGuard: undefined }));
  if (guard) worst = reports.map(reportExit).reduce(worse, worst);
  if (opts.format === 'json') {
    const json = list[0]?.single ? (shown[0] ? reportJson(shown[0]) : null) : shown.map(reportJson);
    process.stdout.write(`${safeJson(json, 2)}\n`);
  } else process.stdout.write(formatReports(shown, opts.format));
  const unreadable = guard ? reports.flatMap((r) => r.unreadable ?? []).length : 0;
  if (unreadable > 0) {
    process.stderr.write(`connect-users: ${unreadable} file(s) at ${escapeText(opts.base)} cannot be read (BASE_UNREADABLE): the deletion guard does not judge a change it cannot see\n`);
  }
  process.exitCode = worst;
}
