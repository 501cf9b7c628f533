import { Command, InvalidArgumentError, Option } from 'commander';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType, type User } from './model';
import { formatProblem, UsersError } from './problems';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatPlanSummaries, PlanFormatError, summarizePlan } from './plan-summary';
import { spawnSync } from 'node:child_process';
import { affectedStacks, type DescribedStack } from './affected';
import { changedFiles, GitError } from './git';
import { csvTemplate } from './template';
import { DEFAULT_PRIVILEGED_PROFILES, formatReport, type Report, type ReportFormat } from './report';
import { review } from './review';
import { readUsers } from './users';

/** Exit codes CI can act on. */
export const EXIT = { ok: 0, problems: 1, usage: 2, removals: 3, privileges: 4, aws: 5 } as const;

export function main(argv: readonly string[]): void {
  const program = new Command('connect-users')
    .description('Amazon Connect users as code: check and report on the users folder.')
    .showHelpAfterError()
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
    });

  program
    .command('validate')
    .description('Load and validate the users folder; print a summary, or every problem with its file and line.')
    .addOption(dirOption())
    .addOption(imtOption())
    .addOption(plaintextOption())
    .option('--json', 'print the summary (or the problems) as JSON')
    .action((opts: { dir: string; identityManagement: IdentityManagementType; allowPlaintextPasswords?: boolean; json?: boolean }) => {
      try {
        const read = readUsers({
          dir: opts.dir,
          identityManagementType: opts.identityManagement,
          allowPlaintextPasswords: opts.allowPlaintextPasswords,
        });
        for (const note of read.notes) process.stderr.write(`${note}\n`);
        const summary = summarize(read.users);
        if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(formatSummary(summary, opts.dir));
      } catch (err) {
        if (!(err instanceof UsersError)) throw err;
        if (opts.json) process.stdout.write(`${JSON.stringify({ problems: err.problems }, null, 2)}\n`);
        else {
          process.stderr.write(`${err.problems.length} problem(s) in ${opts.dir}:\n`);
          for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
        }
        process.exitCode = EXIT.problems;
      }
    });

  const reviewCommand = (name: string, description: string) =>
    program
      .command(name)
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
      .addOption(new Option('-f, --format <format>', 'text, markdown or json').choices(['text', 'markdown', 'json']).default('text'));

  reviewCommand('diff', 'Report the users added, removed, renamed and changed since --base (field by field, privilege changes first).').action(
    (opts: ReviewCliOptions) => runReview(opts, false),
  );

  reviewCommand(
    'check',
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

  program
    .command('affected')
    .description("Print the stacks whose user files (or shared settings: main.ts, src/, package files) changed since --base, one per line, so CI plans and deploys only those.")
    .option('-b, --base <revision>', 'the git revision to compare with, e.g. origin/main')
    .option('--all', 'print every stack (e.g. when there is no base to compare with)')
    .option('--json', 'print each stack with its users folder and the files that affect it')
    .action((opts: { base?: string; all?: boolean; json?: boolean }) => {
      if (!opts.base === !opts.all) {
        process.stderr.write('connect-users: give either --base <revision> or --all\n');
        process.exitCode = EXIT.usage;
        return;
      }
      try {
        const stacks = describeStacks();
        let affected: (DescribedStack & { because?: readonly string[] })[] = stacks;
        if (opts.base) {
          const { root, files } = changedFiles(opts.base, process.cwd());
          affected = affectedStacks(stacks.map((s) => ({ ...s, usersDir: path.relative(root, path.resolve(s.usersDir)) || '.' })), files);
        }
        process.stdout.write(opts.json ? `${JSON.stringify(affected, null, 2)}\n` : affected.map((s) => `${s.id}\n`).join(''));
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        process.stderr.write(`connect-users: ${err.message}\n`);
        process.exitCode = EXIT.usage;
      }
    });

  program
    .command('export')
    .description(
      "Adopt existing users: read an instance's users (names of profiles and groups included) into a users CSV (no passwords) and an imports file, so the first deploy imports them instead of creating duplicates. Paced for Connect's throttling; resumes after an interruption.",
    )
    .requiredOption('--instance-id <id>', 'the Connect instance id')
    .addOption(new Option('--region <region>', 'its AWS region').env('AWS_REGION'))
    .option('-o, --out <file>', 'the users CSV to write; the imports go beside it (<name>.imports.json)', 'users/imported.csv')
    .addOption(new Option('--rate <n>', 'Connect API requests per second, at most').default(2).argParser(positive))
    .option('--restart', 'ignore the checkpoint of an interrupted export and start over')
    .option('--force', 'overwrite existing output files')
    .action((opts: ExportCliOptions) => runExport(opts));

  program
    .command('plan-summary')
    .description('Summarize `terraform show -json <planfile>` output: aws_connect_user instances to create, update, replace, delete or import, by username.')
    .argument('<plan-json...>', 'one file per stack; the stack is named after the file (connect-users.json -> connect-users)')
    .addOption(new Option('-f, --format <format>', 'text, markdown or json').choices(['text', 'markdown', 'json']).default('text'))
    .action((files: string[], opts: { format: 'text' | 'markdown' | 'json' }) => {
      try {
        const summaries = files.map((file) => summarizePlan(JSON.parse(readFileSync(file, 'utf8')), path.basename(file).replace(/\.json$/i, '')));
        process.stdout.write(formatPlanSummaries(summaries, opts.format));
      } catch (err) {
        if (!(err instanceof PlanFormatError || err instanceof SyntaxError || (err as NodeJS.ErrnoException).code)) throw err;
        process.stderr.write(`connect-users: ${(err as Error).message}\n`);
        process.exitCode = EXIT.usage;
      }
    });

  program
    .command('template')
    .description("Write the console's current CSV template (header + one example row) to start a users file.")
    .option('--saml', 'the SAML variant: no email address and no password columns')
    .option('-o, --out <file>', 'write to this file instead of standard output (refuses to overwrite)')
    .action((opts: { saml?: boolean; out?: string }) => {
      const text = csvTemplate({ saml: opts.saml });
      if (!opts.out) return void process.stdout.write(text);
      try {
        writeFileSync(opts.out, text, { flag: 'wx' });
      } catch (err) {
        process.stderr.write(`connect-users: cannot write ${opts.out}: ${(err as Error).message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.stderr.write(`wrote ${opts.out}\n`);
    });

  void program.parseAsync(argv as string[]);
}

/** Asks the app (cdktf.json's command, in this folder) which stacks it has, without synthesizing. */
function describeStacks(): DescribedStack[] {
  const app = (JSON.parse(readFileSync('cdktf.json', 'utf8')) as { app: string }).app.split(' ');
  const run = spawnSync(app[0] === 'node' ? process.execPath : app[0], app.slice(1), {
    encoding: 'utf8',
    env: { ...process.env, CONNECT_USERS_DESCRIBE: '1' },
  });
  if (run.status !== 0) throw new GitError(`the app could not list its stacks: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as DescribedStack[];
}

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

function runReview(opts: ReviewCliOptions, guard: boolean): void {
  let users;
  try {
    users = readUsers({ dir: opts.dir, identityManagementType: opts.identityManagement, allowPlaintextPasswords: opts.allowPlaintextPasswords }).users;
  } catch (err) {
    if (!(err instanceof UsersError)) throw err;
    process.stderr.write(`${err.problems.length} problem(s) in ${opts.dir}:\n${err.problems.map(formatProblem).join('\n')}\n`);
    process.exitCode = EXIT.problems;
    return;
  }
  let report: Report;
  try {
    report = review(users, {
      ...opts,
      identityManagementType: opts.identityManagement,
      privilegedProfiles: opts.privilegedProfiles.split(',').map((s) => s.trim()).filter(Boolean),
    });
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    process.stderr.write(`connect-users: ${err.message}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  if (!guard) report = { ...report, removalGuard: undefined, privilegeGuard: undefined };
  process.stdout.write(formatReport(report, opts.format));
  if (guard && report.removalGuard && !report.removalGuard.ok) process.exitCode = EXIT.removals;
  else if (guard && report.privilegeGuard && !report.privilegeGuard.ok) process.exitCode = EXIT.privileges;
}

interface ExportCliOptions {
  instanceId: string;
  region?: string;
  out: string;
  rate: number;
  restart?: boolean;
  force?: boolean;
}

async function runExport(opts: ExportCliOptions): Promise<void> {
  const out = path.resolve(opts.out);
  const importsPath = out.replace(/\.csv$/i, '') + '.imports.json';
  const checkpointPath = `${out}.partial.json`;
  if (!opts.force && (existsSync(out) || existsSync(importsPath))) {
    process.stderr.write(`connect-users: ${opts.out} or its imports file exists already: pass --force to overwrite\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  // Loaded only here: the AWS SDK costs ~100 ms that no other command needs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ConnectClient } = require('@aws-sdk/client-connect') as typeof import('@aws-sdk/client-connect');
  const { pacedSender } = require('./export/connect-client') as typeof import('./export/connect-client');
  const { exportUsers, exportedCsv, importsFile } = require('./export/export-users') as typeof import('./export/export-users');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let resumeFrom;
  if (!opts.restart && existsSync(checkpointPath)) {
    resumeFrom = JSON.parse(readFileSync(checkpointPath, 'utf8'));
    process.stderr.write(`resuming: ${resumeFrom.users?.length ?? 0} user(s) already described (--restart to start over)\n`);
  }
  let last = 0;
  const client = pacedSender(new ConnectClient({ region: opts.region, maxAttempts: 1 }), {
    rate: opts.rate,
    onRetry: (attempt, delay, err) => process.stderr.write(`  ${err.name}: retry ${attempt} in ${(delay / 1000).toFixed(1)} s\n`),
  });
  try {
    mkdirSync(path.dirname(out), { recursive: true });
    const result = await exportUsers({
      client,
      instanceId: opts.instanceId,
      resumeFrom,
      saveCheckpoint: (c) => writeFileSync(checkpointPath, JSON.stringify(c)),
      onProgress: (p) => {
        if (Date.now() - last < 1000 && p.done !== p.total) return;
        last = Date.now();
        process.stderr.write(p.phase === 'describe' ? `described ${p.done}/${p.total} users\n` : `reading ${p.phase === 'list' ? 'the user list' : 'profiles'}...\n`);
      },
    });
    writeFileSync(out, exportedCsv(result.users));
    writeFileSync(importsPath, `${JSON.stringify(importsFile(opts.instanceId, result.users), null, 2)}\n`);
    rmSync(checkpointPath, { force: true });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stderr.write(
      `wrote ${result.users.length} user(s) to ${opts.out} and their ids to ${path.relative(process.cwd(), importsPath)} (${client.calls} API calls).\n` +
        'Next: review the file, move it into the users folder of the right stack, run validate, then plan: the users show as "will be imported".\n',
    );
  } catch (err) {
    const e = err as Error;
    process.stderr.write(`connect-users: the export stopped: ${e.name}: ${e.message}\nRun the same command again to resume from ${path.relative(process.cwd(), checkpointPath)}.\n`);
    process.exitCode = EXIT.aws;
  }
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

/** A whole number from the command line or the environment. */
function count(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export function dirOption(): Option {
  return new Option('-d, --dir <folder>', 'the users folder').env('CONNECT_USERS_DIR').default('users');
}

export function imtOption(): Option {
  return new Option('-i, --identity-management <type>', `the instance's identity management type (${IDENTITY_MANAGEMENT_TYPES.join(', ')})`)
    .env('CONNECT_IDENTITY_MANAGEMENT')
    .default('CONNECT_MANAGED')
    .argParser(parseIdentityManagementType);
}

export function plaintextOption(): Option {
  return new Option('--allow-plaintext-passwords', 'accept plaintext passwords in user files (migration only; a warning per file)').env(
    'CONNECT_ALLOW_PLAINTEXT_PASSWORDS',
  );
}

export function parseIdentityManagementType(value: string): IdentityManagementType {
  const upper = value.trim().toUpperCase();
  if ((IDENTITY_MANAGEMENT_TYPES as readonly string[]).includes(upper)) return upper as IdentityManagementType;
  throw new InvalidArgumentError(`expected one of ${IDENTITY_MANAGEMENT_TYPES.join(', ')}`);
}

export interface Summary {
  users: number;
  byFile: Record<string, number>;
  byRoutingProfile: Record<string, number>;
}

export function summarize(users: readonly User[]): Summary {
  const count = (key: (u: User) => string): Record<string, number> => {
    const counts = new Map<string, number>();
    for (const u of users) counts.set(key(u), (counts.get(key(u)) ?? 0) + 1);
    return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  return { users: users.length, byFile: count((u) => u.source.file), byRoutingProfile: count((u) => u.routingProfile) };
}

function formatSummary(s: Summary, dir: string): string {
  const table = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, n]) => `  ${String(n).padStart(6)}  ${name}`)
      .join('\n');
  return `${dir}: ${s.users} valid user(s)\n\nBy file:\n${table(s.byFile)}\n\nBy routing profile:\n${table(s.byRoutingProfile)}\n`;
}
