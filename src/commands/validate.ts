import { Command } from 'commander';
import type { IdentityManagementType, User } from '../model';
import { costLine, estimateCost, type CostEstimate } from '../cost/estimate';
import { compareText, escapeControls, safeJson, UsersError, type Problem } from '../problems';
import { readUsers } from '../users';
import { usernamesAcrossStacks, type StackUsers } from '../validate/across-stacks';
import { stackPropsProblems } from '../validate/stack-props';
import { CommandError, dirOption, EXIT, imtOption, plaintextOption, reportProblems, reportUsage } from './common';
import { targets, type Target } from './stacks';

export function validateCommand(): Command {
  return new Command('validate')
    .summary('check the users folder: a summary, or every problem')
    .description(
      "Check every stack of main.ts as synth does, without synthesizing: its props, then its user files, and usernames across stacks (or one folder, with --dir); print a summary per stack, or every problem with its file and line.",
    )
    .addOption(dirOption())
    .addOption(imtOption())
    .addOption(plaintextOption())
    .option('--json', 'print the summary (or the problems) as JSON')
    .action((opts: ValidateOptions) => {
      let list: Target[];
      try {
        list = targets(opts);
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        return reportUsage(err.message);
      }
      const failed = new Map<string, readonly Problem[]>();
      const read: (StackUsers & { files: readonly string[] })[] = [];
      for (const t of list) {
        // The stack's props first, as synth checks them before it reads the users (which depend on them).
        const props = t.stack ? stackPropsProblems(t.stack.id, t.stack) : [];
        if (props.length > 0) {
          failed.set(t.id, new UsersError(props).problems);
          continue;
        }
        try {
          const r = readUsers(t);
          for (const note of r.notes) process.stderr.write(`${escapeControls(note)}\n`);
          read.push({ id: t.id, instance: t.instance ?? t.id, users: r.users, files: r.files });
        } catch (err) {
          if (!(err instanceof UsersError)) throw err;
          failed.set(t.id, err.problems);
        }
      }
      // What synth checks across stacks (only the app's stacks have an instance).
      const across = list.some((t) => t.single) ? [] : usernamesAcrossStacks(read);
      for (const r of read) {
        const own = across.filter((p) => r.users.some((u) => u.source.file === p.file));
        if (own.length > 0) failed.set(r.id, new UsersError(own).problems);
      }
      const results: Record<string, Summary | { problems: readonly Problem[] }> = {};
      for (const t of list) {
        const problems = failed.get(t.id);
        const r = read.find((x) => x.id === t.id)!;
        if (problems) {
          results[t.id] = { problems };
          process.exitCode = EXIT.problems;
          if (!opts.json) reportProblems(new UsersError(problems), t.name);
          continue;
        }
        const cost = estimateCost(r.users);
        const summary = summarize(r.users, r.files, cost);
        results[t.id] = summary;
        if (!opts.json) process.stdout.write(formatSummary(summary, t.name, cost));
      }
      if (opts.json) process.stdout.write(`${safeJson(opts.dir ? results[opts.dir] : results, 2)}\n`);
    });
}

interface ValidateOptions {
  dir?: string;
  identityManagement?: IdentityManagementType;
  allowPlaintextPasswords?: boolean;
  json?: boolean;
}


export interface Summary {
  users: number;
  byFile: Record<string, number>;
  byRoutingProfile: Record<string, number>;
  /** What a plan of this stack costs in Connect API calls (see `connect-users cost` for the details). */
  planCost: { fullRefresh: { calls: number; minutes: number }; fastPlan: { calls: number; minutes: number }; warnings: readonly string[] };
}

/** Users per file (files without users included, as 0) and per routing profile, and the plan's cost in API calls. */
export function summarize(users: readonly User[], files: readonly string[] = [], cost: CostEstimate = estimateCost(users)): Summary {
  const count = (key: (u: User) => string, start: readonly string[] = []): Record<string, number> => {
    const counts = new Map<string, number>(start.map((name) => [name, 0]));
    for (const u of users) counts.set(key(u), (counts.get(key(u)) ?? 0) + 1);
    return Object.fromEntries([...counts].sort(([a], [b]) => compareText(a, b)));
  };
  const calls = (c: { calls: number; minutes: number }) => ({ calls: c.calls, minutes: Math.round(c.minutes * 10) / 10 });
  return {
    users: users.length,
    byFile: count((u) => u.source.file, files),
    byRoutingProfile: count((u) => u.routingProfile),
    planCost: { fullRefresh: calls(cost.fullRefresh), fastPlan: calls(cost.fastPlan), warnings: cost.warnings },
  };
}

function formatSummary(s: Summary, name: string, cost: CostEstimate): string {
  const table = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, n]) => `  ${String(n).padStart(6)}  ${escapeControls(name)}`)
      .join('\n');
  const warnings = cost.warnings.map((w) => `warning: ${w}\n`).join('');
  return `${escapeControls(name)}: ${s.users} valid user(s)\n\nBy file:\n${table(s.byFile)}\n\nBy routing profile:\n${table(s.byRoutingProfile)}\n\n${costLine(cost)} (details: connect-users cost)\n${warnings}\n`;
}
