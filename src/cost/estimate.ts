/**
 * What a plan of a stack costs in Connect API calls, before it is paid:
 * Connect allows about 2 requests/s per API and account, so calls are minutes.
 * Pure. The AWS provider's reads (hashicorp/terraform-provider-aws,
 * internal/service/connect):
 *
 * - refresh of each `aws_connect_user`: one DescribeUser (user.go);
 * - `data.aws_connect_routing_profile` by name: every page of
 *   ListRoutingProfiles (MaxResults 60), then DescribeRoutingProfile, then
 *   every page of ListRoutingProfileQueues (60) (routing_profile_data_source.go,
 *   findRoutingProfileSummaryByTwoPartKey; routing_profile.go,
 *   findRoutingConfigQueueConfigSummariesByTwoPartKey);
 * - `data.aws_connect_security_profile` by name: every page of
 *   ListSecurityProfiles (60), DescribeSecurityProfile, every page of
 *   ListSecurityProfilePermissions (60) (security_profile_data_source.go);
 * - `data.aws_connect_user_hierarchy_group` by name: every page of
 *   ListUserHierarchyGroups (60), then DescribeUserHierarchyGroup
 *   (user_hierarchy_group_data_source.go, findUserHierarchyGroupSummaryByTwoPartKey,
 *   which asserts a single match, so it reads every page);
 * - `data.aws_connect_instance`: one DescribeInstance.
 *
 * Data sources are read on every plan, `-refresh=false` included. Queues per
 * routing profile and permissions per security profile are not in the user
 * files: one page each unless told (an estimate).
 */

export const PROVIDER_PAGE = 60;
export const SEARCH_PAGE = 100;
/** A full-refresh plan longer than this is worth splitting the stack for. */
export const FULL_REFRESH_LIMIT_MINUTES = 30;

export interface InstanceSizes {
  /** Routing profiles in the instance. @default the distinct names the users have */
  readonly routingProfiles?: number;
  /** Security profiles in the instance. @default the distinct names the users have */
  readonly securityProfiles?: number;
  /** Hierarchy groups in the instance. @default the distinct groups the users have */
  readonly hierarchyGroups?: number;
  /** Users in the instance (a drift check reads them all). @default the stack's users */
  readonly users?: number;
  /** Queues of each routing profile. @default 60 (one page) */
  readonly queuesPerRoutingProfile?: number;
  /** Permissions of each security profile. @default 60 (one page) */
  readonly permissionsPerSecurityProfile?: number;
}

export interface CostOptions extends InstanceSizes {
  /** Users a fast plan creates, changes, removes or imports: one call each. @default 1 */
  readonly changedUsers?: number;
  /** Calls per second. @default 2 */
  readonly rate?: number;
}

export interface Calls {
  readonly calls: number;
  /** At `rate` calls per second. */
  readonly minutes: number;
  /** Calls per API. */
  readonly detail: Readonly<Record<string, number>>;
}

export interface CostEstimate {
  readonly users: number;
  /** Distinct names the users have: one lookup each. */
  readonly names: { readonly routingProfiles: number; readonly securityProfiles: number; readonly hierarchyGroups: number };
  readonly rate: number;
  /** The name lookups every plan makes. */
  readonly lookups: Calls;
  /** `terraform plan`: the lookups + one DescribeUser per user. */
  readonly fullRefresh: Calls;
  /** `terraform plan -refresh=false`: the lookups + the changed users. */
  readonly fastPlan: Calls;
  /** `connect-users drift`: SearchUsers pages + the profile and group lists. */
  readonly drift: Calls;
  /** `connect-users drift --emails`: plus one DescribeUser per user of the stack. */
  readonly driftWithEmails: Calls;
  /** Said when a full refresh passes FULL_REFRESH_LIMIT_MINUTES. */
  readonly warnings: readonly string[];
}

/** Calls to read every page of a list of `items`, `per` a page (at least one call). */
/** A count as every cost text writes it: with thousands separators (10,204), as the table does. */
export const count = (x: number): string => x.toLocaleString('en');

export function pages(items: number, per: number): number {
  return Math.max(1, Math.ceil(items / per));
}

function calls(detail: Record<string, number>, rate: number): Calls {
  const kept = Object.fromEntries(Object.entries(detail).filter(([, n]) => n > 0));
  const total = Object.values(kept).reduce((a, b) => a + b, 0);
  return { calls: total, minutes: total / rate / 60, detail: kept };
}

interface UserNames {
  readonly routingProfile: string;
  readonly securityProfiles: readonly string[];
  readonly hierarchyPath: readonly string[];
}

export function estimateCost(users: readonly UserNames[], options: CostOptions = {}): CostEstimate {
  const rate = options.rate ?? 2;
  const rp = new Set(users.map((u) => u.routingProfile)).size;
  const sp = new Set(users.flatMap((u) => u.securityProfiles)).size;
  const hg = new Set(users.map((u) => u.hierarchyPath[u.hierarchyPath.length - 1]).filter((g) => g !== undefined)).size;
  // An instance holds at least the names its users have.
  const R = Math.max(options.routingProfiles ?? rp, rp);
  const S = Math.max(options.securityProfiles ?? sp, sp);
  const H = Math.max(options.hierarchyGroups ?? hg, hg);
  const N = users.length;
  const instanceUsers = Math.max(options.users ?? N, N);

  const lookupDetail = {
    DescribeInstance: 1,
    ListRoutingProfiles: rp * pages(R, PROVIDER_PAGE),
    DescribeRoutingProfile: rp,
    ListRoutingProfileQueues: rp * pages(options.queuesPerRoutingProfile ?? PROVIDER_PAGE, PROVIDER_PAGE),
    ListSecurityProfiles: sp * pages(S, PROVIDER_PAGE),
    DescribeSecurityProfile: sp,
    ListSecurityProfilePermissions: sp * pages(options.permissionsPerSecurityProfile ?? PROVIDER_PAGE, PROVIDER_PAGE),
    ListUserHierarchyGroups: hg * pages(H, PROVIDER_PAGE),
    DescribeUserHierarchyGroup: hg,
  };
  const lookups = calls(lookupDetail, rate);
  const fullRefresh = calls({ ...lookupDetail, DescribeUser: N }, rate);
  const fastPlan = calls({ ...lookupDetail, DescribeUser: options.changedUsers ?? 1 }, rate);
  const driftDetail = {
    SearchUsers: pages(instanceUsers, SEARCH_PAGE),
    ListRoutingProfiles: pages(R, SEARCH_PAGE),
    ListSecurityProfiles: pages(S, SEARCH_PAGE),
    // See readHierarchyPaths: pages until the groups in use are known, or one DescribeUserHierarchyGroup each.
    SearchUserHierarchyGroups: hg === 0 ? 0 : Math.min(pages(H, SEARCH_PAGE), 1 + hg),
  };
  const drift = calls(driftDetail, rate);
  const driftWithEmails = calls({ ...driftDetail, DescribeUser: N }, rate);

  const warnings: string[] = [];
  if (fullRefresh.minutes > FULL_REFRESH_LIMIT_MINUTES) {
    const room = Math.floor(FULL_REFRESH_LIMIT_MINUTES * 60 * rate) - lookups.calls;
    warnings.push(
      `a full-refresh plan takes ~${count(Math.round(fullRefresh.minutes))} min (${count(fullRefresh.calls)} calls at ${rate}/s), more than ${FULL_REFRESH_LIMIT_MINUTES}: ` +
        (room > 0
          ? `split the stack into stacks of at most ~${count(room)} users (one folder each, see "Many stacks")`
          : `the name lookups alone take ~${count(Math.round(lookups.minutes))} min: use fewer distinct profile and group names per stack`) +
        ', plan pull requests with -refresh=false and let the nightly drift check find changes made outside git',
    );
  }
  return { users: N, names: { routingProfiles: rp, securityProfiles: sp, hierarchyGroups: hg }, rate, lookups, fullRefresh, fastPlan, drift, driftWithEmails, warnings };
}

/** One line for a summary (e.g. `validate`'s): the cost of a full-refresh plan and of a fast one. */
export function costLine(e: CostEstimate): string {
  const m = (c: Calls) => (c.minutes < 1 ? '<1 min' : `~${count(Math.round(c.minutes))} min`);
  return `plan cost: ${count(e.fullRefresh.calls)} Connect API calls for a full refresh (${m(e.fullRefresh)} at ${e.rate}/s), ${count(e.fastPlan.calls)} for -refresh=false (${m(e.fastPlan)})`;
}
