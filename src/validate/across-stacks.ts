import type { User } from '../model';
import { formatLocation, type Problem } from '../problems';
import { quote } from './rule';

/** The users of one stack, and the instance they go to. */
export interface StackUsers {
  readonly id: string;
  /** The instance id, or `alias:<alias>` (see instanceOf). */
  readonly instance: string;
  readonly users: readonly User[];
}

/** How a stack's instance is compared: by id, or by alias when it has none. */
export function instanceOf(stack: { readonly instanceId?: string; readonly instanceAlias?: string }): string {
  return stack.instanceId ?? `alias:${stack.instanceAlias}`;
}

/**
 * Stacks on the same instance must not both define a username (ignoring
 * case, as Connect does): the second create would fail at apply, or two
 * stacks would fight over one user. Reported at every later definition,
 * naming the first. Run by synth and by `connect-users validate`. The
 * username is not quoted when either row may hold a password (`quote`), as
 * DUPLICATE_USERNAME does: the two differ only in case.
 */
export function usernamesAcrossStacks(stacks: readonly StackUsers[]): Problem[] {
  const seen = new Map<string, { stack: string; where: string; hideValues?: boolean }>();
  const problems: Problem[] = [];
  for (const stack of stacks) {
    for (const user of stack.users) {
      const key = `${stack.instance}\u0000${user.username.toLowerCase()}`;
      const other = seen.get(key);
      if (!other) {
        seen.set(key, { stack: stack.id, where: formatLocation(user.source), hideValues: user.hideValues });
        continue;
      }
      problems.push({
        ...user.source,
        field: 'username',
        code: 'DUPLICATE_USERNAME_ACROSS_STACKS',
        message: `${quote({ hideValues: user.hideValues || other.hideValues }, user.username)} is also defined at ${other.where} (stack ${other.stack}) on the same instance: keep it in one stack`,
      });
    }
  }
  return problems;
}
