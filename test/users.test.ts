import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsersError } from '../src/problems';
import { readUsers } from '../src/users';
import { csv, tempFolder } from './helpers';

const codes = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof UsersError, String(err));
    return err.problems.map((p) => p.code);
  }
  assert.fail('expected a UsersError');
};

describe('readUsers', () => {
  it('returns valid users sorted by username', () => {
    const dir = tempFolder({ 'a.csv': csv('zed,Z,Z,,Sales,Agent,,soft,,', 'amy,A,A,,Sales,Agent,,soft,,') });
    assert.deepEqual(readUsers({ dir }).users.map((u) => u.username), ['amy', 'zed']);
  });

  it('fails when the folder has no users at all (an empty set would delete every user)', () => {
    assert.deepEqual(codes(() => readUsers({ dir: tempFolder({ 'a.csv': csv() }) })), ['NO_USERS']);
    assert.deepEqual(codes(() => readUsers({ dir: tempFolder({ 'notes.txt': 'x' }) })), ['NO_USERS']);
  });

  it('never returns a partial set: one broken file stops everything', () => {
    const dir = tempFolder({ 'good.csv': csv('amy,A,A,,Sales,Agent,,soft,,'), 'broken.csv': csv('"unclosed,A,A,,Sales,Agent,,soft,,') });
    assert.deepEqual(codes(() => readUsers({ dir })), ['CSV_QUOTE_NOT_CLOSED']);
  });

  it('reports problems from every file at once, sorted by file and line', () => {
    const dir = tempFolder({
      'b.csv': csv('bob,B,S,,Sales,,,soft,,'),
      'a.csv': csv('amy,A,A,,Sales,Agent,,desk,,', 'amy,A,A,,Sales,Agent,,soft,,'),
    });
    try {
      readUsers({ dir });
      assert.fail('expected a UsersError');
    } catch (err) {
      assert.ok(err instanceof UsersError);
      assert.deepEqual(
        err.problems.map((p) => [p.file.slice(dir.length + 1), p.line, p.code]),
        [
          ['a.csv', 2, 'DESK_PHONE_REQUIRED'],
          ['a.csv', 2, 'DUPLICATE_USERNAME'],
          ['a.csv', 3, 'DUPLICATE_USERNAME'],
          ['b.csv', 2, 'SECURITY_PROFILES_COUNT'],
        ],
      );
      assert.match(err.message, /^4 problems in the users folder:\n/);
    }
  });
});
