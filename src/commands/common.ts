/** What the commands share: exit codes, options, and how problems are printed. */
import { InvalidArgumentError, Option } from 'commander';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from '../model';
import { escapeControls, formatProblem, type UsersError } from '../problems';
import { parseIdentityManagementType as parseIdentityManagementTypeSetting, parseWholeNumber, type Parsed } from '../settings';

/** A failure that is not about the user files (the app cannot list its stacks, ...): exit code 2. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** Exit codes CI can act on. */
export const EXIT = { ok: 0, problems: 1, usage: 2, removals: 3, privileges: 4, aws: 5, drift: 6 } as const;

/**
 * One users folder; without it, commands work on every stack's folder (from
 * main.ts). No environment variable: CONNECT_USERS_DIR is the folder of
 * main.ts's production stack, which the stacks already reflect.
 */
export function dirOption(): Option {
  return new Option('-d, --dir <folder>', "one users folder (default: every stack's folder)");
}

/**
 * The identity management type, for every folder checked. Without it, each
 * stack has its own (main.ts reads CONNECT_IDENTITY_MANAGEMENT for its
 * production stack), and --dir takes CONNECT_IDENTITY_MANAGEMENT (see targets()).
 */
export function imtOption(defaultValue?: IdentityManagementType): Option {
  const option = new Option(
    '-i, --identity-management <type>',
    `the instance's identity management type (${IDENTITY_MANAGEMENT_TYPES.join(', ')}); default: each stack's, or with --dir $CONNECT_IDENTITY_MANAGEMENT`,
  ).argParser(parseIdentityManagementType);
  return defaultValue ? option.default(defaultValue) : option;
}

/** Like imtOption: without it, each stack's own setting, and CONNECT_ALLOW_PLAINTEXT_PASSWORDS for --dir. */
export function plaintextOption(): Option {
  return new Option(
    '--allow-plaintext-passwords',
    "accept plaintext passwords in user files (migration only; a warning per file); default: each stack's, or with --dir $CONNECT_ALLOW_PLAINTEXT_PASSWORDS",
  );
}

export function formatOption(): Option {
  return new Option('-f, --format <format>', 'text, markdown or json').choices(['text', 'markdown', 'json']).default('text');
}

/** A commander argument parser from a settings parser: the command line reads values as the environment does. */
function argParser<T>(parse: (text: string) => Parsed<T>): (value: string) => T {
  return (value) => {
    const parsed = parse(value.trim());
    if ('value' in parsed) return parsed.value;
    throw new InvalidArgumentError(`expected ${parsed.expected}`);
  };
}

export const parseIdentityManagementType = argParser(parseIdentityManagementTypeSetting);

/** A whole number from the command line or the environment. */
export const count = argParser(parseWholeNumber);

export function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

/** Prints every problem of a UsersError on stderr and sets exit code 1. */
export function reportProblems(err: UsersError, dir: string): void {
  process.stderr.write(`${err.problems.length} problem(s) in ${escapeControls(dir)}:\n${err.problems.map(formatProblem).join('\n')}\n`);
  process.exitCode = EXIT.problems;
}

/** Prints a failure that is not about the user files (git, a missing file) and sets exit code 2. */
export function reportUsage(message: string): void {
  process.stderr.write(`connect-users: ${message}\n`);
  process.exitCode = EXIT.usage;
}
