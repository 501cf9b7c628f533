import { UsersError, type Problem } from '../src/problems';
import { readUsers } from '../src/users';
import { csv, tempFolder, thrown } from './helpers';

const codes = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsersError);
    return (err as UsersError).problems.map((p) => p.code);
  }
  throw new Error('expected a UsersError');
};

describe('readUsers', () => {
  it('returns valid users sorted by username', () => {
    const dir = tempFolder({ 'a.csv': csv('zed,Z,Z,,Sales,Agent,,soft,,', 'amy,A,A,,Sales,Agent,,soft,,') });
    expect(readUsers({ dir }).users.map((u) => u.username)).toStrictEqual(['amy', 'zed']);
  });

  it('fails when the folder has no users at all (an empty set would delete every user)', () => {
    expect(codes(() => readUsers({ dir: tempFolder({ 'a.csv': csv() }) }))).toStrictEqual(['NO_USERS']);
    expect(codes(() => readUsers({ dir: tempFolder({ 'notes.txt': 'x' }) }))).toStrictEqual(['NO_USERS']);
  });

  it('never returns a partial set: one broken file stops everything', () => {
    const dir = tempFolder({ 'good.csv': csv('amy,A,A,,Sales,Agent,,soft,,'), 'broken.csv': csv('"unclosed,A,A,,Sales,Agent,,soft,,') });
    expect(codes(() => readUsers({ dir }))).toStrictEqual(['CSV_QUOTE_NOT_CLOSED']);
  });

  it('reports problems from every file at once, sorted by file and line', () => {
    const dir = tempFolder({
      'b.csv': csv('bob,B,S,,Sales,,,soft,,'),
      'a.csv': csv('amy,A,A,,Sales,Agent,,desk,,', 'amy,A,A,,Sales,Agent,,soft,,'),
    });
    const err = thrown(() => readUsers({ dir }));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems.map((p: Problem) => [p.file.slice(dir.length + 1), p.line, p.code])).toStrictEqual([
      ['a.csv', 2, 'DESK_PHONE_REQUIRED'],
      ['a.csv', 2, 'DUPLICATE_USERNAME'],
      ['a.csv', 3, 'DUPLICATE_USERNAME'],
      ['b.csv', 2, 'SECURITY_PROFILES_COUNT'],
    ]);
    expect(err.message).toMatch(/^4 problems in the users folder:\n/);
  });
});

describe('readUsers with the stack\'s options', () => {
  const tagCell = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join('|');

  it("accepts users whose own tags and the stack's defaultTags make 50 keys (a key in both counts once)", () => {
    const dir = tempFolder({ 'a.csv': csv(`amy,A,A,,Sales,Agent,,soft,,${tagCell(49)}`, `bob,B,B,,Sales,Agent,,soft,,${tagCell(50)}`) });
    // amy: k0-k48 and the default k49, 50; bob: k0-k49, 50, the default k49 being one of his own.
    expect(readUsers({ dir, defaultTags: { k49: 'x' } }).users.map((u) => u.username)).toStrictEqual(['amy', 'bob']);
  });

  it("refuses a user whose own tags and the stack's defaultTags make 51", () => {
    const dir = tempFolder({ 'a.csv': csv(`amy,A,A,,Sales,Agent,,soft,,${tagCell(50)}`, 'bob,B,B,,Sales,Agent,,soft,,') });
    const err = thrown(() => readUsers({ dir, defaultTags: { d: 'x' } }));
    expect(err.problems.map((p: Problem) => [p.file.slice(dir.length + 1), p.line, p.field, p.code])).toStrictEqual([['a.csv', 2, 'tags', 'TAG_COUNT']]);
    expect(readUsers({ dir }).users).toHaveLength(2);
  });

  it('warns when more than 1,000 users get a generated password on the Standard tier', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `u${i},A,A,,Sales,Agent,,soft,,`);
    const dir = tempFolder({ 'a.csv': csv(...rows) });
    expect(readUsers({ dir }).notes).toStrictEqual([expect.stringMatching(/^warning: .*: 1,001 users get a generated password, each stored as a Standard-tier SSM parameter/)]);
    expect(readUsers({ dir, generatedPasswordTier: 'Advanced' }).notes).toStrictEqual([]);
    expect(readUsers({ dir, defaultPassword: 'ssm:/pw' }).notes).toStrictEqual([]);
  });
});
