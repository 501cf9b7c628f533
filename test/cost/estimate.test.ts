import { costLine, estimateCost, FULL_REFRESH_LIMIT_MINUTES, pages } from '../../src/cost/estimate';

/** n users; routing profiles, security profiles and hierarchy groups cycle through the given counts of names. */
function users(n: number, names: { rp?: number; sp?: number; hg?: number } = {}) {
  return Array.from({ length: n }, (_, i) => ({
    routingProfile: `RP ${i % (names.rp ?? 1)}`,
    securityProfiles: [`SP ${i % (names.sp ?? 1)}`],
    hierarchyPath: names.hg ? ['Top', `G ${i % names.hg}`] : [],
  }));
}

describe('pages', () => {
  it.each([
    [0, 1],
    [1, 1],
    [60, 1],
    [61, 2],
    [120, 2],
    [121, 3],
    [2000, 34],
  ])('%i items, 60 a page: %i call(s)', (items, calls) => {
    expect(pages(items, 60)).toBe(calls);
  });
});

describe('estimateCost', () => {
  it("counts the provider's reads for each distinct name, and one DescribeUser per user for a full refresh", () => {
    const e = estimateCost(users(1000, { rp: 20, sp: 5, hg: 16 }));
    expect(e.names).toStrictEqual({ routingProfiles: 20, securityProfiles: 5, hierarchyGroups: 16 });
    expect(e.lookups.detail).toStrictEqual({
      DescribeInstance: 1,
      ListRoutingProfiles: 20,
      DescribeRoutingProfile: 20,
      ListRoutingProfileQueues: 20,
      ListSecurityProfiles: 5,
      DescribeSecurityProfile: 5,
      ListSecurityProfilePermissions: 5,
      ListUserHierarchyGroups: 16,
      DescribeUserHierarchyGroup: 16,
    });
    expect(e.lookups.calls).toBe(108);
    expect(e.fullRefresh.calls).toBe(1108);
    expect(e.fullRefresh.minutes).toBeCloseTo(1108 / 2 / 60, 10);
    expect(e.fastPlan.calls).toBe(109);
    expect(e.fastPlan.detail.DescribeUser).toBe(1);
  });

  it('reads every page of each list for each name: 200 groups used in an instance of 2,000 is 6,800 list calls (~57 min)', () => {
    const e = estimateCost(users(200, { hg: 200 }), { hierarchyGroups: 2000 });
    expect(e.lookups.detail.ListUserHierarchyGroups).toBe(6800);
    expect(Math.round((e.lookups.detail.ListUserHierarchyGroups / 2 / 60) * 10) / 10).toBe(56.7);
  });

  it('pages the queues and permissions as told, one page each by default', () => {
    const e = estimateCost(users(10, { rp: 2, sp: 3 }), { queuesPerRoutingProfile: 61, permissionsPerSecurityProfile: 150 });
    expect([e.lookups.detail.ListRoutingProfileQueues, e.lookups.detail.ListSecurityProfilePermissions]).toStrictEqual([4, 9]);
  });

  it('an instance holds at least the names its users have', () => {
    const e = estimateCost(users(100, { rp: 70 }), { routingProfiles: 10 });
    expect(e.lookups.detail.ListRoutingProfiles).toBe(70 * 2);
  });

  it('a fast plan costs the lookups plus the changed users (removed ones included)', () => {
    expect(estimateCost(users(10_000), { changedUsers: 0 }).fastPlan.calls).toBe(7);
    expect(estimateCost(users(10_000), { changedUsers: 25 }).fastPlan.calls).toBe(32);
    expect(estimateCost(users(10), { changedUsers: 25 }).fastPlan.calls).toBe(32);
  });

  it('a drift check: SearchUsers 100 a page over the instance, the lists 100 a page, the groups as drift reads them; with emails one DescribeUser per user', () => {
    const e = estimateCost(users(10_000, { rp: 20, sp: 5, hg: 16 }));
    expect(e.drift.detail).toStrictEqual({ SearchUsers: 100, ListRoutingProfiles: 1, ListSecurityProfiles: 1, SearchUserHierarchyGroups: 1 });
    expect(e.drift.calls).toBe(103);
    expect(e.driftWithEmails.calls).toBe(10_103);
    expect(e.drift.calls / e.fullRefresh.calls < 0.02).toBe(true);
    expect(estimateCost(users(100, { hg: 3 }), { hierarchyGroups: 1000 }).drift.detail.SearchUserHierarchyGroups).toBe(4);
    expect(estimateCost(users(500, { hg: 200 }), { hierarchyGroups: 2000, users: 30_000 }).drift.detail).toStrictEqual({
      SearchUsers: 300,
      ListRoutingProfiles: 1,
      ListSecurityProfiles: 1,
      SearchUserHierarchyGroups: 20,
    });
    expect('SearchUserHierarchyGroups' in estimateCost(users(10)).drift.detail).toBe(false);
  });

  it(`warns when a full refresh passes ${FULL_REFRESH_LIMIT_MINUTES} minutes, and says how many users a stack may hold`, () => {
    // 7 lookup calls + 3,593 users = 3,600 calls = 30 min at 2/s: not over.
    expect(estimateCost(users(3593)).warnings).toStrictEqual([]);
    expect(estimateCost(users(3594)).warnings).toStrictEqual([
      'a full-refresh plan takes ~30 min (3,601 calls at 2/s), more than 30: split the stack into stacks of at most ~3,593 users (one folder each, see "Many stacks"), plan pull requests with -refresh=false and let the nightly drift check find changes made outside git',
    ]);
    expect(estimateCost(users(3594), { rate: 4 }).warnings).toStrictEqual([]);
  });

  it('says when the lookups alone are too slow', () => {
    const e = estimateCost(users(100, { hg: 100 }), { hierarchyGroups: 5000 });
    expect(e.warnings[0]).toMatch(/: the name lookups alone take ~71 min: use fewer distinct profile and group names per stack, plan pull requests/);
    // Counts as the table writes them, with thousands separators.
    const huge = estimateCost(users(1000, { hg: 1000 }), { hierarchyGroups: 60_000 });
    expect(huge.warnings[0]).toMatch(/^a full-refresh plan takes ~8,350 min \(1,002,007 calls at 2\/s\), more than 30: the name lookups alone take ~8,342 min: /);
  });
});

describe('costLine', () => {
  it('says the cost of a full refresh and a fast plan in one line', () => {
    expect(costLine(estimateCost(users(10_000, { rp: 20, sp: 5, hg: 16 })))).toBe(
      'plan cost: 10,108 Connect API calls for a full refresh (~84 min at 2/s), 109 for -refresh=false (<1 min)',
    );
  });
});
