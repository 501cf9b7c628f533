import { Command } from 'commander';
import type { IdentityManagementType, User } from '../model';
import { UsersError } from '../problems';
import { readUsers } from '../users';
import { dirOption, EXIT, imtOption, plaintextOption, reportProblems } from './common';

export function validateCommand(): Command {
  return new Command('validate')
    .summary('check the users folder: a summary, or every problem')
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
        process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, opts.dir));
      } catch (err) {
        if (!(err instanceof UsersError)) throw err;
        if (!opts.json) return reportProblems(err, opts.dir);
        process.stdout.write(`${JSON.stringify({ problems: err.problems }, null, 2)}\n`);
        process.exitCode = EXIT.problems;
      }
    });
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
