/**
 * The checks of a stack's props (`ConnectUsersStack`, the stacks of main.ts), as a table of rules
 * collecting every failure: one `INVALID_PROP` problem per failure, at "stack <id>", naming its
 * prop. Pure and free of cdktf: the stack runs them before it reads its users, and
 * `connect-users validate` runs them on the app's description of each stack
 * (src/run-stacks.ts), so both refuse the same props.
 */
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from '../model';
import { generatedPasswordPrefixProblem, parsePasswordSource } from '../passwords';
import { show, UsersError, type Problem } from '../problems';
import { MAX_TS_TIMEOUT_SECONDS } from '../settings';
import { defaultTagsProblems } from './default-tags';
import { PARAMETER_TIERS, type ParameterTier } from './generated-passwords';

/** The props the rules read: `ConnectUsersStackProps` has them, and so has the app's description of a stack. */
export interface StackPropsInput {
  readonly instanceId?: string;
  readonly instanceAlias?: string;
  readonly identityManagementType?: IdentityManagementType;
  readonly defaultTags?: Readonly<Record<string, string>>;
  readonly defaultPassword?: string;
  readonly generatedPasswordPrefix?: string;
  readonly generatedPasswordTier?: ParameterTier;
  readonly backend?: { readonly bucket: string };
  readonly tsTimeoutMs?: number;
}

/** One rule: the prop it checks, and what is wrong with it (one message per failure; none when fine). */
interface PropRule {
  readonly field: keyof StackPropsInput;
  check(props: StackPropsInput, id: string): readonly string[];
}

const fails = (ok: boolean, message: () => string): string[] => (ok ? [] : [message()]);

/** Password sources a stack's `defaultPassword` may name (never a password itself, nor `none`). */
const DEFAULT_PASSWORD_KINDS = ['generate', 'ssm', 'secretsmanager'];

/** Whether `value` is a `defaultPassword` the rules accept: what the app's description may carry as is. */
export function isDefaultPasswordSource(value: string): boolean {
  return DEFAULT_PASSWORD_KINDS.includes(parsePasswordSource(value).kind);
}

/** Where generated passwords are stored: the prop, or a folder named after the stack. */
export function generatedPasswordPrefix(id: string, props: Pick<StackPropsInput, 'generatedPasswordPrefix'>): string {
  return props.generatedPasswordPrefix ?? `/connect-users/${id}/initial-passwords/`;
}

const RULES: readonly PropRule[] = [
  {
    field: 'instanceId',
    check: (p) =>
      fails((p.instanceId === undefined) !== (p.instanceAlias === undefined), () => `expected exactly one of instanceId and instanceAlias, got ${p.instanceId === undefined ? 'neither' : 'both'}`),
  },
  {
    field: 'instanceId',
    check: (p) => fails(p.instanceId === undefined || String(p.instanceId).trim() !== '', () => 'expected the Connect instance id, got an empty string'),
  },
  {
    field: 'identityManagementType',
    check: (p) =>
      fails(p.identityManagementType === undefined || IDENTITY_MANAGEMENT_TYPES.includes(p.identityManagementType), () => `expected one of ${IDENTITY_MANAGEMENT_TYPES.join(', ')}, got ${show(p.identityManagementType)}`),
  },
  {
    field: 'defaultPassword',
    check: (p) =>
      fails(
        p.defaultPassword === undefined || isDefaultPasswordSource(String(p.defaultPassword)),
        // Never the value: it may be a password.
        () => 'expected generate, ssm:/parameter/name or secretsmanager:secret[#key], got something else (not shown: it may be a password)',
      ),
  },
  {
    field: 'generatedPasswordPrefix',
    check: (p, id) => {
      const prefix = generatedPasswordPrefix(id, p);
      const problem = generatedPasswordPrefixProblem(prefix);
      // The default prefix holds the stack id: it only matters where passwords are generated.
      const generates = p.generatedPasswordPrefix !== undefined || (p.identityManagementType ?? 'CONNECT_MANAGED') === 'CONNECT_MANAGED';
      return fails(problem === undefined || !generates, () =>
        p.generatedPasswordPrefix === undefined
          ? `the default ${show(prefix)}, made from the stack id, ${problem}: set generatedPasswordPrefix`
          : `expected an SSM path such as "/connect/initial-passwords/", got ${show(prefix)}, which ${problem}`,
      );
    },
  },
  {
    field: 'generatedPasswordTier',
    check: (p) =>
      fails(p.generatedPasswordTier === undefined || PARAMETER_TIERS.includes(p.generatedPasswordTier), () => `expected one of ${PARAMETER_TIERS.join(', ')}, got ${show(p.generatedPasswordTier)}`),
  },
  {
    field: 'backend',
    check: (p) =>
      fails(p.backend === undefined || (typeof p.backend.bucket === 'string' && p.backend.bucket.trim() !== ''), () =>
        typeof p.backend?.bucket === 'string' ? 'expected backend.bucket to name an S3 bucket, got an empty string' : `expected backend.bucket to name an S3 bucket, got ${show(p.backend?.bucket)}`,
      ),
  },
  { field: 'defaultTags', check: (p) => defaultTagsProblems(p.defaultTags ?? {}) },
  {
    field: 'tsTimeoutMs',
    check: (p) =>
      fails(
        p.tsTimeoutMs === undefined || (typeof p.tsTimeoutMs === 'number' && p.tsTimeoutMs > 0 && p.tsTimeoutMs <= MAX_TS_TIMEOUT_SECONDS * 1000),
        () => `expected a time limit in milliseconds above 0 and at most ${MAX_TS_TIMEOUT_SECONDS * 1000} (an hour), got ${show(p.tsTimeoutMs)}`,
      ),
  },
];

/** Every `INVALID_PROP` problem of stack `id`'s props, in the order of the rules; empty when they are fine. */
export function stackPropsProblems(id: string, props: StackPropsInput): Problem[] {
  return RULES.flatMap((rule) => rule.check(props, id).map((message) => ({ file: `stack ${id}`, field: rule.field, code: 'INVALID_PROP', message })));
}

/** Throws a `StackPropsError` listing every problem of stack `id`'s props; returns when they are fine. */
export function checkStackProps(id: string, props: StackPropsInput): void {
  const problems = stackPropsProblems(id, props);
  if (problems.length > 0) throw new StackPropsError(id, problems);
}

/** A UsersError (handled the same way everywhere) whose message speaks of props, not of the users folder. */
export class StackPropsError extends UsersError {
  constructor(id: string, problems: readonly Problem[]) {
    super(problems);
    this.message = `ConnectUsersStack ${id}: ${this.message.replace('in the users folder', 'in its props')}`;
  }
}
