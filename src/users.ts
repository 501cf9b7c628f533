import { loadUsersFolder, type ImportList } from './load/folder';
import { parsePasswordSource } from './passwords';
import type { IdentityManagementType, User } from './model';
import { compareText, UsersError, type Problem } from './problems';
import { timed } from './timings';
import { validateUsers } from './validate';
import { tagsWithDefaults } from './validate/default-tags';
import { generatedPasswordWarnings, type ParameterTier } from './validate/generated-passwords';

export interface ReadUsersOptions {
  /** The users folder. */
  readonly dir: string;
  /** @default 'CONNECT_MANAGED' */
  readonly identityManagementType?: IdentityManagementType;
  /** @default false */
  readonly allowPlaintextPasswords?: boolean;
  /**
   * Time limit for loading each TypeScript user file, in milliseconds, above 0 (a RangeError
   * otherwise). Synth and the CLI read `CONNECT_USERS_TS_TIMEOUT_SECONDS` (src/settings.ts) into it.
   * @default 10_000
   */
  readonly tsTimeoutMs?: number;
  /**
   * The stack's `defaultPassword`: with it (and the tier), the notes warn when more than 1,000
   * users get a generated password (an SSM parameter each).
   * @default 'generate'
   */
  readonly defaultPassword?: string;
  /** The stack's `generatedPasswordTier`. @default 'Standard' */
  readonly generatedPasswordTier?: ParameterTier;
  /**
   * The stack's `defaultTags`: a user's own tags and these must make at most 50 (TAG_COUNT).
   * @default {}
   */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

export interface UsersRead {
  /** Valid users, sorted by username. */
  readonly users: User[];
  /** Notes ("note: ...", files skipped) and warnings ("warning: ...") for the admin. */
  readonly notes: string[];
  /** User files read (some may hold no user). */
  readonly files: string[];
  /** Users to adopt from existing Connect users (`*.imports.json`). */
  readonly imports: ImportList[];
}

/**
 * Loads and validates a users folder. Throws one `UsersError` carrying every
 * problem found; never returns a partial set: a file that fails to load
 * stops everything, since a missing file would read as "delete its users".
 */
export function readUsers(options: ReadUsersOptions): UsersRead {
  const loaded = timed('load', () => loadUsersFolder(options.dir, { tsTimeoutMs: options.tsTimeoutMs }));
  const problems: Problem[] = [...loaded.problems];
  const validated = timed('validate', () =>
    validateUsers(loaded.users, {
      identityManagementType: options.identityManagementType ?? 'CONNECT_MANAGED',
      allowPlaintextPasswords: options.allowPlaintextPasswords ?? false,
    }),
  );
  problems.push(...validated.problems);
  if (options.defaultTags) problems.push(...tagsWithDefaults(validated.users, options.defaultTags));
  if (problems.length === 0 && validated.users.length === 0) {
    problems.push({
      file: options.dir,
      code: 'NO_USERS',
      message: 'the users folder defines no user: an empty set would delete every user of the instance. Add users, or remove the stack to manage none',
    });
  }
  if (problems.length > 0) throw new UsersError(problems);
  return {
    users: validated.users.sort((a, b) => compareText(a.username, b.username)),
    notes: [...loaded.notes, ...plaintextWarnings(validated.users), ...generatedPasswordWarnings(options.dir, validated.users, options)],
    files: loaded.files,
    imports: loaded.imports,
  };
}

/** One warning per file that holds plaintext passwords (possible only with allowPlaintextPasswords). */
function plaintextWarnings(users: readonly User[]): string[] {
  const perFile = new Map<string, number>();
  for (const u of users) {
    if (u.password && parsePasswordSource(u.password).kind === 'plaintext') perFile.set(u.source.file, (perFile.get(u.source.file) ?? 0) + 1);
  }
  return [...perFile].map(
    ([file, n]) => `warning: ${file} holds ${n} plaintext password(s), accepted because allowPlaintextPasswords is set; replace them with generate, ssm:... or secretsmanager:... and clear them from git history`,
  );
}
