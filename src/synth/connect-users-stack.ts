import { ConnectUser } from '@cdktf/provider-aws/lib/connect-user';
import { DataAwsConnectInstance } from '@cdktf/provider-aws/lib/data-aws-connect-instance';
import { DataAwsConnectRoutingProfile } from '@cdktf/provider-aws/lib/data-aws-connect-routing-profile';
import { DataAwsConnectSecurityProfile } from '@cdktf/provider-aws/lib/data-aws-connect-security-profile';
import { DataAwsConnectUserHierarchyGroup } from '@cdktf/provider-aws/lib/data-aws-connect-user-hierarchy-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ref, TerraformIterator, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import type { RemovalGuardOptions } from '../review/guard';
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from '../model';
import { parsePasswordSource } from '../passwords';
import { enforceRemovalGuard } from '../review/review';
import { timed } from '../timings';
import { readUsers, type UsersRead } from '../users';
import { address } from './addresses';
import { importBlocks } from './adoption';
import { LiteralLocals } from './literal-locals';
import { declarePasswordSources } from './password-sources';
import { localBackend, stateBackend, type StateBackendProps } from './state-backend';
import { escapeMap, passwordLocals, userLocals, type PasswordLocals, type UserLocals } from './terraform-values';

export type { StateBackendProps } from './state-backend';

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
  /** Notes and warnings for the admin: files skipped, plaintext passwords allowed, imports skipped, the guard's verdict. */
  readonly notes: readonly string[];
  private readonly locals: LiteralLocals<UserLocals & PasswordLocals>;
  /** Terraform `import` blocks adopting existing Connect users. */
  private readonly importBlocks: { to: string; id: string }[];

  constructor(scope: Construct, id: string, props: ConnectUsersStackProps) {
    super(scope, id);
    validateProps(props);
    const identityManagementType = props.identityManagementType ?? 'CONNECT_MANAGED';
    const usersDir = props.usersDir ?? 'users';
    const read = readUsers({
      dir: usersDir,
      identityManagementType,
      allowPlaintextPasswords: props.allowPlaintextPasswords,
    });
    this.users = read.users;
    this.notes = read.notes;
    if (props.removalGuard) {
      this.notes = [...this.notes, ...enforceRemovalGuard(read.users, { ...props.removalGuard, dir: usersDir, identityManagementType })];
    }
    const passwords =
      identityManagementType === 'CONNECT_MANAGED' ? passwordLocals(read.users, parsePasswordSource(props.defaultPassword ?? 'generate')) : {};
    this.locals = new LiteralLocals(this, { ...userLocals(read.users), ...passwords });
    const adopted = importBlocks(read, props.instanceId);
    this.importBlocks = adopted.blocks;
    this.notes = [...this.notes, ...adopted.notes];

    if (props.backend) stateBackend(this, id, props.backend, props.region);
    else localBackend(this, id);

    new AwsProvider(this, 'aws', {
      region: props.region,
      defaultTags: props.defaultTags && [{ tags: escapeMap(props.defaultTags) }],
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

    const password = declarePasswordSources(this, passwords, props.generatedPasswordPrefix ?? `/connect-users/${id}/initial-passwords/`);

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
      // Users whose source is `none` have no key: lookup's default null leaves the argument unset
      // (Terraform's lookup accepts a null default).
      password: password && `\${lookup(${password}, each.key, null)}`,
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
) => { terraformResourceType: string; friendlyUniqueId: string };

function lookup(cls: LookupClass, scope: Construct, id: string, local: keyof UserLocals, instanceId: string) {
  const names = TerraformIterator.fromMap(ref(`local.${local}`));
  return new cls(scope, id, { forEach: names, instanceId, name: names.key });
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
