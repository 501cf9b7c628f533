import * as v from 'valibot';
import { PHONE_TYPES } from './model';

const name = v.string();

/**
 * The shape of a user in a TypeScript user file. The TypeScript type
 * `UserInput` is inferred from it, so the editor and the runtime check agree.
 * Only types and unknown keys are checked here; every value rule (lengths,
 * formats, what the identity type allows) lives in `src/validate/rules` and
 * applies to CSV and TypeScript users alike.
 */
export const userInputSchema = v.strictObject({
  /** Login name; the key of the user in Terraform (`aws_connect_user.user["jane.doe"]`). */
  username: v.string(),
  firstName: v.optional(name),
  lastName: v.optional(name),
  email: v.optional(v.string()),
  secondaryEmail: v.optional(v.string()),
  /** A reference (`ssm:/path`, `secretsmanager:name[#key]`, `generate`); see the README. */
  password: v.optional(v.string()),
  /** Routing profile name, exactly as in Connect (case-sensitive). */
  routingProfile: v.string(),
  /** 1 to 10 security profile names. */
  securityProfiles: v.array(v.string()),
  /** Agent hierarchy group: a name, or a path `Region|Site|Team` whose last element is the group. */
  hierarchyGroup: v.optional(v.string()),
  phoneType: v.picklist(PHONE_TYPES),
  /** E.164, e.g. `+14155550100`; required for `DESK_PHONE`. */
  deskPhoneNumber: v.optional(v.string()),
  /** @default false */
  autoAccept: v.optional(v.boolean()),
  /** Seconds, 0 to 2,000,000; 0 means no limit. @default 0 */
  afterContactWorkTimeLimit: v.optional(v.number()),
  tags: v.optional(v.record(v.string(), v.string())),
  /** Only for EXISTING_DIRECTORY instances. */
  directoryUserId: v.optional(v.string()),
});

/** A user in a TypeScript user file. */
export type UserInput = v.InferInput<typeof userInputSchema>;

/** How the loader reads a field of a TS user (see `src/load/typescript.ts`). */
export type FieldKind = 'text' | 'texts' | 'choice' | 'boolean' | 'number' | 'tags';

export interface FieldSpec {
  readonly kind: FieldKind;
  /** The allowed values of a `choice` field. */
  readonly options?: readonly string[];
}

interface SchemaNode {
  readonly type: string;
  readonly wrapped?: SchemaNode;
  readonly options?: readonly string[];
}

function specOf(schema: SchemaNode): FieldSpec {
  const inner = schema.type === 'optional' && schema.wrapped ? schema.wrapped : schema;
  const kinds: Record<string, FieldKind> = { string: 'text', array: 'texts', picklist: 'choice', boolean: 'boolean', number: 'number', record: 'tags' };
  const kind = kinds[inner.type];
  if (!kind) throw new Error(`src/schema.ts: no loader for a field of type ${inner.type}`);
  return kind === 'choice' ? { kind, options: inner.options } : { kind };
}

/**
 * Every field of a TS user and how it is read, derived from `userInputSchema`
 * so that the type the editor checks and the check at run time cannot drift.
 * The check itself is hand-written (in the loader) rather than valibot's, so
 * that every unknown key is reported, tag keys such as `__proto__` are kept,
 * and no message shows a password.
 */
export const USER_FIELDS: ReadonlyMap<string, FieldSpec> = new Map(
  Object.entries(userInputSchema.entries).map(([key, schema]) => [key, specOf(schema as unknown as SchemaNode)]),
);

export const USER_INPUT_KEYS: readonly string[] = [...USER_FIELDS.keys()];
