import { diffUsers } from '../../src/review/compare';
import { checkPrivileges, checkRemovals, judgeRemovals, removalAcknowledgement } from '../../src/review/guard';
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
    ['passes 3 of 1000 at 0.3%', 1000, 3, { maxRemovalPercent: 0.3 }, true],
    ['passes 5 of 50 (10% exactly, and 5 exactly)', 50, 5, {}, true],
    ['fails 6 of 60 (10% exactly, but more than 5)', 60, 6, {}, false],
    ['passes 1 of 19 (10% is 1.9, rounded down to 1)', 19, 1, {}, true],
    ['fails 2 of 19 (10% is 1.9, rounded down to 1)', 19, 2, {}, false],
    ['fails 1 of 9 (10% is 0.9, rounded down to 0)', 9, 1, {}, false],
    ['passes 2 of 20 (10% exactly)', 20, 2, {}, true],
    ['passes when acknowledged for more removals than needed', 100, 12, { allowRemovals: 13 }, true],
    ['fails at 0 allowed removals', 100, 1, { maxRemovals: 0 }, false],
    ['passes 5 of 10 at 100%', 10, 5, { maxRemovalPercent: 100 }, true],
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

describe('judgeRemovals', () => {
  it('has no limit above 0 when there were no users before', () => {
    const r = judgeRemovals(1, 'x', 0);
    expect([r.ok, r.limit]).toStrictEqual([false, 0]);
    expect(judgeRemovals(0, 'x', 0)).toStrictEqual({ ok: true, removals: 0, limit: 0, message: 'no user would be removed' });
  });

  it('says how many, what they are, and the bound', () => {
    expect(judgeRemovals(2, '2 deleted', 100).message).toBe(
      '2 user(s) would be removed (2 deleted): allowed, at most 5 without acknowledgement (no more than 5 users and no more than 10% of the 100 users before)',
    );
    expect(judgeRemovals(7, '7 deleted', 100, { allowRemovals: 7 }).message).toBe('7 user(s) would be removed (7 deleted): allowed, acknowledged (up to 7)');
    // Removals at the limit need no acknowledgement, so one given is not mentioned either.
    expect(judgeRemovals(5, '5 deleted', 100, { allowRemovals: 5 }).message).toBe(
      '5 user(s) would be removed (5 deleted): allowed, at most 5 without acknowledgement (no more than 5 users and no more than 10% of the 100 users before)',
    );
    // An acknowledgement that was not needed is not mentioned.
    expect(judgeRemovals(2, '2 deleted', 100, { allowRemovals: 7 }).message).toMatch(/: allowed, at most 5 without/);
  });

  it('tells how to acknowledge, for where the guard was configured', () => {
    const refused = (how?: 'cli' | 'env' | 'construct') => judgeRemovals(7, '7 deleted', 100, { acknowledgeWith: how }).message;
    expect(refused('cli')).toMatch(/acknowledge it with --allow-removals 7 \(or CONNECT_USERS_ALLOW_REMOVALS=7; in the sample CI workflow, the pull request label connect-users\/allow-removals\)$/);
    expect(refused('env')).toMatch(/acknowledge it with CONNECT_USERS_ALLOW_REMOVALS=7$/);
    expect(refused('construct')).toMatch(/acknowledge it with removalGuard: \{ allowRemovals: 7 \} on the stack$/);
    expect(refused()).toMatch(/acknowledge it with the stack's removalGuard\.allowRemovals: 7 \(the sample main\.ts sets it from CONNECT_USERS_ALLOW_REMOVALS=7\)$/);
    expect(refused('construct').includes('CONNECT_USERS_ALLOW_REMOVALS')).toBe(false);
    expect(removalAcknowledgement(3, 'env')).toBe('CONNECT_USERS_ALLOW_REMOVALS=3');
  });
});

describe('checkRemovals with users added on the base since the fork', () => {
  it('counts them as removals and says to rebase', () => {
    const before = users(100);
    const result = checkRemovals(diffUsers(before, before.slice(3)), 100, {}, users(3, 'new'));
    expect(result.removals).toBe(6);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^6 user\(s\) would be removed \(3 deleted, 0 renamed, 3 added on the base branch since this branch forked \(rebase to keep them\);/);
  });

  it('says nothing about them when there are none', () => {
    const before = users(100);
    expect(checkRemovals(diffUsers(before, before.slice(1)), 100).message).toMatch(/^1 user\(s\) would be removed \(1 deleted, 0 renamed; a rename/);
  });
});

describe('checkPrivileges', () => {
  it('is off unless acknowledgement is required', () => {
    expect(checkPrivileges(3, {})).toBeUndefined();
    expect(checkPrivileges(3, { allowPrivilegeChanges: true })).toBeUndefined();
  });

  it('refuses privilege changes until acknowledged', () => {
    expect(checkPrivileges(0, { requirePrivilegeAck: true })).toStrictEqual({ ok: true, message: 'no privilege change' });
    expect(checkPrivileges(2, { requirePrivilegeAck: true, allowPrivilegeChanges: true })).toStrictEqual({ ok: true, message: '2 privilege change(s), acknowledged' });
    const refused = checkPrivileges(1, { requirePrivilegeAck: true })!;
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^1 privilege change\(s\) need a stricter review; once reviewed, acknowledge with --allow-privilege-changes/);
  });
});
