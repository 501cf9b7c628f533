import { ConnectUser } from '@cdktf/provider-aws/lib/connect-user';
import { DataAwsConnectInstance } from '@cdktf/provider-aws/lib/data-aws-connect-instance';
import { DataAwsConnectRoutingProfile } from '@cdktf/provider-aws/lib/data-aws-connect-routing-profile';
import { DataAwsConnectSecurityProfile } from '@cdktf/provider-aws/lib/data-aws-connect-security-profile';
import { DataAwsConnectUserHierarchyGroup } from '@cdktf/provider-aws/lib/data-aws-connect-user-hierarchy-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ref, TerraformIterator, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import type { RemovalGuardOptions } from '../review/guard';
import type { IdentityManagementType } from '../model';
import { parsePasswordSource } from '../passwords';
import { enforceRemovalGuard } from '../review/review';
import { timed } from '../timings';
import { readUsers, type UsersRead } from '../users';
import type { ParameterTier } from '../validate/generated-passwords';
import { checkStackProps, generatedPasswordPrefix } from '../validate/stack-props';
import { address } from './addresses';
import { importBlocks } from './adoption';
import { LiteralLocals } from './literal-locals';
import { declarePasswordSources } from './password-sources';
import { localBackend, requiredTerraformVersion, stateBackend, type StateBackendProps } from './state-backend';
import { escapeMap, passwordLocals, userLocals, type PasswordLocals, type UserLocals } from './terraform-values';
import { reportUncaughtUsersErrors } from './uncaught';

export type { StateBackendProps } from './state-backend';
export type { ParameterTier } from '../validate/generated-passwords';

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
   * A user's own tags and these make at most 50 keys (Connect's limit); keys and values follow
   * the rules of a user's tags.
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
   * prefix + username (`-` written `--`, `@` written `-at-`, see the README), for an
   * admin to hand over. Starts and ends with `/`.
   * @default '/connect-users/<stack id>/initial-passwords/'
   */
  readonly generatedPasswordPrefix?: string;
  /**
   * The SSM tier of the generated-password parameters. Standard allows 10,000 parameters per
   * account and region (shared with every other parameter there); `validate` and synth warn
   * above 1,000 generated passwords in a stack. Advanced allows 100,000 and is charged per
   * parameter; Intelligent-Tiering creates Standard ones until the limit, then Advanced.
   * Advanced back to Standard replaces the parameters.
   * @default 'Standard'
   */
  readonly generatedPasswordTier?: ParameterTier;
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
  /**
   * How long each TypeScript user file may take to load, in milliseconds (at most an hour).
   * `runStacks` (main.ts) sets it from `CONNECT_USERS_TS_TIMEOUT_SECONDS`.
   * @default 10_000
   */
  readonly tsTimeoutMs?: number;
}

/**
 * Amazon Connect users as code: reads and validates a users folder, then
 * declares one `aws_connect_user.users` resource with `for_each` over the
 * users (keyed by username) and one name lookup per distinct routing profile,
 * security profile and hierarchy group.
 *
 * Throws a `UsersError` listing every problem when the folder or the props are not valid
 * (props problems have the code `INVALID_PROP`). If nothing catches it, the admin sees the list
 * and the process exits with code 1, as with `cdktf synth` on main.ts (see uncaught.ts).
 */
export class ConnectUsersStack extends TerraformStack {
  /** The users this stack manages, sorted by username. */
  readonly users: UsersRead['users'];
  /** Notes and warnings for the admin: files skipped, plaintext passwords allowed, imports skipped, the guard's verdict. */
  readonly notes: readonly string[];
  private readonly locals: LiteralLocals<UserLocals & PasswordLocals & { connect_default_tags?: Record<string, string> }>;
  /** Terraform `import` blocks adopting existing Connect users. */
  private readonly importBlocks: { to: string; id: string }[];

  constructor(scope: Construct, id: string, props: ConnectUsersStackProps) {
    super(scope, id);
    reportUncaughtUsersErrors();
    checkStackProps(id, props);
    const identityManagementType = props.identityManagementType ?? 'CONNECT_MANAGED';
    const usersDir = props.usersDir ?? 'users';
    const read = readUsers({
      dir: usersDir,
      identityManagementType,
      allowPlaintextPasswords: props.allowPlaintextPasswords,
      defaultPassword: props.defaultPassword,
      generatedPasswordTier: props.generatedPasswordTier,
      defaultTags: props.defaultTags,
      tsTimeoutMs: props.tsTimeoutMs,
    });
    this.users = read.users;
    this.notes = read.notes;
    if (props.removalGuard) {
      this.notes = [...this.notes, ...enforceRemovalGuard(read.users, { ...props.removalGuard, dir: usersDir, stack: id, identityManagementType, tsTimeoutMs: props.tsTimeoutMs })];
    }
    const passwords =
      identityManagementType === 'CONNECT_MANAGED'
        ? passwordLocals(read.users, parsePasswordSource(props.defaultPassword ?? 'generate'), generatedPasswordPrefix(id, props))
        : {};
    // The default tags go the same literal way as the users' (cdktf's resolver drops a `__proto__` key).
    const defaultTags = props.defaultTags && { connect_default_tags: escapeMap(props.defaultTags) };
    this.locals = new LiteralLocals(this, { ...userLocals(read.users), ...passwords, ...defaultTags });
    const adopted = importBlocks(read, props);
    this.importBlocks = adopted.blocks;
    this.notes = [...this.notes, ...adopted.notes];

    if (props.backend) stateBackend(this, id, props.backend, props.region);
    else localBackend(this, id);
    this.addOverride('terraform.required_version', requiredTerraformVersion(props.backend));

    new AwsProvider(this, 'aws', {
      region: props.region,
      defaultTags: defaultTags && [{ tags: Token.asStringMap('${local.connect_default_tags}') }],
    });

    const instance = new DataAwsConnectInstance(this, 'instance', {
      instanceId: props.instanceId,
      instanceAlias: props.instanceAlias,
    });
    // An alias stack checks at plan time that the imports come from the instance the alias finds.
    if (adopted.instanceChecks.length > 0) instance.addOverride('lifecycle.postcondition', adopted.instanceChecks);
    const instanceId = props.instanceId ?? instance.id;

    // One lookup per distinct name: for_each over a map keyed by name (name -> name; for
    // groups, name -> path), written as literals in `locals`, so its keys are known at plan time.
    const routingProfiles = lookup(DataAwsConnectRoutingProfile, this, 'routing_profiles', 'connect_routing_profiles', instanceId);
    const securityProfiles = lookup(DataAwsConnectSecurityProfile, this, 'security_profiles', 'connect_security_profiles', instanceId);
    const hierarchyGroups = lookup(DataAwsConnectUserHierarchyGroup, this, 'hierarchy_groups', 'connect_hierarchy_groups', instanceId);
    hierarchyGroups.addOverride('lifecycle.postcondition', [hierarchyPathCondition()]);

    const password = declarePasswordSources(this, passwords, props.generatedPasswordTier ?? 'Standard');

    const user = TerraformIterator.fromMap(ref('local.connect_users'));
    const value = (attribute: string) => `\${each.value.${attribute}}`;
    const connectUser = new ConnectUser(this, 'users', {
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
      phoneConfig: {
        phoneType: value('phone_type'),
        deskPhoneNumber: value('desk_phone_number'),
        autoAccept: Token.asAny(value('auto_accept')),
        afterContactWorkTimeLimit: Token.asNumber(value('after_contact_work_time_limit')),
      },
      tags: Token.asStringMap(value('tags')),
      directoryUserId: value('directory_user_id'),
      // Users whose source is `none` have no key: lookup's default null leaves the argument unset
      // (Terraform's lookup accepts a null default).
      password: password && `\${lookup(${password}, each.key, null)}`,
      lifecycle: {
        // Connect uses the password only at creation: a later change would only rewrite the state.
        // EXISTING_DIRECTORY: see identityInfoIgnored.
        ignoreChanges: identityInfoIgnored(identityManagementType) ? ['password', 'identity_info'] : ['password'],
        preventDestroy: props.preventDestroy || undefined,
        precondition: [
          {
            condition: `\${${address(instance)}.identity_management_type == "${identityManagementType}"}`,
            errorMessage: `The Connect instance does not manage identities as ${identityManagementType}: set CONNECT_IDENTITY_MANAGEMENT (identityManagementType) to the instance's type, so the users are validated by the right rules.`,
          },
        ],
      },
    });
    // No identity_info block at all for a user whose files give no name or email (identity_info
    // null: EXISTING_DIRECTORY users named by their directory), rather than a block of nulls
    // (sent as an empty UserIdentityInfo). `x[*]` is [] for null and [x] otherwise.
    connectUser.addOverride('dynamic.identity_info', {
      for_each: '${each.value.identity_info[*]}',
      content: Object.fromEntries(['first_name', 'last_name', 'email', 'secondary_email'].map((a) => [a, `\${identity_info.value.${a}}`])),
    });
  }

  /** cdktf's (small) configuration, plus the user data as literal locals (see literal-locals.ts) and the import blocks. */
  override toTerraform(): any {
    return timed('resolve', () => {
      const tf = super.toTerraform();
      tf.locals = { ...tf.locals, ...this.locals.current() };
      if (this.importBlocks.length > 0) tf.import = this.importBlocks;
      return tf;
    });
  }
}

type LookupClass = new (
  scope: Construct,
  id: string,
  config: { instanceId: string; name: string; forEach: TerraformIterator },
) => { terraformResourceType: string; friendlyUniqueId: string; addOverride(path: string, value: unknown): void };

function lookup(cls: LookupClass, scope: Construct, id: string, local: keyof UserLocals, instanceId: string) {
  const names = TerraformIterator.fromMap(ref(`local.${local}`));
  return new cls(scope, id, { forEach: names, instanceId, name: names.key });
}

/**
 * The hierarchy group lookup finds a group by its name (the last level of a path), anywhere in
 * the instance. The postcondition compares the group's real path (`hierarchy_path`: level_one
 * to level_five, each a list of one {arn, id, name}, present only when the level exists) with
 * the path the files give it (`each.value.path`), so `EMEA|Lisbon|Sales` is never silently
 * assigned to an instance's `AMER|NYC|Sales`; a bare name (a path of one level) matches any
 * path. Terraform evaluates the message even when the condition holds, so it must be valid for
 * every group. Every literal in it is ours; names and file:line come from the escaped locals.
 */
function hierarchyPathCondition(): { condition: string; error_message: string } {
  const levels = ['level_one', 'level_two', 'level_three', 'level_four', 'level_five'].map((l) => `"${l}"`).join(', ');
  const real = `compact([for level in [${levels}] : try(self.hierarchy_path[0][level][0].name, "")])`;
  return {
    condition: `\${length(each.value.path) == 1 || jsonencode(${real}) == jsonencode(each.value.path)}`,
    error_message:
      `The hierarchy group \${jsonencode(each.key)} is at \${jsonencode(join("|", ${real}))} in the Connect instance, ` +
      'but ${each.value.used_at} puts it at ${jsonencode(join("|", each.value.path))}. ' +
      'Groups are looked up by name alone: correct the path in the user files (a bare group name matches any path), or rename one of the groups in Connect.',
  };
}

/**
 * Whether the users resource ignores later changes of `identity_info`: in EXISTING_DIRECTORY
 * stacks, whose users' names and emails come from the directory. The provider's `identity_info`
 * is Optional but not Computed, and its Read stores whatever DescribeUser returns
 * (hashicorp/aws internal/service/connect/user.go: resourceUserRead, flattenUserIdentityInfo).
 * For a user whose files give no name (no block, or a block of nulls) every plan would then
 * undo what Connect reports (plugin-sdk schemaMap.diffList diffs `identity_info.#` 1 -> 0 when
 * the attribute is not Computed), and applying it would call UpdateUserIdentityInfo without the
 * IdentityInfo the API requires. So the files' names are sent when a user is created, and the
 * directory owns them afterwards.
 */
function identityInfoIgnored(type: IdentityManagementType): boolean {
  return type === 'EXISTING_DIRECTORY';
}
