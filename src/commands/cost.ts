import { Command, Option } from 'commander';
import type { IdentityManagementType, User } from '../model';
import { UsersError } from '../problems';
import { diffUsers } from '../review/compare';
import { readBaseUsers } from '../review/base';
import { GitError } from '../review/git';
import { readUsers } from '../users';
import { CommandError, count, dirOption, formatOption, imtOption, plaintextOption, positive, reportProblems, reportUsage } from './common';
import { targets, type Target } from './stacks';
import type { CostEstimate } from '../cost/estimate';

interface CostCliOptions {
  dir?: string;
  stack?: string[];
  identityManagement?: IdentityManagementType;
  allowPlaintextPasswords?: boolean;
  base?: string;
  changed: number;
  instanceUsers?: number;
  instanceRoutingProfiles?: number;
  instanceSecurityProfiles?: number;
  instanceHierarchyGroups?: number;
  queuesPerRoutingProfile?: number;
  permissionsPerSecurityProfile?: number;
  rate: number;
  format: 'text' | 'markdown' | 'json';
}

export function costCommand(): Command {
  return new Command('cost')
    .summary('the Connect API calls (and minutes) of a plan and a drift check, per stack')
    .description(
      'Estimate, per stack, the Connect API calls and the minutes at 2 calls/s of a full-refresh plan (one DescribeUser per user plus the name lookups), a fast plan (-refresh=false: the lookups plus the changed users) and a drift check; warns when a full refresh would pass 30 minutes. Offline: reads only the user files.',
    )
    // Its longest option (--permissions-per-security-profile <n>) leaves 38 columns of 80 for the
    // descriptions: commander wraps them only from 40 (minWidthToWrap) unless told otherwise.
    .configureHelp({ minWidthToWrap: 30 })
    .addOption(dirOption())
    .addOption(new Option('--stack <id>', 'only this stack (repeat for more; default: every stack)').argParser((v: string, prev: string[] = []) => [...prev, v]))
    .addOption(imtOption())
    .addOption(plaintextOption())
    .option('-b, --base <revision>', 'count the users changed since this git revision for the fast plan (instead of --changed)')
    .addOption(new Option('--changed <n>', 'users a fast plan changes or imports').default(1).argParser(count))
    .addOption(new Option('--instance-users <n>', 'users in the instance (a drift check reads them all; default: the stack\'s)').argParser(count))
    .addOption(new Option('--instance-routing-profiles <n>', 'routing profiles in the instance (default: the names the users have)').argParser(count))
    .addOption(new Option('--instance-security-profiles <n>', 'security profiles in the instance (default: the names the users have)').argParser(count))
    .addOption(new Option('--instance-hierarchy-groups <n>', 'hierarchy groups in the instance (default: the groups the users have)').argParser(count))
    .addOption(new Option('--queues-per-routing-profile <n>', 'queues of a routing profile (default: one page, 60)').argParser(count))
    .addOption(new Option('--permissions-per-security-profile <n>', 'permissions of a security profile (default: one page, 60)').argParser(count))
    .addOption(new Option('--rate <n>', 'Connect API requests per second').default(2).argParser(positive))
    .addOption(formatOption())
    .action((opts: CostCliOptions) => runCost(opts));
}

export function runCost(opts: CostCliOptions): void {
  let list: Target[];
  try {
    list = targets(opts);
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    return reportUsage(err.message);
  }
  const unknown = (opts.stack ?? []).filter((id) => !list.some((t) => t.id === id));
  if (unknown.length > 0) return reportUsage(`no stack ${unknown.join(', ')}: the stacks are ${list.map((t) => t.id).join(', ')}`);
  if (opts.stack) list = list.filter((t) => opts.stack!.includes(t.id));

  /* eslint-disable @typescript-eslint/no-require-imports */
  const { estimateCost } = require('../cost/estimate') as typeof import('../cost/estimate');
  const { formatCost } = require('../cost/report') as typeof import('../cost/report');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const results: { stack: string; estimate: CostEstimate; changedSince?: string }[] = [];
  for (const t of list) {
    let users;
    try {
      users = readUsers(t).users;
    } catch (err) {
      if (!(err instanceof UsersError)) throw err;
      reportProblems(err, t.name);
      continue;
    }
    let changed = opts.changed;
    if (opts.base) {
      try {
        changed = changedSince(opts.base, t.dir, users);
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        return reportUsage(err.message);
      }
    }
    results.push({
      stack: t.name,
      changedSince: opts.base,
      estimate: estimateCost(users, {
        changedUsers: changed,
        users: opts.instanceUsers,
        routingProfiles: opts.instanceRoutingProfiles,
        securityProfiles: opts.instanceSecurityProfiles,
        hierarchyGroups: opts.instanceHierarchyGroups,
        queuesPerRoutingProfile: opts.queuesPerRoutingProfile,
        permissionsPerSecurityProfile: opts.permissionsPerSecurityProfile,
        rate: opts.rate,
      }),
    });
  }
  process.stdout.write(formatCost(results, opts.format));
}

/** Users added, removed, renamed or changed since `base`: what a fast plan touches. */
function changedSince(base: string, dir: string, users: readonly User[]): number {
  const d = diffUsers(readBaseUsers({ revision: base, dir }).mergeBase.users, users);
  return d.added.length + d.removed.length + d.renamed.length + d.changed.length;
}
