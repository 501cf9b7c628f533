import { loadUsersFolder } from './load/folder';
import type { IdentityManagementType, User } from './model';
import { compareText, UsersError, type Problem } from './problems';
import { timed } from './timings';
import { validateUsers } from './validate';

export interface ReadUsersOptions {
  /** The users folder. */
  readonly dir: string;
  /** @default 'CONNECT_MANAGED' */
  readonly identityManagementType?: IdentityManagementType;
}

export interface UsersRead {
  /** Valid users, sorted by username. */
  readonly users: User[];
  /** Files skipped, for the admin's information. */
  readonly notes: string[];
  /** User files read. */
  readonly files: string[];
}

/**
 * Loads and validates a users folder. Throws one `UsersError` carrying every
 * problem found; never returns a partial set: a file that fails to load
 * stops everything, since a missing file would read as "delete its users".
 */
export function readUsers(options: ReadUsersOptions): UsersRead {
  const loaded = timed('load', () => loadUsersFolder(options.dir));
  const problems: Problem[] = [...loaded.problems];
  const validated = timed('validate', () =>
    validateUsers(loaded.users, { identityManagementType: options.identityManagementType ?? 'CONNECT_MANAGED' }),
  );
  problems.push(...validated.problems);
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
    notes: loaded.notes,
    files: loaded.files,
  };
}
