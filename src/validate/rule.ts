import { HIDDEN_VALUE, type IdentityManagementType, type RawUser } from '../model';
import { show } from '../problems';

/** What every rule may know besides the user. */
export interface RuleContext {
  readonly identityManagementType: IdentityManagementType;
  /** Whether plaintext passwords are accepted (migration only). */
  readonly allowPlaintextPasswords?: boolean;
}

/** One failure of one rule; the engine adds the file and line. */
export interface Finding {
  readonly code: string;
  readonly field?: string;
  readonly message: string;
}

/** `'not-applicable'` when the rule does not apply (e.g. a SAML-only rule on a CONNECT_MANAGED instance); `[]` when it passes. */
export type RuleResult = 'not-applicable' | readonly Finding[];

/** A small pure check of one user, one per file in `rules/`, named after its file. */
export interface UserRule {
  readonly name: string;
  readonly description: string;
  check(user: RawUser, context: RuleContext): RuleResult;
}

/**
 * How a rule quotes a user's value in a message: `show(value)`, or a note that
 * it is not shown when the user's CSV row may hold a password in any cell
 * (`RawUser.hideValues`). Every rule quotes values through this, never `show`.
 */
export function quote(user: Pick<RawUser, 'hideValues'>, value: unknown): string {
  return user.hideValues ? HIDDEN_VALUE : show(value);
}
