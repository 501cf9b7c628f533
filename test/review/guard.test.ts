import { diffUsers } from '../../src/review/compare';
import { checkRemovals } from '../../src/review/guard';
import { makeUser } from '../helpers';

const users = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => makeUser(`${prefix}${i}`, { email: `${prefix}${i}@example.com` }));

/** A change from `total` users that removes `removed` of them. */
const removing = (total: number, removed: number) => {
  const before = users(total);
  return { diff: diffUsers(before, before.slice(removed)), before: total };
};

describe('checkRemovals', () => {
  const cases: [string, number, number, object, boolean][] = [
    ['passes when nothing is removed', 10, 0, {}, true],
    ['passes at 5 removals of 100', 100, 5, {}, true],
    ['fails when 6 of 100 users are removed (more than 5)', 100, 6, {}, false],
    ['fails when 2 of 10 users are removed (more than 10%)', 10, 2, {}, false],
    ['passes 1 of 10 (10% exactly)', 10, 1, {}, true],
    ['fails when 1 of 7 is removed (more than 10%)', 7, 1, {}, false],
    ['passes when acknowledged for as many removals', 100, 12, { allowRemovals: 12 }, true],
    ['fails when acknowledged for fewer removals', 100, 12, { allowRemovals: 11 }, false],
    ['passes within a configured limit', 100, 8, { maxRemovals: 10 }, true],
    ['fails when the percentage is configured lower', 1000, 4, { maxRemovalPercent: 0.3 }, false],
  ];
  for (const [when, total, removed, options, ok] of cases) {
    it(when, () => {
      const { diff, before } = removing(total, removed);
      const result = checkRemovals(diff, before, options);
      expect(result.ok).toBe(ok) /* result.message */;
      expect(result.removals).toBe(removed);
      if (!ok) expect(result.message).toMatch(new RegExp(`CONNECT_USERS_ALLOW_REMOVALS=${removed}`));
    });
  }

  it('counts a rename as a removal', () => {
    const before = users(100);
    const after = [...before.slice(6), ...before.slice(0, 6).map((u) => ({ ...u, username: `${u.username}.new` }))];
    const result = checkRemovals(diffUsers(before, after), 100);
    expect(result.removals).toBe(6);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/0 deleted, 6 renamed/);
  });
});
