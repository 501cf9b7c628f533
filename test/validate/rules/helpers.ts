import type { IdentityManagementType, RawUser } from '../../../src/model';
import type { Problem } from '../../../src/problems';
import { explainUser, validateUsers, type RuleResult } from '../../../src/validate';

export const FILE = 'users/team/agents.csv';
export const LINE = 7;

/** A user that passes every rule on a CONNECT_MANAGED instance. */
export const BASE: RawUser = {
  username: 'jane.doe',
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane.doe@example.com',
  routingProfile: 'Sales',
  securityProfiles: ['Agent'],
  phoneType: 'SOFT_PHONE',
  source: { file: FILE, line: LINE },
};

/** The base user for an identity type: SAML takes no primary email. */
export function baseFor(imt: IdentityManagementType): RawUser {
  if (imt !== 'SAML') return BASE;
  const { email: _email, ...rest } = BASE;
  return rest;
}

export interface Options {
  readonly imt?: IdentityManagementType;
  readonly allowPlaintextPasswords?: boolean;
}

/** Every problem `validateUsers` reports for the base user with `change` applied. */
export function problemsFor(change: Partial<RawUser>, { imt = 'CONNECT_MANAGED', allowPlaintextPasswords = false }: Options = {}): Problem[] {
  return validateUsers([{ ...baseFor(imt), ...change }], { identityManagementType: imt, allowPlaintextPasswords }).problems;
}

/** What one rule says of the base user with `change` applied. */
export function ruleResult(rule: string, change: Partial<RawUser>, { imt = 'CONNECT_MANAGED', allowPlaintextPasswords = false }: Options = {}): RuleResult {
  const results = explainUser({ ...baseFor(imt), ...change }, { identityManagementType: imt, allowPlaintextPasswords });
  if (!(rule in results)) throw new Error(`no rule named ${rule}`);
  return results[rule];
}

/** The problem as the admin gets it: at the user's file and line, with the field and code. */
export function problem(field: string, code: string, message: string): Problem {
  return { file: FILE, line: LINE, field, code, message };
}

/** `x` repeated to `n` characters. */
export const chars = (n: number, c = 'a'): string => c.repeat(n);
