/**
 * How many SSM parameters a stack's generated passwords take, and the warning when that many
 * could exhaust Parameter Store's Standard tier. Pure (no cdktf): `readUsers` adds it to its
 * notes, so synth and `connect-users validate` say the same.
 */
import type { IdentityManagementType, User } from '../model';
import { parsePasswordSource } from '../passwords';

/** `aws_ssm_parameter.tier`'s values (TPA internal/service/ssm/parameter.go: enum awstypes.ParameterTier). */
export const PARAMETER_TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
export type ParameterTier = (typeof PARAMETER_TIERS)[number];

/**
 * Standard-tier parameters per account and region (Advanced: 100,000, paid), shared with every
 * other parameter there (systems-manager/latest/userguide/parameter-store-advanced-parameters.html).
 */
export const STANDARD_TIER_LIMIT = 10_000;
/** A tenth of the limit: past it, one stack is a large share of a quota everything else shares. */
export const GENERATED_PASSWORDS_WARN_ABOVE = 1_000;

export interface GeneratedPasswordOptions {
  /** @default 'CONNECT_MANAGED' (only CONNECT_MANAGED users have passwords) */
  readonly identityManagementType?: IdentityManagementType;
  /** The source of users whose password cell is empty. @default 'generate' */
  readonly defaultPassword?: string;
  /** @default 'Standard' */
  readonly generatedPasswordTier?: ParameterTier;
}

/** Users whose password is generated, each of whom gets one SSM parameter. */
export function generatedPasswordCount(users: readonly User[], options: GeneratedPasswordOptions = {}): number {
  if ((options.identityManagementType ?? 'CONNECT_MANAGED') !== 'CONNECT_MANAGED') return 0;
  const defaultPassword = options.defaultPassword ?? 'generate';
  return users.filter((u) => parsePasswordSource(u.password || defaultPassword).kind === 'generate').length;
}

/** A warning (one line) when more than 1,000 users of a stack get a Standard-tier parameter; none otherwise. */
export function generatedPasswordWarnings(dir: string, users: readonly User[], options: GeneratedPasswordOptions = {}): string[] {
  const n = generatedPasswordCount(users, options);
  if (n <= GENERATED_PASSWORDS_WARN_ABOVE || (options.generatedPasswordTier ?? 'Standard') !== 'Standard') return [];
  return [
    `warning: ${dir}: ${n.toLocaleString('en-US')} users get a generated password, each stored as a Standard-tier SSM parameter; ` +
      `Standard allows ${STANDARD_TIER_LIMIT.toLocaleString('en-US')} parameters per account and region, shared with every other parameter there. ` +
      `Set the stack's generatedPasswordTier to 'Advanced' (100,000, charged per parameter) or 'Intelligent-Tiering', ` +
      'or give these users ssm:... or secretsmanager:... passwords (none for users that exist already)',
  ];
}
