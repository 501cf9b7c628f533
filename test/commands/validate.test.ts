import { summarize } from '../../src/commands/validate';
import { makeUser } from '../helpers';

describe("validate's summary", () => {
  it('counts users per file (empty files too) and per routing profile', () => {
    const users = [makeUser('a'), makeUser('b', { routingProfile: 'Support', source: { file: 'users/b.csv', line: 2 } })];
    const s = summarize(users, ['users/a.csv', 'users/b.csv', 'users/empty.csv']);
    expect([s.users, s.byFile, s.byRoutingProfile]).toStrictEqual([2, { 'users/a.csv': 1, 'users/b.csv': 1, 'users/empty.csv': 0 }, { Sales: 1, Support: 1 }]);
  });

  it("says what a plan costs in Connect API calls: one DescribeUser per user on a full refresh, the lookups on a fast plan", () => {
    const users = Array.from({ length: 1000 }, (_, i) => makeUser(`u${i}`));
    const { fullRefresh, fastPlan, warnings } = summarize(users).planCost;
    // 1,000 DescribeUser + the lookups of one routing profile and one security profile.
    expect(fullRefresh.calls - fastPlan.calls).toBe(999);
    expect(fullRefresh.minutes).toBe(Math.round((fullRefresh.calls / 2 / 60) * 10) / 10);
    expect(warnings).toStrictEqual([]);
  });

  it('warns when a full refresh would take more than 30 minutes at 2 calls a second, and says how to split', () => {
    const users = Array.from({ length: 3700 }, (_, i) => makeUser(`u${i}`));
    const { fullRefresh, warnings } = summarize(users).planCost;
    expect(fullRefresh.minutes).toBeGreaterThan(30);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^a full-refresh plan takes ~31 min \([\d,]+ calls at 2\/s\), more than 30: split the stack into stacks of at most ~[\d,]+ users/);
  });
});
