import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { loadUsersFolder } from '../../src/load/folder';
import { csv, tempFolder } from '../helpers';

describe('loadUsersFolder', () => {
  it('reads every .csv and .ts file recursively, in sorted order, and notes the others', () => {
    const dir = tempFolder({
      'b.csv': csv('bob,B,S,,Sales,Agent,,soft,,'),
      'a/z.csv': csv('zed,Z,Z,,Sales,Agent,,soft,,'),
      'README.md': '# notes',
      '.hidden/x.csv': csv('hidden,H,H,,Sales,Agent,,soft,,'),
    });
    const result = loadUsersFolder(dir);
    expect(result.problems).toStrictEqual([]);
    expect(result.users.map((u) => u.username)).toStrictEqual(['zed', 'bob']);
    expect(result.files).toStrictEqual([path.join(dir, 'a/z.csv'), path.join(dir, 'b.csv')]);
    expect(result.notes).toStrictEqual([`note: ${path.join(dir, 'README.md')}: skipped (only .csv and .ts files hold users)`]);
  });

  it('fails when a user file is a symbolic link (it could leave the folder)', () => {
    const outside = tempFolder({ 'secret.csv': csv('eve,E,V,,Sales,Agent,,soft,,') });
    const dir = tempFolder({ 'a.csv': csv('bob,B,S,,Sales,Agent,,soft,,') });
    symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'link.csv'));
    symlinkSync(outside, path.join(dir, 'linked-dir'));
    const { problems, users } = loadUsersFolder(dir);
    expect(problems.map((p) => [p.code, path.basename(p.file)])).toStrictEqual([
      ['SYMLINK_REFUSED', 'link.csv'],
      ['SYMLINK_REFUSED', 'linked-dir'],
    ]);
    expect(users.some((u) => u.username === 'eve')).toBeFalsy();
  });

  it('fails when the folder does not exist', () => {
    expect(loadUsersFolder('/nonexistent/users').problems.map((p) => p.code)).toStrictEqual(['USERS_DIR_MISSING']);
  });
});
