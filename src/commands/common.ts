/** What the commands share: exit codes, options, and how problems are printed. */
import { InvalidArgumentError, Option } from 'commander';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from '../model';
import { formatProblem, type UsersError } from '../problems';

/** A failure that is not about the user files (the app cannot list its stacks, ...): exit code 2. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** Exit codes CI can act on. */
export const EXIT = { ok: 0, problems: 1, usage: 2, removals: 3, privileges: 4, aws: 5 } as const;

/** One users folder; without it, commands work on every stack's folder (from main.ts). */
export function dirOption(): Option {
  return new Option('-d, --dir <folder>', "one users folder (default: every stack's folder)").env('CONNECT_USERS_DIR');
}

/** The identity management type; without a default, a command may take each stack's own. */
export function imtOption(defaultValue?: IdentityManagementType): Option {
  const option = new Option('-i, --identity-management <type>', `the instance's identity management type (${IDENTITY_MANAGEMENT_TYPES.join(', ')})`)
    .env('CONNECT_IDENTITY_MANAGEMENT')
    .argParser(parseIdentityManagementType);
  return defaultValue ? option.default(defaultValue) : option;
}

export function plaintextOption(): Option {
  return new Option('--allow-plaintext-passwords', 'accept plaintext passwords in user files (migration only; a warning per file)').env(
    'CONNECT_ALLOW_PLAINTEXT_PASSWORDS',
  );
}

export function formatOption(): Option {
  return new Option('-f, --format <format>', 'text, markdown or json').choices(['text', 'markdown', 'json']).default('text');
}

export function parseIdentityManagementType(value: string): IdentityManagementType {
  const upper = value.trim().toUpperCase();
  if ((IDENTITY_MANAGEMENT_TYPES as readonly string[]).includes(upper)) return upper as IdentityManagementType;
  throw new InvalidArgumentError(`expected one of ${IDENTITY_MANAGEMENT_TYPES.join(', ')}`);
}

/** A whole number from the command line or the environment. */
export function count(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

/** Prints every problem of a UsersError on stderr and sets exit code 1. */
export function reportProblems(err: UsersError, dir: string): void {
  process.stderr.write(`${err.problems.length} problem(s) in ${dir}:\n${err.problems.map(formatProblem).join('\n')}\n`);
  process.exitCode = EXIT.problems;
}

/** Prints a failure that is not about the user files (git, a missing file) and sets exit code 2. */
export function reportUsage(message: string): void {
  process.stderr.write(`connect-users: ${message}\n`);
  process.exitCode = EXIT.usage;
}
