/**
 * The connect-users side of the real-Terraform tier: synthesize a users
 * folder in process, give the stand-in the "real" attributes our expressions
 * read (the instance's identity type, JSON secrets, hierarchy paths), run
 * Terraform, and compare what it read back with what the user files say,
 * field by field.
 *
 * The contract with stand-in.ts: a looked-up id is the name with a prefix
 * (`rp-Sales`, `sp-Agent`, `hg-Lisbon`), an SSM parameter's value is
 * `ssm-<name>`, a secret's string `secret-<id>` (or the JSON made here for
 * secrets read with `#key`), a generated password `Made-up-1!<username>`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { hierarchyGroupOf, type IdentityManagementType, type User } from '../../src/model';
import { parsePasswordSource, type PasswordSource } from '../../src/passwords';
import type { ConnectUsersStackProps } from '../../src/synth/connect-users-stack';
import { runTerraform, type RunOptions, type RunResult } from './terraform';
import { standIn, type StandInOptions } from './stand-in';

/** The instance id every folder of the tier uses unless its props say otherwise. */
export const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

export interface Synthesized {
  /** The stack's cdk.tf.json, parsed. */
  config: Record<string, any>;
  /** The users the stack read from the folder (sorted by username), to compare with. */
  users: User[];
}

/** Synthesizes one ConnectUsersStack in process (0.05-0.2 s) and returns its cdk.tf.json and its users. */
export function synthFolder(usersDir: string, props: Partial<ConnectUsersStackProps> = {}): Synthesized {
  // Required here, not imported: the comparisons below are unit-tested without loading cdktf.
  const { App } = require('cdktf') as typeof import('cdktf');
  const { ConnectUsersStack } = require('../../src/synth/connect-users-stack') as typeof import('../../src/synth/connect-users-stack');
  const outdir = mkdtempSync(path.join(tmpdir(), 'standin-synth-'));
  try {
    const app = new App({ outdir });
    const stack = new ConnectUsersStack(app, 'connect-users', { instanceId: INSTANCE_ID, usersDir, ...props });
    app.synth();
    const config = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'connect-users', 'cdk.tf.json'), 'utf8'));
    return { config, users: stack.users };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// The "real" attributes (StandInOptions.data)

/** The address of the one block of this type in a configuration (`data.TYPE.NAME` or `TYPE.NAME`), or undefined. */
export function addressOf(config: Record<string, any>, mode: 'resource' | 'data', type: string): string | undefined {
  const names = Object.keys(config[mode]?.[type] ?? {});
  if (names.length > 1) throw new Error(`more than one ${mode} of type ${type}: ${names.join(', ')}`);
  if (names.length === 0) return undefined;
  return mode === 'data' ? `data.${type}.${names[0]}` : `${type}.${names[0]}`;
}

/** The made-up password a JSON secret holds at a key. */
export const secretPassword = (id: string, key: string) => `Json-Pw-1!${id}#${key}`;

/** Each user's password source: its own cell, or the stack's default when the cell is empty. */
export function passwordSourceOf(u: User, defaultPassword: string): PasswordSource {
  return parsePasswordSource(u.password || defaultPassword);
}

/** What a test passes about the stack, to build the real attributes and the expectations. */
export interface StackFacts {
  identityManagementType: IdentityManagementType;
  /** The stack's defaultPassword (CONNECT_MANAGED only). */
  defaultPassword: string;
  /** The provider's default tags, when the stack sets some: each user's `tags_all` is then compared too. */
  defaultTags?: Record<string, string>;
  /** The instance every user belongs to: its id, or the made-up id of the instance found by alias (`instance-<alias>`). */
  instanceId: string;
}

/** The facts of a stack synthesized by synthFolder with these props (INSTANCE_ID unless the props say otherwise). */
export function factsOf(props: Partial<ConnectUsersStackProps>): StackFacts {
  const instanceId = 'instanceId' in props ? props.instanceId : INSTANCE_ID;
  return {
    instanceId: instanceId ?? `instance-${props.instanceAlias}`,
    identityManagementType: props.identityManagementType ?? 'CONNECT_MANAGED',
    defaultPassword: props.defaultPassword ?? 'generate',
    ...(props.defaultTags ? { defaultTags: props.defaultTags } : {}),
  };
}

/** `{...a, ...b}` for maps whose keys may be `__proto__` (spreading would set the prototype). */
export function mergeMaps(...maps: Record<string, string>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const map of maps) for (const [k, v] of Object.entries(map)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The attributes a real AWS account would return where a made-up one will not
 * do, keyed as StandInOptions.data wants (address -> instance key -> attributes):
 *
 * - the instance's identity management type (the users' precondition reads it);
 * - for every secret some user reads with `#key`, a JSON secret string holding
 *   every such key (`jsondecode` would fail on a made-up plain string);
 * - each hierarchy group's real path, as the users' files give it (a
 *   condition on the lookup can compare them).
 *
 * Built from the users and the stack's facts, never from the synthesized
 * locals, so the tier does not depend on how the stack names them.
 */
export function realAttributes(config: Record<string, any>, users: readonly User[], facts: StackFacts): Record<string, Record<string, object>> {
  const data: Record<string, Record<string, object>> = {};
  const instance = addressOf(config, 'data', 'aws_connect_instance');
  if (instance) data[instance] = { '': { identity_management_type: facts.identityManagementType } };

  const secrets = addressOf(config, 'data', 'aws_secretsmanager_secret_version');
  if (secrets && facts.identityManagementType === 'CONNECT_MANAGED') {
    const keys: Record<string, Record<string, string>> = {};
    for (const u of users) {
      const s = passwordSourceOf(u, facts.defaultPassword);
      if (s.kind === 'secretsmanager' && s.jsonKey !== undefined) (keys[s.secretId] ??= {})[s.jsonKey] = secretPassword(s.secretId, s.jsonKey);
    }
    const table: Record<string, object> = {};
    for (const [id, values] of Object.entries(keys)) table[id] = { secret_string: JSON.stringify(values) };
    if (Object.keys(table).length > 0) data[secrets] = table;
  }

  const groups = addressOf(config, 'data', 'aws_connect_user_hierarchy_group');
  if (groups) {
    // Keyed by the group's name (the lookup's for_each key today) and by its whole path (`EMEA|Lisbon|Sales`),
    // so a lookup keyed either way finds it; keys nobody looks up cost nothing.
    const table: Record<string, object> = {};
    for (const [name, levels] of hierarchyPaths(users)) {
      table[name] = { hierarchy_path: [hierarchyPath(levels)] };
      table[levels.join('|')] = table[name];
    }
    data[groups] = table;
  }
  return data;
}

/** Each hierarchy group's path (the longest the users give: a bare name agrees with any path ending in it). */
export function hierarchyPaths(users: readonly User[]): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const u of users) {
    const group = hierarchyGroupOf(u);
    if (group !== undefined && u.hierarchyPath.length > (paths.get(group)?.length ?? 0)) paths.set(group, u.hierarchyPath);
  }
  return paths;
}

const LEVELS = ['level_one', 'level_two', 'level_three', 'level_four', 'level_five'];

/** A `hierarchy_path` element as aws_connect_user_hierarchy_group returns it, with made-up ids `hg-<name>`. */
export function hierarchyPath(levels: readonly string[]): Record<string, { id: string; name: string; arn: string }[]> {
  return Object.fromEntries(LEVELS.map((level, i) => [level, i < levels.length ? [{ id: `hg-${levels[i]}`, name: levels[i], arn: `arn:made-up:agent-group/hg-${levels[i]}` }] : []]));
}

/** The secret string the stand-in gives a secret (the JSON made by realAttributes, else the made-up `secret-<id>`). */
export function secretStringOf(data: Record<string, Record<string, object>>, config: Record<string, any>): (id: string) => string {
  const secrets = addressOf(config, 'data', 'aws_secretsmanager_secret_version');
  const table = (secrets ? data[secrets] : undefined) as Record<string, { secret_string?: string }> | undefined;
  return (id) => table?.[id]?.secret_string ?? `secret-${id}`;
}

// ---------------------------------------------------------------------------
// What each user should read back as

/** In a plan (before apply) a generated password is not known yet: this stands for it. */
export const UNKNOWN = '(known after apply)';

/**
 * The password the stand-in should send for a user: the contract between the
 * made-up values of stand-in.ts (MADE_UP) and realAttributes. Null for `none`.
 */
export function expectedPassword(u: User, facts: StackFacts, secretString: (id: string) => string, when: 'applied' | 'planned' = 'applied'): string | null {
  const s = passwordSourceOf(u, facts.defaultPassword);
  switch (s.kind) {
    case 'generate':
      return when === 'planned' ? UNKNOWN : `Made-up-1!${u.username}`;
    case 'ssm':
      return `ssm-${s.name}`;
    case 'secretsmanager':
      return s.jsonKey === undefined ? secretString(s.secretId) : secretPassword(s.secretId, s.jsonKey);
    case 'plaintext':
      return s.value;
    case 'none':
      return null;
    default:
      throw new Error(`unexpected password source for ${u.username}`);
  }
}

export interface CompareOptions {
  facts: StackFacts;
  /** The secret strings given to the stand-in (secretStringOf). */
  secretString: (id: string) => string;
  /** `planned`: values read from a plan, where generated passwords are UNKNOWN. Default: `applied`. */
  when?: 'applied' | 'planned';
}

/** The fields of one user as the tier compares them: dotted names for nested blocks. */
export type UserFields = Record<string, unknown>;

/** What the files say a user is, in the stand-in's terms (looked-up ids are the made-up `rp-<name>`...). */
export function expectedFields(u: User, options: CompareOptions): UserFields {
  const group = hierarchyGroupOf(u);
  return {
    instance_id: options.facts.instanceId,
    name: u.username,
    'identity_info.first_name': u.firstName || null,
    'identity_info.last_name': u.lastName || null,
    'identity_info.email': u.email || null,
    'identity_info.secondary_email': u.secondaryEmail || null,
    routing_profile_id: `rp-${u.routingProfile}`,
    // A set in the provider: compared sorted.
    security_profile_ids: u.securityProfiles.map((p) => `sp-${p}`).sort(),
    hierarchy_group_id: group === undefined ? null : `hg-${group}`,
    'phone_config.phone_type': u.phoneType,
    'phone_config.desk_phone_number': u.deskPhoneNumber || null,
    'phone_config.auto_accept': u.autoAccept,
    'phone_config.after_contact_work_time_limit': u.afterContactWorkTimeLimit,
    tags: u.tags,
    // The provider merges its default tags under the user's own (the stand-in's made-up tags_all).
    ...(options.facts.defaultTags ? { tags_all: mergeMaps(options.facts.defaultTags, u.tags) } : {}),
    directory_user_id: u.directoryUserId || null,
    // Only CONNECT_MANAGED users have a password argument; SAML and EXISTING_DIRECTORY send none.
    password:
      options.facts.identityManagementType === 'CONNECT_MANAGED' ? expectedPassword(u, options.facts, options.secretString, options.when) : null,
  };
}

/**
 * What Terraform read back for a user (the stand-in's input), in the same
 * fields. An absent block or argument reads as null: a block left out by a
 * `dynamic` with nothing to give is the same as one with every field null.
 */
export function actualFields(got: Record<string, any>): UserFields {
  const identity = got.identity_info?.[0] ?? {};
  const phone = got.phone_config?.[0] ?? {};
  return {
    instance_id: got.instance_id ?? null,
    name: got.name ?? null,
    'identity_info.first_name': identity.first_name ?? null,
    'identity_info.last_name': identity.last_name ?? null,
    'identity_info.email': identity.email ?? null,
    'identity_info.secondary_email': identity.secondary_email ?? null,
    routing_profile_id: got.routing_profile_id ?? null,
    security_profile_ids: Array.isArray(got.security_profile_ids) ? [...got.security_profile_ids].sort() : (got.security_profile_ids ?? null),
    hierarchy_group_id: got.hierarchy_group_id ?? null,
    'phone_config.phone_type': phone.phone_type ?? null,
    'phone_config.desk_phone_number': phone.desk_phone_number ?? null,
    'phone_config.auto_accept': phone.auto_accept ?? null,
    'phone_config.after_contact_work_time_limit': phone.after_contact_work_time_limit ?? null,
    tags: got.tags ?? null,
    tags_all: got.tags_all ?? null,
    directory_user_id: got.directory_user_id ?? null,
    password: got.password ?? null,
  };
}

/**
 * Compares the users Terraform read back (username -> the stand-in's input)
 * with the users of the files, field by field. Returns one line per mismatch
 * (`jane.doe: identity_info.last_name: expected "Doe", got null`); none when all is well.
 * Values are shown as JSON, so a test failure shows exactly what differs; the
 * tier's passwords are made up.
 */
export function compareUsers(actual: Record<string, any>, users: readonly User[], options: CompareOptions): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const u of users) {
    seen.add(u.username);
    if (!Object.prototype.hasOwnProperty.call(actual, u.username)) {
      problems.push(`${u.username}: missing from what Terraform read back`);
      continue;
    }
    const want = expectedFields(u, options);
    const have = actualFields(actual[u.username]);
    for (const field of Object.keys(want)) {
      if (canonical(want[field]) !== canonical(have[field])) problems.push(`${u.username}: ${field}: expected ${canonical(want[field])}, got ${canonical(have[field])}`);
    }
  }
  for (const name of Object.keys(actual)) if (!seen.has(name)) problems.push(`${name}: read back, but in no user file`);
  return problems;
}

/**
 * Generated passwords are stored in SSM for hand-over: each generated user's
 * password sits in exactly one parameter, no other parameter exists, and no
 * two share a name. Parameters are matched by the password they hold, not by
 * their for_each key or name, which the stack is free to choose. Returns one
 * line per mismatch.
 */
export function compareGeneratedParameters(parameters: Record<string, any>, usersOut: Record<string, any>, users: readonly User[], facts: StackFacts): string[] {
  const problems: string[] = [];
  const generated = users.filter((u) => facts.identityManagementType === 'CONNECT_MANAGED' && passwordSourceOf(u, facts.defaultPassword).kind === 'generate');
  const all = Object.values(parameters);
  for (const u of generated) {
    const holding = all.filter((p) => p.value === usersOut[u.username]?.password);
    if (holding.length !== 1) problems.push(`${u.username}: ${holding.length} SSM parameters hold the generated password, expected 1`);
  }
  if (all.length !== generated.length) problems.push(`${all.length} SSM parameters for ${generated.length} generated passwords`);
  const names = all.map((p) => p.name);
  for (const name of new Set(names)) if (names.filter((n) => n === name).length > 1) problems.push(`SSM parameter name ${JSON.stringify(name)} is used twice`);
  return problems;
}

/** JSON with object keys sorted, so maps compare by content (own keys only, `__proto__` included). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) // fromEntries defines own keys, `__proto__` too
      : v,
  );
}

// ---------------------------------------------------------------------------
// Reading users back from a plan (large folders: no apply)

/**
 * The planned `input` of every instance of a stand-in, from `terraform show
 * -json` of a plan: instance key -> input, where each value still unknown
 * (derived from a resource's output, i.e. a generated password) is UNKNOWN.
 */
export function plannedInputs(plan: { resource_changes?: any[] }, standInName: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const c of plan.resource_changes ?? []) {
    if (c.type !== 'terraform_data' || c.name !== standInName) continue;
    const input = withUnknowns(c.change.after?.input, c.change.after_unknown?.input);
    Object.defineProperty(out, String(c.index ?? ''), { value: input, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A planned value with UNKNOWN where `after_unknown` says true. */
function withUnknowns(value: any, unknown: any): any {
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v, i) => withUnknowns(v, Array.isArray(unknown) ? unknown[i] : undefined));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(value), ...Object.keys(unknown !== null && typeof unknown === 'object' ? unknown : {})]);
    for (const k of keys) Object.defineProperty(out, k, { value: withUnknowns(value[k], unknown?.[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------
// The whole check of one folder

export interface CheckFolderOptions {
  /** The stack's props (usersDir is the folder). */
  props?: Partial<ConnectUsersStackProps>;
  /** More "real" attributes for the stand-in, over realAttributes'. */
  data?: StandInOptions['data'];
  /** Changes the synthesized configuration before the stand-in is made (e.g. to break it on purpose). */
  edit?: (config: Record<string, any>) => void;
  /** Terraform options. Default: the fast ones: no init (no backend block), no validate, second plan without refresh. */
  run?: RunOptions;
  /** Keep the S3 or local backend as a local one (then `terraform init` runs). Default: no backend, no init. */
  backend?: 'local' | 'none';
}

export interface FolderCheck {
  /** The mismatches between the files and what Terraform read back; none when all is well. */
  problems: string[];
  result: RunResult;
  users: User[];
  config: Record<string, any>;
  /** username -> what Terraform read back (the stand-in's input). */
  readBack: Record<string, any>;
}

/**
 * Synthesizes a users folder, stands it in, runs Terraform (plan, apply, a
 * plan with no changes, output) and compares every user with the files.
 */
export async function checkFolder(usersDir: string, options: CheckFolderOptions = {}): Promise<FolderCheck> {
  const props = { allowPlaintextPasswords: false, ...options.props };
  const facts = factsOf(props);
  const { config, users } = synthFolder(usersDir, props);
  options.edit?.(config);
  const data = { ...realAttributes(config, users, facts), ...options.data };
  const outputs: Record<string, string> = { users: 'aws_connect_user.users' };
  const parameters = addressOf(config, 'resource', 'aws_ssm_parameter');
  if (parameters) outputs.generated_password_parameters = parameters;
  const tf = standIn(config, { data, outputs, backend: options.backend ?? 'none' });
  const result = await runTerraform(tf, { validate: false, refresh: false, ...options.run });
  const readBack = result.outputs.users as Record<string, any>;
  const secretString = secretStringOf(data, config);
  const problems = compareUsers(readBack, users, { facts, secretString });
  if (parameters) problems.push(...compareGeneratedParameters(result.outputs.generated_password_parameters as Record<string, any>, readBack, users, facts));
  return { problems, result, users, config, readBack };
}
