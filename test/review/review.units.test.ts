/**
 * review() and enforceRemovalGuard() over users read at the base, without git: readBaseUsers is
 * replaced by the sides each test gives (test/review/review.test.ts runs them on real repositories).
 */
import { readBaseUsers, type BaseSide, type BaseUsers } from '../../src/review/base';
import { GitError } from '../../src/review/git';
import { enforceRemovalGuard, review, type ReviewOptions } from '../../src/review/review';
import { UsersError, type Problem } from '../../src/problems';
import type { User } from '../../src/model';
import { makeUser, thrown } from '../helpers';

jest.mock('../../src/review/base', () => ({ readBaseUsers: jest.fn() }));

const read = jest.mocked(readBaseUsers);

const side = (label: string, users: User[], problems: Problem[] = [], notes: string[] = []): BaseSide => ({ label, commit: 'c'.repeat(40), usersDir: 'users', users, problems, notes });
const base = (mergeBase: BaseSide, tip?: BaseSide): BaseUsers => ({ revision: 'origin/main', mergeBase, ...(tip && { tip }) });
const people = (n: number, prefix = 'user') => Array.from({ length: n }, (_, i) => makeUser(`${prefix}${i}`, { email: `${prefix}${i}@example.com` }));
const names = (users: readonly User[] | undefined) => users?.map((u) => u.username);

const OPTIONS: ReviewOptions = { base: 'origin/main', dir: 'users', identityManagementType: 'CONNECT_MANAGED' };
const GUARD_TAIL = '; a rename deletes the user and creates a new one, which loses its history';

beforeEach(() => read.mockReset());

describe('review', () => {
  it('asks for the users of the stack at the base with the folder, the stack id and the TS time limit', () => {
    read.mockReturnValue(base(side('origin/main', [])));
    review([], { ...OPTIONS, stack: 'sales', tsTimeoutMs: 2500, maxRemovals: 1 });
    expect(read.mock.calls).toStrictEqual([[{ revision: 'origin/main', dir: 'users', stack: 'sales', tsTimeoutMs: 2500 }]]);
  });

  it('compares with the merge base when the base has not moved: its users are the "before"', () => {
    const before = people(20);
    read.mockReturnValue(base(side('origin/main', before, [], ['note: a'])));
    const report = review(before.slice(3), OPTIONS);
    expect(report.base).toBe('origin/main');
    expect(names(report.diff.removed)).toStrictEqual(['user0', 'user1', 'user2']);
    expect(report.missing).toStrictEqual([]);
    expect(report.unreadable).toStrictEqual([]);
    expect(report.warnings).toStrictEqual(['note: a']);
    expect(report.privilegeGuard).toBeUndefined();
    // 3 of 20: more than 10% (2).
    expect(report.removalGuard).toStrictEqual({
      ok: false,
      removals: 3,
      limit: 2,
      message: `3 user(s) would be removed (3 deleted, 0 renamed${GUARD_TAIL}); at most 2 without acknowledgement (no more than 5 users and no more than 10% of the 20 users before). If this is intended, acknowledge it with the stack's removalGuard.allowRemovals: 3 (the sample main.ts sets it from CONNECT_USERS_ALLOW_REMOVALS=3)`,
    });
  });

  it('passes the removal options to the guard', () => {
    const before = people(20);
    read.mockReturnValue(base(side('origin/main', before)));
    expect(review(before.slice(3), { ...OPTIONS, allowRemovals: 3 }).removalGuard).toMatchObject({ ok: true, removals: 3, limit: 2 });
    expect(review(before.slice(3), { ...OPTIONS, maxRemovalPercent: 15 }).removalGuard).toMatchObject({ ok: true, removals: 3, limit: 3 });
  });

  it("counts the users added on the base's tip since the fork as removals, of the users at the tip", () => {
    const mergeBase = people(10);
    // The tip: user0 removed there, x0..x2 added there; the branch removed user9 and added x0 itself.
    const tip = [...mergeBase.slice(1), ...people(3, 'x')];
    read.mockReturnValue(base(side('abc', mergeBase, [], ['note: mb', 'note: both']), side('origin/main', tip, [], ['note: both', 'note: tip'])));
    const after = [...mergeBase.slice(0, 9), makeUser('x0', { email: 'x0@example.com' })];
    const report = review(after, OPTIONS);
    expect(names(report.diff.removed)).toStrictEqual(['user9']);
    expect(names(report.diff.added)).toStrictEqual(['x0']);
    // user9 is this branch's removal, x0 is here: only x1 and x2 would be deleted by a deploy.
    expect(names(report.missing)).toStrictEqual(['x1', 'x2']);
    // 3 removals of the 12 users at the tip (limit 1), not of the 10 at the merge base.
    expect(report.removalGuard).toMatchObject({ ok: false, removals: 3, limit: 1 });
    expect(report.warnings).toStrictEqual(['note: mb', 'note: both', 'note: tip']);
    expect(report.unreadable).toStrictEqual([]);
  });

  it('refuses when a file at the merge base or at the tip cannot be read, counting removals, renames and missing users', () => {
    const mergeBase = people(20);
    const problem = (file: string): Problem => ({ file, line: 1, code: 'TS_LOAD_ERROR', message: 'the file failed to load' });
    const tip = [...mergeBase, makeUser('new0')];
    read.mockReturnValue(base(side('abc', mergeBase, [problem('abc:users/a.ts')]), side('origin/main', tip, [problem('origin/main:users/b.ts')])));
    // user0 removed, user1 renamed (same email), new0 missing.
    const after = [makeUser('renamed1', { email: 'user1@example.com' }), ...mergeBase.slice(2)];
    const report = review(after, OPTIONS);
    expect(report.unreadable?.map((p) => p.file)).toStrictEqual(['abc:users/a.ts', 'origin/main:users/b.ts']);
    expect(report.removalGuard).toStrictEqual({
      ok: false,
      removals: 3,
      limit: 0,
      message:
        'the users at origin/main cannot all be read, so the guard cannot tell who would be removed (BASE_UNREADABLE): abc:users/a.ts:1: the file failed to load (TS_LOAD_ERROR); origin/main:users/b.ts:1: the file failed to load (TS_LOAD_ERROR)',
    });
  });

  it('refuses when only the tip cannot be read', () => {
    read.mockReturnValue(base(side('abc', people(3)), side('origin/main', people(3), [{ file: 'origin/main:main.ts', code: 'BASE_UNREADABLE', message: 'm' }])));
    const report = review(people(3), OPTIONS);
    expect(report.removalGuard).toMatchObject({ ok: false, removals: 0, limit: 0 });
    expect(report.unreadable?.map((p) => p.file)).toStrictEqual(['origin/main:main.ts']);
  });

  it('reports privilege changes against the merge base, with the default or the given privileged profiles', () => {
    const before = [makeUser('amy', { securityProfiles: ['Agent', 'Admin'] }), makeUser('bob'), makeUser('cy')];
    const after = [
      makeUser('amy', { securityProfiles: ['Agent', 'Admin'], firstName: 'Amy' }),
      makeUser('bob', { securityProfiles: ['Agent', 'CallCenterManager'] }),
      makeUser('cy', { securityProfiles: ['Agent', 'Supervisor'] }),
    ];
    read.mockReturnValue(base(side('origin/main', before)));
    const report = review(after, { ...OPTIONS, requirePrivilegeAck: true });
    expect(report.privilege).toStrictEqual([{ username: 'bob', kind: 'gained', profiles: ['CallCenterManager'] }]);
    expect(report.privilegeGuard).toMatchObject({ ok: false, message: expect.stringMatching(/^1 privilege change\(s\) need a stricter review/) });
    const custom = review(after, { ...OPTIONS, privilegedProfiles: ['Supervisor'], requirePrivilegeAck: true, allowPrivilegeChanges: true });
    expect(custom.privilege).toStrictEqual([{ username: 'cy', kind: 'gained', profiles: ['Supervisor'] }]);
    expect(custom.privilegeGuard).toStrictEqual({ ok: true, message: '1 privilege change(s), acknowledged' });
  });
});

describe('enforceRemovalGuard', () => {
  it('returns the notes of the base and the verdict when the guard passes', () => {
    const before = people(20);
    read.mockReturnValue(base(side('abc', before, [], ['note: mb']), side('origin/main', before, [], ['note: tip'])));
    expect(enforceRemovalGuard(before.slice(1), OPTIONS)).toStrictEqual([
      'note: mb',
      'note: tip',
      `note: deletion guard against origin/main: 1 user(s) would be removed (1 deleted, 0 renamed${GUARD_TAIL}): allowed, at most 2 without acknowledgement (no more than 5 users and no more than 10% of the 20 users before)`,
    ]);
  });

  it('throws REMOVAL_GUARD on the users folder when it refuses', () => {
    const before = people(20);
    read.mockReturnValue(base(side('origin/main', before)));
    const err = thrown(() => enforceRemovalGuard(before.slice(3), { ...OPTIONS, acknowledgeWith: 'env' }));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems).toStrictEqual([
      {
        file: 'users',
        code: 'REMOVAL_GUARD',
        message: `3 user(s) would be removed (3 deleted, 0 renamed${GUARD_TAIL}); at most 2 without acknowledgement (no more than 5 users and no more than 10% of the 20 users before). If this is intended, acknowledge it with CONNECT_USERS_ALLOW_REMOVALS=3`,
      },
    ]);
  });

  it('throws BASE_UNREADABLE for each file the base cannot read, where it is', () => {
    const problems: Problem[] = [
      { file: 'origin/main:users/a.ts', line: 3, column: 2, field: 'tags', code: 'TS_LOAD_ERROR', message: 'the file failed to load' },
      { file: 'origin/main:main.ts', code: 'BASE_UNREADABLE', message: 'the stacks it declares could not be listed' },
    ];
    read.mockReturnValue(base(side('origin/main', people(3), problems)));
    const err = thrown(() => enforceRemovalGuard(people(3), OPTIONS));
    expect(err).toBeInstanceOf(UsersError);
    // UsersError sorts its problems by file.
    expect(err.problems).toStrictEqual([
      {
        file: 'origin/main:main.ts',
        code: 'BASE_UNREADABLE',
        message:
          'the deletion guard cannot read this file at origin/main (BASE_UNREADABLE: the stacks it declares could not be listed), so it cannot tell who would be removed; fix the base, or compare with another revision',
      },
      {
        file: 'origin/main:users/a.ts',
        line: 3,
        column: 2,
        field: 'tags',
        code: 'BASE_UNREADABLE',
        message: 'the deletion guard cannot read this file at origin/main (TS_LOAD_ERROR: the file failed to load), so it cannot tell who would be removed; fix the base, or compare with another revision',
      },
    ]);
  });

  it('turns a git failure into BASE_UNREADABLE on the users folder', () => {
    read.mockImplementation(() => {
      throw new GitError('"origin/main" is not a commit here');
    });
    const err = thrown(() => enforceRemovalGuard([], OPTIONS));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems).toStrictEqual([{ file: 'users', code: 'BASE_UNREADABLE', message: 'the deletion guard cannot read the users at origin/main: "origin/main" is not a commit here' }]);
  });

  it('lets any other error through as it is', () => {
    const bug = new TypeError('a bug');
    read.mockImplementation(() => {
      throw bug;
    });
    expect(thrown(() => enforceRemovalGuard([], OPTIONS))).toBe(bug);
  });
});
