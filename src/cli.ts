import { Command, InvalidArgumentError, Option } from 'commander';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType, type User } from './model';
import { formatProblem, UsersError } from './problems';
import { readUsers } from './users';

/** Exit codes CI can act on. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

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

  program.parse(argv as string[]);
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
