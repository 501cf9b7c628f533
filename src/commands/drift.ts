import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { IdentityManagementType } from '../model';
import { UsersError } from '../problems';
import { readUsers } from '../users';
import { CommandError, dirOption, EXIT, formatOption, imtOption, plaintextOption, positive, reportProblems, reportUsage } from './common';
import type { StackDescription } from '../run-stacks';
import { PLACEHOLDER_INSTANCE_IDS } from '../settings';
import { describeStacks, targets } from './stacks';
import type { CommandSender, PacedSender } from '../connect/client';

/** Exit code when drift is found. */
export const DRIFT_FOUND = EXIT.drift;

interface DriftCliOptions {
  dir?: string;
  instanceId?: string;
  region?: string;
  profile?: string;
  defaultTag?: Record<string, string>;
  stack?: string[];
  identityManagement?: IdentityManagementType;
  allowPlaintextPasswords?: boolean;
  emails?: boolean;
  allowUnmanaged?: boolean;
  ignoreUser?: string[];
  format: 'text' | 'markdown' | 'json';
  jsonOut?: string;
  rate: number;
}

/** What the app says of a stack (`CONNECT_USERS_DESCRIBE=1`), with where its users live; with --dir, what the options say. */
type DriftStack = Omit<StackDescription, 'instance'>;

export function driftCommand(): Command {
  return new Command('drift')
    .summary('compare the users in Connect with the user files (exit 6 on drift)')
    .description(
      "Compare each stack's user files with the users of its Connect instance: users missing from Connect, users changed there field by field, and users in Connect that no stack's files manage. Reads each instance with SearchUsers (100 users a call); emails only with --emails (one DescribeUser per user). Refuses a stack still on the sample main.ts's placeholder instance id. Exit codes: 0 no drift, 1 problems in the user files, 2 wrong command line (also: a placeholder instance id, no AWS region, no AWS credentials; said before any call), 5 AWS error, 6 drift found.",
    )
    .addOption(dirOption())
    .option('--instance-id <id>', 'with --dir: the Connect instance of that folder')
    .addOption(new Option('--region <region>', 'with --dir: its AWS region (stacks use their own)').env('AWS_REGION'))
    .addOption(new Option('--profile <name>', 'the AWS profile to use').env('AWS_PROFILE'))
    .addOption(new Option('--default-tag <key=value>', "with --dir: a tag of the stack's defaultTags (repeat for more)").argParser(tagPair))
    .addOption(new Option('--stack <id>', 'only this stack (repeat for more; default: every stack)').argParser((v: string, prev: string[] = []) => [...prev, v]))
    .addOption(imtOption())
    .addOption(plaintextOption())
    .option('--emails', 'compare emails too: one DescribeUser per managed user (~100x the calls)')
    .option('--allow-unmanaged', 'list users that no file manages, but do not count them as drift')
    .addOption(
      new Option('--ignore-user <usernames>', 'a user that no file manages on purpose (an admin): listed as ignored, not drift (comma-separated, or repeat the option)').argParser(usernameList),
    )
    .addOption(formatOption())
    .option('--json-out <file>', 'also write the JSON report to this file (for CI: which stacks drifted)')
    .addOption(new Option('--rate <n>', 'Connect API requests per second, at most').default(2).argParser(positive))
    .action((opts: DriftCliOptions) => runDrift(opts));
}

/** Usernames, comma-separated (no Connect username has a comma), added to those of an earlier --ignore-user. */
export function usernameList(value: string, previous: string[] = []): string[] {
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected one or more usernames separated by commas, got ${JSON.stringify(value)}`);
  return [...previous, ...names];
}

function tagPair(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** For tests: the client for a region instead of a ConnectClient from the standard AWS configuration. */
export interface DriftDeps {
  readonly clientFor?: (region: string | undefined) => CommandSender;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export async function runDrift(opts: DriftCliOptions, deps: DriftDeps = {}): Promise<void> {
  if (opts.dir && !opts.instanceId) return reportUsage('with --dir, give the instance with --instance-id');
  if (!opts.dir && (opts.instanceId || opts.defaultTag)) return reportUsage('--instance-id and --default-tag go with --dir; stacks take theirs from main.ts');
  let described: DriftStack[];
  try {
    described = opts.dir
      ? targets(opts).map((t) => ({
          id: t.id,
          usersDir: t.dir,
          identityManagementType: t.identityManagementType,
          instanceId: opts.instanceId,
          region: opts.region,
          defaultTags: opts.defaultTag,
          tsTimeoutMs: t.tsTimeoutMs,
        }))
      : describeStacks();
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    return reportUsage(err.message);
  }
  const unknown = (opts.stack ?? []).filter((id) => !described.some((s) => s.id === id));
  if (unknown.length > 0) return reportUsage(`no stack ${unknown.join(', ')} in main.ts: the stacks are ${described.map((s) => s.id).join(', ')}`);
  const isSelected = (s: DriftStack) => !opts.stack || opts.stack.includes(s.id);
  // The sample main.ts's placeholder instances do not exist: refuse them before reading any file or calling AWS.
  const placeholders = described.filter((s) => isSelected(s) && s.instanceId !== undefined && Object.hasOwn(PLACEHOLDER_INSTANCE_IDS, s.instanceId));
  if (placeholders.length > 0) {
    const others = described.filter((s) => isSelected(s) && !placeholders.includes(s)).map((s) => `--stack ${s.id}`);
    const lines = placeholders.map((s) =>
      opts.dir
        ? `--instance-id ${s.instanceId} is the placeholder of the sample main.ts, not an instance: give the id of your Connect instance`
        : `stack ${s.id}: the instance id is the placeholder ${s.instanceId}: set ${PLACEHOLDER_INSTANCE_IDS[s.instanceId!]}`,
    );
    if (others.length > 0) lines.push(`to check only the other stacks, pass ${others.join(' ')}`);
    return reportUsage(lines.join('\nconnect-users: '));
  }

  /* eslint-disable @typescript-eslint/no-require-imports */
  const { awsSetupProblem, connectClient, pacedSender } = require('../connect/client') as typeof import('../connect/client');
  const { awsSetupMessage, describeError, isAwsError } = require('../connect/errors') as typeof import('../connect/errors');
  const { progressText, throttledProgress } = require('../connect/progress') as typeof import('../connect/progress');
  const { escapeText: visible } = require('../review/escape') as typeof import('../review/escape');
  const { checkDrift, hasDrift } = require('../drift/check') as typeof import('../drift/check');
  const { formatDrift } = require('../drift/report') as typeof import('../drift/report');
  /* eslint-enable @typescript-eslint/no-require-imports */

  let problems = 0;
  const stacks = described.map((s) => {
    const selected = isSelected(s);
    const identityManagementType = opts.identityManagement ?? s.identityManagementType;
    let users;
    try {
      const read = readUsers({
        dir: s.usersDir,
        identityManagementType,
        allowPlaintextPasswords: opts.allowPlaintextPasswords ?? s.allowPlaintextPasswords,
        tsTimeoutMs: s.tsTimeoutMs,
      });
      users = read.users;
    } catch (err) {
      if (!(err instanceof UsersError)) throw err;
      if (selected) {
        reportProblems(err, s.id);
        problems++;
      }
    }
    return { id: s.id, instanceId: s.instanceId, instanceAlias: s.instanceAlias, region: s.region, defaultTags: s.defaultTags, identityManagementType, users, selected };
  });

  const clients = new Map<string, CommandSender>();
  const rawClientFor = (region: string | undefined) => {
    const key = region ?? '';
    if (!clients.has(key)) clients.set(key, deps.clientFor?.(region) ?? connectClient({ region, profile: opts.profile }));
    return clients.get(key)!;
  };
  const senders = new Map<string, PacedSender>();
  const clientFor = (region: string | undefined) => {
    const key = region ?? '';
    if (!senders.has(key)) {
      senders.set(key, pacedSender(rawClientFor(region), { rate: opts.rate, sleep: deps.sleep, now: deps.now, onRetry: (attempt, delay, err) => process.stderr.write(`  ${visible(err.name)}: retry ${attempt} in ${(delay / 1000).toFixed(1)} s\n`) }));
    }
    return senders.get(key)!;
  };

  // No region or no credentials: said for every stack to read, before any call (exit 2; 1 if files have problems too).
  const toRead = stacks.filter((s) => s.selected && s.users);
  const setupMessages: string[] = [];
  let credentialsChecked = false;
  for (const region of new Set(toRead.map((s) => s.region))) {
    let setup;
    try {
      setup = await awsSetupProblem(rawClientFor(region));
    } catch (err) {
      // An AWS error on the way to credentials (the STS call of a role to assume): no stack was checked.
      if (!isAwsError(err)) throw err;
      process.stderr.write(`connect-users: drift stopped before reading Connect: ${visible(describeError(err))}\n`);
      process.exitCode = EXIT.aws;
      return;
    }
    if (!setup || (setup.kind === 'credentials' && credentialsChecked)) continue;
    credentialsChecked ||= setup.kind === 'credentials';
    const ids = toRead.filter((s) => s.region === region).map((s) => s.id);
    const how = opts.dir ? undefined : `set AWS_REGION, or give the stack a region in main.ts`;
    const message = awsSetupMessage(setup, how);
    setupMessages.push(setup.kind === 'credentials' || opts.dir ? message : message.replace(/^(no AWS region|not a valid AWS region)/, `$1 for stack ${ids.join(', ')}`));
  }
  if (setupMessages.length > 0) {
    const again = setupMessages.some((m) => m.startsWith('no usable AWS credentials')) ? '. Then run the same command again.' : '';
    process.stderr.write(setupMessages.map((m, i) => `connect-users: ${visible(m)}${i === setupMessages.length - 1 ? again : ''}\n`).join(''));
    process.exitCode = problems > 0 ? EXIT.problems : EXIT.usage;
    return;
  }
  const progress = throttledProgress(process.stderr, deps.now);
  const reports = await checkDrift(stacks, {
    clientFor,
    emails: opts.emails,
    ignoreUsers: opts.ignoreUser,
    onProgress: (instance, p) => progress(() => `${visible(instance)}: ${progressText(p)}`),
  });
  const formatOptions = { single: Boolean(opts.dir), allowUnmanaged: opts.allowUnmanaged };
  process.stdout.write(formatDrift(reports, opts.format, formatOptions));
  let written = true;
  if (opts.jsonOut) {
    try {
      writeFileSync(opts.jsonOut, formatDrift(reports, 'json', { ...formatOptions, single: false }));
    } catch (err) {
      reportUsage(`cannot write ${opts.jsonOut}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      written = false;
    }
  }

  // Only requests sent count (retries included); "checked" only the stacks whose instance was read.
  const calls = [...senders.values()].reduce((n, s) => n + s.calls, 0);
  const drifted = reports.filter((r) => hasDrift(r, opts));
  const failed = reports.filter((r) => r.error);
  const checked = reports.length - failed.length;
  const notChecked = [
    ...(failed.length > 0 ? [`${failed.length} not checked (AWS error)`] : []),
    ...(problems > 0 ? [`${problems} not checked (problems in the user files)`] : []),
  ];
  process.stderr.write(
    `drift: ${[`${checked} stack(s) checked`, ...notChecked].join(', ')}${notChecked.length > 0 ? ',' : ''} with ${calls} Connect API call(s) (${(calls / opts.rate / 60).toFixed(1)} min at ${opts.rate}/s)` +
      `${checked > 0 ? `: ${drifted.length} with drift` : ''}.\n`,
  );
  process.exitCode = failed.length > 0 ? EXIT.aws : problems > 0 ? EXIT.problems : !written ? EXIT.usage : drifted.length > 0 ? DRIFT_FOUND : EXIT.ok;
}
