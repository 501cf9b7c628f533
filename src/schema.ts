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

/**
 * The runtime check: every field optional, so that a missing field is reported
 * by the same rule (and with the same code) as an empty CSV cell.
 */
export const userShapeSchema = v.partial(userInputSchema);

export const USER_INPUT_KEYS: readonly string[] = Object.keys(userInputSchema.entries);
