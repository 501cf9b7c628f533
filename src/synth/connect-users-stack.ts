import { ConnectUser } from '@cdktf/provider-aws/lib/connect-user';
import { DataAwsConnectInstance } from '@cdktf/provider-aws/lib/data-aws-connect-instance';
import { DataAwsConnectRoutingProfile } from '@cdktf/provider-aws/lib/data-aws-connect-routing-profile';
import { DataAwsConnectSecurityProfile } from '@cdktf/provider-aws/lib/data-aws-connect-security-profile';
import { DataAwsConnectUserHierarchyGroup } from '@cdktf/provider-aws/lib/data-aws-connect-user-hierarchy-group';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ref, S3Backend, TerraformIterator, TerraformLocal, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from '../model';
import { timed } from '../timings';
import { GitError } from '../git';
import type { RemovalGuardOptions } from '../guard';
import { UsersError } from '../problems';
import { review } from '../review';
import { readUsers, type UsersRead } from '../users';
import { parsePasswordSource } from '../passwords';
import { escapeTemplate, passwordLocals, userLocals, type PasswordLocals, type UserLocals } from './terraform-values';

/** Where the stack keeps its Terraform state: an S3 bucket, encrypted, with locking. */
export interface StateBackendProps {
  readonly bucket: string;
  /**
   * Object key of the state.
   * @default 'connect-users/<stack id>.tfstate'
   */
  readonly key?: string;
  /**
   * Region of the bucket.
   * @default - the stack's region
   */
  readonly region?: string;
  /**
   * Server-side encryption of the state (it holds initial passwords).
   * @default true
   */
  readonly encrypt?: boolean;
  /**
   * A KMS key for the state's encryption.
   * @default - the bucket's default (SSE-S3 or its configured key)
   */
  readonly kmsKeyId?: string;
  /**
   * A DynamoDB table for state locking.
   * @default - S3's own lock file (use_lockfile; Terraform 1.10 or later)
   */
  readonly dynamodbTable?: string;
}

export interface ConnectUsersStackProps {
  /** The Connect instance id. Give exactly one of `instanceId` and `instanceAlias`. */
  readonly instanceId?: string;
  /** The Connect instance alias, looked up through `aws_connect_instance`. */
  readonly instanceAlias?: string;
  /**
   * AWS region of the instance.
   * @default - the AWS provider's own default (AWS_REGION / the profile's region)
   */
  readonly region?: string;
  /**
   * How the instance manages identities; decides which fields users may have.
   * The plan also checks it against the real instance.
   * @default 'CONNECT_MANAGED'
   */
  readonly identityManagementType?: IdentityManagementType;
  /**
   * The folder holding the user files (`.csv` and `.ts`, read recursively).
   * @default 'users'
   */
  readonly usersDir?: string;
  /**
   * Tags put on every user (through the provider's `default_tags`); a user's own tags win.
   * @default {}
   */
  readonly defaultTags?: Record<string, string>;
  /**
   * Where the initial password of a CONNECT_MANAGED user with an empty password
   * cell comes from: `generate`, `ssm:/name` or `secretsmanager:id[#key]`.
   * @default 'generate'
   */
  readonly defaultPassword?: string;
  /**
   * Where generated passwords are stored, as SSM SecureString parameters named
   * prefix + username, for an admin to hand over.
   * @default '/connect-users/<stack id>/initial-passwords/'
   */
  readonly generatedPasswordPrefix?: string;
  /**
   * Accept plaintext passwords in user files (for a team migrating from the
   * console template). Each file with some gets a warning; the values are
   * escaped, marked sensitive and never printed.
   * @default false
   */
  readonly allowPlaintextPasswords?: boolean;
  /**
   * Set `prevent_destroy` on the users: Terraform then refuses any plan that
   * deletes or replaces a user (including a rename).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Runs the deletion guard before synthesizing: compares the users with the
   * same folder at `base` (a git revision) and refuses to synthesize when more
   * users would be removed than allowed, unless acknowledged.
   * @default - no guard
   */
  readonly removalGuard?: RemovalGuardOptions & { readonly base: string };
  /**
   * Keep the state in S3 (encrypted, locked) instead of a local file.
   * @default - a local state file, terraform.<stack id>.tfstate
   */
  readonly backend?: StateBackendProps;
}

/**
 * Amazon Connect users as code: reads and validates a users folder, then
 * declares one `aws_connect_user.users` resource with `for_each` over the
 * users (keyed by username) and one name lookup per distinct routing profile,
 * security profile and hierarchy group.
 *
 * Throws a `UsersError` listing every problem when the folder is not valid.
 */
export class ConnectUsersStack extends TerraformStack {
  /** The users this stack manages, sorted by username. */
  readonly users: UsersRead['users'];
  /** Files in the users folder that were skipped. */
  readonly notes: readonly string[];
  private readonly locals: UserLocals & PasswordLocals;
  /** Terraform `import` blocks adopting existing Connect users. */
  private readonly importBlocks: { to: string; id: string }[];

  constructor(scope: Construct, id: string, props: ConnectUsersStackProps) {
    super(scope, id);
    validateProps(props);
    const identityManagementType = props.identityManagementType ?? 'CONNECT_MANAGED';
    const read = readUsers({
      dir: props.usersDir ?? 'users',
      identityManagementType,
      allowPlaintextPasswords: props.allowPlaintextPasswords,
    });
    this.users = read.users;
    this.notes = read.notes;
    if (props.removalGuard) this.notes = [...this.notes, ...guardRemovals(read.users, props.usersDir ?? 'users', identityManagementType, props.removalGuard)];
    const passwords =
      identityManagementType === 'CONNECT_MANAGED' ? passwordLocals(read.users, parsePasswordSource(props.defaultPassword ?? 'generate')) : {};
    this.locals = { ...userLocals(read.users), ...passwords };
    const adopted = importBlocks(read, props.instanceId);
    this.importBlocks = adopted.blocks;
    this.notes = [...this.notes, ...adopted.notes];
    this.writeUsersFast();

    if (props.backend) stateBackend(this, id, props.backend, props.region);

    new AwsProvider(this, 'aws', {
      region: props.region,
      defaultTags: props.defaultTags && [{ tags: escapeValues(props.defaultTags) }],
    });

    const instance = new DataAwsConnectInstance(this, 'instance', {
      instanceId: props.instanceId,
      instanceAlias: props.instanceAlias,
    });
    const instanceId = props.instanceId ?? instance.id;

    // One lookup per distinct name: for_each over a map name -> name, written
    // as literals in `locals`, so its keys are known at plan time.
    const routingProfiles = lookup(DataAwsConnectRoutingProfile, this, 'routing_profiles', 'connect_routing_profiles', instanceId);
    const securityProfiles = lookup(DataAwsConnectSecurityProfile, this, 'security_profiles', 'connect_security_profiles', instanceId);
    const hierarchyGroups = lookup(DataAwsConnectUserHierarchyGroup, this, 'hierarchy_groups', 'connect_hierarchy_groups', instanceId);

    const password = this.passwordSources(passwords, props.generatedPasswordPrefix ?? `/connect-users/${id}/initial-passwords/`);

    const user = TerraformIterator.fromMap(ref('local.connect_users'));
    const value = (attribute: string) => `\${each.value.${attribute}}`;
    new ConnectUser(this, 'users', {
      forEach: user,
      instanceId,
      name: user.key,
      // `x[k].attr`: every key used here is in the lookup's for_each map, because
      // both come from the same users in terraform-values.ts.
      routingProfileId: `\${${address(routingProfiles)}[each.value.routing_profile].routing_profile_id}`,
      // A for expression over the user's names: valid in a set(string) argument (a list converts to a set).
      securityProfileIds: Token.asList(
        `\${[for name in each.value.security_profiles : ${address(securityProfiles)}[name].security_profile_id]}`,
      ),
      // Terraform evaluates only the chosen branch's errors, so the index is never
      // taken with a null key; a null result leaves the argument unset.
      hierarchyGroupId: `\${each.value.hierarchy_group == null ? null : ${address(hierarchyGroups)}[each.value.hierarchy_group].hierarchy_group_id}`,
      identityInfo: {
        firstName: value('first_name'),
        lastName: value('last_name'),
        email: value('email'),
        secondaryEmail: value('secondary_email'),
      },
      phoneConfig: {
        phoneType: value('phone_type'),
        deskPhoneNumber: value('desk_phone_number'),
        autoAccept: Token.asAny(value('auto_accept')),
        afterContactWorkTimeLimit: Token.asNumber(value('after_contact_work_time_limit')),
      },
      tags: Token.asStringMap(value('tags')),
      directoryUserId: value('directory_user_id'),
      // Every CONNECT_MANAGED user has a source (the default fills the gaps), so the key exists.
      password: password && `\${${password}[each.key]}`,
      lifecycle: {
        // Connect uses the password only at creation: a later change would only rewrite the state.
        ignoreChanges: ['password'],
        preventDestroy: props.preventDestroy || undefined,
        precondition: [
          {
            condition: `\${${address(instance)}.identity_management_type == "${identityManagementType}"}`,
            errorMessage: `The Connect instance does not manage identities as ${identityManagementType}: set CONNECT_IDENTITY_MANAGEMENT (identityManagementType) to the instance's type, so the users are validated by the right rules.`,
          },
        ],
      },
    });
  }

  /**
   * Declares where passwords come from and returns the address of the local
   * mapping username -> password (or undefined when no user has one). Only
   * usernames and reference names are iterated over; the password values are
   * read inside that one local, which is sensitive and never a for_each.
   */
  private passwordSources(p: PasswordLocals, prefix: string): string | undefined {
    const parts: string[] = [];
    if (p.connect_password_ssm) {
      const ssm = new DataAwsSsmParameter(this, 'password_parameters', {
        forEach: TerraformIterator.fromMap(ref('local.connect_password_ssm')),
        name: '${each.key}',
        withDecryption: true,
      });
      parts.push(`{for user, name in local.connect_password_ssm_users : user => ${address(ssm)}[name].value}`);
    }
    if (p.connect_password_secrets) {
      const secrets = new DataAwsSecretsmanagerSecretVersion(this, 'password_secrets', {
        forEach: TerraformIterator.fromMap(ref('local.connect_password_secrets')),
        secretId: '${each.key}',
      });
      if (p.connect_password_secret_users) {
        parts.push(`{for user, id in local.connect_password_secret_users : user => ${address(secrets)}[id].secret_string}`);
      }
      if (p.connect_password_secret_key_users) {
        parts.push(
          `{for user, ref in local.connect_password_secret_key_users : user => jsondecode(${address(secrets)}[ref.secret_id].secret_string)[ref.key]}`,
        );
      }
    }
    if (p.connect_password_generated) {
      new RandomProvider(this, 'random');
      const generated = TerraformIterator.fromMap(ref('local.connect_password_generated'));
      // Meets Connect's rule (8-64 characters, lower, upper, digit, no white space) with room to spare.
      const random = new Password(this, 'generated_passwords', {
        forEach: generated,
        length: 20,
        minLower: 2,
        minUpper: 2,
        minNumeric: 2,
        minSpecial: 1,
        overrideSpecial: '!#*-_=+?',
      });
      new SsmParameter(this, 'generated_password_parameters', {
        forEach: generated,
        // SSM names allow letters, digits and _ . - / only: a username's "@" becomes "-at-".
        name: `${escapeTemplate(prefix)}\${replace(each.key, "@", "-at-")}`,
        type: 'SecureString',
        value: `\${${random.terraformResourceType}.${random.friendlyUniqueId}[each.key].result}`,
        description: 'Initial Amazon Connect password, generated by connect-users. Hand it over, then delete it.',
      });
      parts.push(`{for user in keys(local.connect_password_generated) : user => ${random.terraformResourceType}.${random.friendlyUniqueId}[user].result}`);
    }
    if (p.connect_password_plaintext) parts.push('sensitive(local.connect_password_plaintext)');
    if (parts.length === 0) return undefined;
    // merge() of objects whose values are strings; the for expressions name only
    // lookups declared just above, so every reference is valid Terraform.
    new TerraformLocal(this, 'connect_user_passwords', `\${merge(${parts.join(', ')})}`);
    return 'local.connect_user_passwords';
  }

  /**
   * Adds the user data to the synthesized configuration after cdktf has
   * resolved its own (small) tree: user strings never pass through cdktf's
   * token resolver, and thousands of users cost one JSON write, not a tree walk.
   */
  override toTerraform(): any {
    return timed('resolve', () => {
      const tf = super.toTerraform();
      tf.locals = { ...tf.locals, ...(this.writingFile ? placeholders(this.locals) : this.locals) };
      if (this.importBlocks.length > 0) tf.import = this.importBlocks;
      return tf;
    });
  }

  /** True while cdktf writes cdk.tf.json: toTerraform then leaves placeholders for the users. */
  private writingFile = false;

  /**
   * cdktf writes cdk.tf.json with json-stable-stringify, which re-sorts every
   * object: most of the time at 10k users. The user data is sorted already, so
   * it is written with JSON.stringify into placeholders left in the small tree.
   */
  private writeUsersFast(): void {
    const inner = this.synthesizer;
    this.synthesizer = {
      synthesize: (session) => {
        this.writingFile = true;
        try {
          inner.synthesize(session);
        } finally {
          this.writingFile = false;
        }
        const file = path.join(session.outdir, session.manifest.forStack(this).synthesizedStackPath);
        if (!existsSync(file)) return; // e.g. SYNTH_HCL_OUTPUT: nothing of ours to fill in
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, fillPlaceholders(text, this.locals));
      },
    };
  }
}

const placeholderFor = (key: string) => `__connect_users_local_${key}__`;

function placeholders(locals: object): Record<string, string> {
  return Object.fromEntries(Object.keys(locals).map((key) => [key, placeholderFor(key)]));
}

/**
 * Puts each local's JSON where its placeholder stands. Markers are found in
 * cdktf's text before anything is inserted, so user data that happens to look
 * like a marker is never mistaken for one.
 */
export function fillPlaceholders(text: string, locals: object): string {
  const spots = Object.entries(locals as Record<string, Record<string, unknown>>).map(([key, value]) => {
    const marker = JSON.stringify(placeholderFor(key));
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`connect-users: ${key} is missing from the synthesized configuration`);
    return { at, end: at + marker.length, value };
  });
  spots.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const spot of spots) {
    parts.push(text.slice(from, spot.at), entriesPerLine(spot.value));
    from = spot.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * `{ key: value, ... }` with one entry per line, each value on that line: a user
 * per line reads well in a 10,000-user file and is cheaper than indenting each
 * attribute. Indented to sit at `locals.<name>` in cdktf's 2-space layout.
 */
function entriesPerLine(map: Record<string, unknown>): string {
  const keys = Object.keys(map);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => `      ${JSON.stringify(key)}: ${JSON.stringify(map[key])}`);
  return `{\n${lines.join(',\n')}\n    }`;
}

/**
 * `import` blocks (Terraform 1.5+) for users listed in `*.imports.json`: the
 * first apply adopts the existing Connect user instead of creating a
 * duplicate; once in the state, an import block is a no-op. `to` is a static
 * address, so only usernames that are safe inside its quotes are imported.
 */
function importBlocks(read: UsersRead, instanceId: string | undefined): { blocks: { to: string; id: string }[]; notes: string[] } {
  const usernames = new Set(read.users.map((u) => u.username));
  const blocks: { to: string; id: string }[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const list of read.imports) {
    if (instanceId !== undefined && list.instanceId !== instanceId) {
      notes.push(`warning: ${list.file} lists users of instance ${list.instanceId}, not ${instanceId}: ignored`);
      continue;
    }
    let skipped = 0;
    for (const { username, id } of list.entries) {
      if (!usernames.has(username) || seen.has(username) || !/^[a-zA-Z0-9_.@-]+$/.test(username)) {
        skipped++;
        continue;
      }
      seen.add(username);
      blocks.push({ to: `aws_connect_user.users["${username}"]`, id: escapeTemplate(id) });
    }
    if (skipped > 0) notes.push(`note: ${list.file}: ${skipped} import(s) skipped (username not in the users files, listed twice, or not importable by address)`);
  }
  blocks.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { blocks, notes };
}

function stateBackend(stack: TerraformStack, id: string, b: StateBackendProps, region: string | undefined): void {
  new S3Backend(stack, {
    bucket: b.bucket,
    key: b.key ?? `connect-users/${id}.tfstate`,
    region: b.region ?? region,
    encrypt: b.encrypt ?? true,
    kmsKeyId: b.kmsKeyId,
    dynamodbTable: b.dynamodbTable,
  });
  // cdktf 0.21 has no option for S3's native lock file; Terraform 1.10+ reads it from the backend block.
  if (!b.dynamodbTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

/** Throws a UsersError when the guard refuses; returns its warnings otherwise. */
function guardRemovals(
  users: UsersRead['users'],
  dir: string,
  identityManagementType: IdentityManagementType,
  guard: RemovalGuardOptions & { readonly base: string },
): string[] {
  let report;
  try {
    report = review(users, { ...guard, dir, identityManagementType });
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    throw new UsersError([{ file: dir, code: 'BASE_UNREADABLE', message: `the deletion guard cannot read the users at ${guard.base}: ${err.message}` }]);
  }
  const result = report.removalGuard!;
  if (!result.ok) throw new UsersError([{ file: dir, code: 'REMOVAL_GUARD', message: result.message }]);
  return [...(report.warnings ?? []), `note: deletion guard against ${guard.base}: ${result.message}`];
}

type LookupClass = new (
  scope: Construct,
  id: string,
  config: { instanceId: string; name: string; forEach: TerraformIterator },
) => { terraformResourceType: string; friendlyUniqueId: string };

function lookup(cls: LookupClass, scope: Construct, id: string, local: keyof UserLocals, instanceId: string) {
  const names = TerraformIterator.fromMap(ref(`local.${local}`));
  return new cls(scope, id, { forEach: names, instanceId, name: names.key });
}

function address(e: { terraformResourceType: string; friendlyUniqueId: string }): string {
  return `data.${e.terraformResourceType}.${e.friendlyUniqueId}`;
}

function escapeValues(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [escapeTemplate(k), escapeTemplate(v)]));
}

/** Checks the props as a table of rules, reporting every failure at once. */
function validateProps(props: ConnectUsersStackProps): void {
  const rules: [boolean, string][] = [
    [
      (props.instanceId === undefined) !== (props.instanceAlias === undefined),
      'give exactly one of instanceId and instanceAlias',
    ],
    [props.instanceId === undefined || props.instanceId.trim() !== '', 'instanceId must not be empty'],
    [
      props.defaultPassword === undefined || ['generate', 'ssm', 'secretsmanager'].includes(parsePasswordSource(props.defaultPassword).kind),
      'defaultPassword must be generate, ssm:/parameter/name or secretsmanager:secret[#key] (never a password)',
    ],
    [
      props.generatedPasswordPrefix === undefined || /^\/[a-zA-Z0-9_.\-/]*\/$/.test(props.generatedPasswordPrefix),
      'generatedPasswordPrefix must start and end with "/" and use letters, digits, _ . - /',
    ],
    [props.backend === undefined || props.backend.bucket.trim() !== '', 'backend.bucket must not be empty'],
    [
      props.identityManagementType === undefined || IDENTITY_MANAGEMENT_TYPES.includes(props.identityManagementType),
      `identityManagementType must be one of ${IDENTITY_MANAGEMENT_TYPES.join(', ')}, got ${JSON.stringify(props.identityManagementType)}`,
    ],
  ];
  const failures = rules.filter(([ok]) => !ok).map(([, message]) => message);
  if (failures.length > 0) throw new Error(`ConnectUsersStack: ${failures.join('; ')}`);
}
