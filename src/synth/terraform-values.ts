/**
 * The user data as Terraform JSON values: pure functions, no cdktf.
 *
 * Everything a user file says reaches Terraform through these values, written
 * straight into the `locals` block of `cdk.tf.json` (never through cdktf's
 * token resolver), each string escaped so Terraform reads it as a literal.
 */
import { hierarchyGroupOf, type User } from '../model';
import { compareText, formatLocation } from '../problems';
import { generatedPasswordParameterName, parsePasswordSource, type PasswordSource } from '../passwords';

/**
 * Terraform reads every JSON string as a template: `${...}` and `%{...}` would be
 * evaluated. Its escapes are `$${` and `%%{`, which stand for a literal `${` and
 * `%{`. No other sequence is special in a JSON-syntax template (backslashes were
 * already decoded by JSON), so this is a complete escape.
 */
export function escapeTemplate(value: string): string {
  if (!value.includes('{')) return value; // the common case, at no cost
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A user's `identity_info` block: every attribute present, absent ones `null`. */
export interface IdentityInfoValue {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  secondary_email: string | null;
}

/** One user as its `local.connect_users` entry: every attribute present, absent ones `null`. */
export interface UserValue {
  /**
   * `null` when the files give none of the four fields (EXISTING_DIRECTORY users whose names
   * come from the directory): the stack then writes no `identity_info` block at all. A block of
   * nulls would differ from what the provider reads back (DescribeUser's names) on every plan.
   */
  identity_info: IdentityInfoValue | null;
  routing_profile: string;
  security_profiles: string[];
  hierarchy_group: string | null;
  phone_type: string;
  desk_phone_number: string | null;
  auto_accept: boolean;
  after_contact_work_time_limit: number;
  tags: Record<string, string>;
  directory_user_id: string | null;
}

/** The escaped values the stack writes into `locals`. */
export interface UserLocals {
  /** username -> user; the `for_each` of `aws_connect_user.users`. */
  connect_users: Record<string, UserValue>;
  /** name -> name; the `for_each` of each lookup data source: one lookup per distinct name. */
  connect_routing_profiles: Record<string, string>;
  connect_security_profiles: Record<string, string>;
  /**
   * group name -> the path the files give it and where: the for_each of the hierarchy group
   * lookup, whose postcondition compares `path` with the group's real `hierarchy_path`.
   */
  connect_hierarchy_groups: Record<string, HierarchyGroupValue>;
}

/** A hierarchy group as the files name it. */
export interface HierarchyGroupValue {
  /**
   * Its path, top level first, ending in the group. Validation (hierarchy-paths.ts) makes every
   * path of two levels or more that ends in one name the same; a bare name (one level) matches
   * any path, so it is the path only when no user gives a longer one.
   */
  path: string[];
  /** `file:line` of the first user (in file order) giving that path. */
  used_at: string;
}

const opt = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : escapeTemplate(value);

/** Builds the locals for users already sorted by username (as `readUsers` returns them). */
export function userLocals(users: readonly User[]): UserLocals {
  const connect_users: Record<string, UserValue> = {};
  const routing = new Set<string>();
  const security = new Set<string>();
  const hierarchy = new Map<string, User>();
  for (const u of users) {
    const group = hierarchyGroupOf(u);
    routing.add(u.routingProfile);
    for (const s of u.securityProfiles) security.add(s);
    if (group !== undefined && namesBetter(u, hierarchy.get(group))) hierarchy.set(group, u);
    defineEntry(connect_users, escapeTemplate(u.username), {
      identity_info: identityInfo(u),
      routing_profile: escapeTemplate(u.routingProfile),
      security_profiles: [...u.securityProfiles].sort(compareText).map(escapeTemplate),
      hierarchy_group: opt(group),
      phone_type: u.phoneType,
      desk_phone_number: opt(u.deskPhoneNumber),
      auto_accept: u.autoAccept,
      after_contact_work_time_limit: u.afterContactWorkTimeLimit,
      tags: escapeMap(u.tags),
      directory_user_id: opt(u.directoryUserId),
    });
  }
  return {
    connect_users,
    connect_routing_profiles: nameMap(routing),
    connect_security_profiles: nameMap(security),
    connect_hierarchy_groups: hierarchyGroups(hierarchy),
  };
}

function identityInfo(u: User): IdentityInfoValue | null {
  const info = { first_name: opt(u.firstName), last_name: opt(u.lastName), email: opt(u.email), secondary_email: opt(u.secondaryEmail) };
  return Object.values(info).every((v) => v === null) ? null : info;
}

/**
 * Whether `u` names its group better than `other` does: by a longer path (a full path says
 * more than a bare name), then earlier in the files (file, then line).
 */
function namesBetter(u: User, other: User | undefined): boolean {
  if (other === undefined) return true;
  const order =
    other.hierarchyPath.length - u.hierarchyPath.length ||
    compareText(u.source.file, other.source.file) ||
    (u.source.line ?? 0) - (other.source.line ?? 0);
  return order < 0;
}

function hierarchyGroups(groups: Map<string, User>): Record<string, HierarchyGroupValue> {
  const map: Record<string, HierarchyGroupValue> = {};
  for (const name of [...groups.keys()].sort(compareText)) {
    const u = groups.get(name)!;
    defineEntry(map, escapeTemplate(name), { path: u.hierarchyPath.map(escapeTemplate), used_at: escapeTemplate(formatLocation(u.source)) });
  }
  return map;
}

/** A string map with keys and values escaped, keys in code-unit order (tags). */
export function escapeMap(map: Record<string, string>): Record<string, string> {
  const escaped: Record<string, string> = {};
  for (const key of Object.keys(map).sort(compareText)) defineEntry(escaped, escapeTemplate(key), escapeTemplate(map[key]));
  return escaped;
}

function nameMap(names: Set<string>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const name of [...names].sort(compareText)) defineEntry(map, escapeTemplate(name), escapeTemplate(name));
  return map;
}

/** Sets an own property even for the key `__proto__`, which plain assignment would swallow. */
function defineEntry<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Where each user's initial password comes from, as literal maps (escaped like
 * all user data). Only the maps that have entries are present. None of them
 * holds a secret except `connect_password_plaintext`, which exists only when
 * the stack allows plaintext passwords. `for_each` only ever iterates over
 * usernames or reference names, never over a password.
 */
export interface PasswordLocals {
  /** username -> the SSM parameter name its generated password is stored under (see `generatedPasswordParameterName`). */
  connect_password_generated?: Record<string, string>;
  /** SSM parameter name -> name: one lookup per distinct parameter. */
  connect_password_ssm?: Record<string, string>;
  /** username -> SSM parameter name. */
  connect_password_ssm_users?: Record<string, string>;
  /** secret id -> id: one lookup per distinct secret. */
  connect_password_secrets?: Record<string, string>;
  /** username -> secret id (the whole secret string is the password). */
  connect_password_secret_users?: Record<string, string>;
  /** username -> { secret_id, key } (one key of a JSON secret is the password). */
  connect_password_secret_key_users?: Record<string, { secret_id: string; key: string }>;
  /** username -> password: only with allowPlaintextPasswords. */
  connect_password_plaintext?: Record<string, string>;
}

/**
 * Builds the password maps for CONNECT_MANAGED users; a user without a password
 * cell gets `defaultPassword`. Generated passwords are stored in SSM under
 * `generatedPasswordPrefix` + the username, encoded (`generatedPasswordParameterName`).
 * Throws if a password is not a usable source, which validation has already ruled out.
 */
export function passwordLocals(users: readonly User[], defaultPassword: PasswordSource, generatedPasswordPrefix: string): PasswordLocals {
  const maps: Required<PasswordLocals> = {
    connect_password_generated: {},
    connect_password_ssm: {},
    connect_password_ssm_users: {},
    connect_password_secrets: {},
    connect_password_secret_users: {},
    connect_password_secret_key_users: {},
    connect_password_plaintext: {},
  };
  for (const u of users) {
    const source = u.password ? parsePasswordSource(u.password) : defaultPassword;
    const user = escapeTemplate(u.username);
    switch (source.kind) {
      case 'generate':
        // Letters, digits and _ . - / only (passwords.ts): nothing to escape.
        defineEntry(maps.connect_password_generated, user, generatedPasswordParameterName(generatedPasswordPrefix, u.username));
        break;
      case 'ssm':
        defineEntry(maps.connect_password_ssm, escapeTemplate(source.name), escapeTemplate(source.name));
        defineEntry(maps.connect_password_ssm_users, user, escapeTemplate(source.name));
        break;
      case 'secretsmanager': {
        const id = escapeTemplate(source.secretId);
        defineEntry(maps.connect_password_secrets, id, id);
        if (source.jsonKey === undefined) defineEntry(maps.connect_password_secret_users, user, id);
        else defineEntry(maps.connect_password_secret_key_users, user, { secret_id: id, key: escapeTemplate(source.jsonKey) });
        break;
      }
      case 'plaintext':
        defineEntry(maps.connect_password_plaintext, user, escapeTemplate(source.value));
        break;
      case 'none':
        break; // no password sent: the user exists already
      default: // 'invalid'
        throw new Error(`connect-users: the password source of ${u.username} cannot be used (validation should have said so)`);
    }
  }
  const present: PasswordLocals = {};
  for (const [key, map] of Object.entries(maps) as [string, Record<string, unknown>][]) {
    if (Object.keys(map).length > 0) (present as Record<string, unknown>)[key] = sortedEntries(map);
  }
  return present;
}

/** The same map with its keys in code-unit order (the users are sorted already; reference names are not). */
function sortedEntries<T>(map: Record<string, T>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(map).sort(compareText)) defineEntry(sorted, key, map[key]);
  return sorted;
}
