import type { ImportList } from '../../src/load/folder';
import { importBlocks } from '../../src/synth/adoption';
import type { UsersRead } from '../../src/users';
import { makeUser } from '../helpers';

/** What readUsers would give: these users, and these imports files. */
function read(usernames: string[], imports: ImportList[]): UsersRead {
  return { users: usernames.map((u) => makeUser(u)), notes: [], files: [], imports };
}
const list = (file: string, instanceId: string, ...users: [string, string][]): ImportList => ({
  file,
  instanceId,
  entries: users.map(([username, user]) => ({ username, id: `${instanceId}:${user}` })),
});

describe('importBlocks', () => {
  it('imports each listed user that the files define, once, sorted by address, its id escaped for a template', () => {
    const { blocks, notes, instanceChecks } = importBlocks(
      read(['amy', 'bob', 'zoe'], [list('users/a.imports.json', 'i-1', ['zoe', 'u-${3}'], ['amy', 'u-1'], ['gone', 'u-9'], ['amy', 'u-2'])]),
      { instanceId: 'i-1' },
    );
    expect(blocks).toStrictEqual([
      { to: 'aws_connect_user.users["amy"]', id: 'i-1:u-1' },
      { to: 'aws_connect_user.users["zoe"]', id: 'i-1:u-$${3}' },
    ]);
    expect(notes).toStrictEqual(['note: users/a.imports.json: 2 import(s) skipped (username not in the users files, listed twice, or not importable by address)']);
    expect(instanceChecks).toStrictEqual([]);
  });

  it('skips a username that is not safe inside the address quotes', () => {
    const { blocks, notes } = importBlocks(read(['a"b', 'a b'], [list('x.imports.json', 'i', ['a"b', 'u'], ['a b', 'v'])]), { instanceId: 'i' });
    expect([blocks, notes]).toStrictEqual([[], ['note: x.imports.json: 2 import(s) skipped (username not in the users files, listed twice, or not importable by address)']]);
  });

  it('ignores, with a warning, the files of another instance on a stack with an instanceId', () => {
    const { blocks, notes, instanceChecks } = importBlocks(read(['amy'], [list('users/x.imports.json', 'other', ['amy', 'u'])]), { instanceId: 'i-1' });
    expect([blocks, instanceChecks]).toStrictEqual([[], []]);
    expect(notes).toStrictEqual(['warning: users/x.imports.json lists users of instance "other", not "i-1": ignored']);
  });

  it('escapes the control characters of a file name in its notes', () => {
    const { notes } = importBlocks(read([], [list('users\u001b/x.imports.json', 'other'), list('users\u001b/y.imports.json', 'i', ['gone', 'u'])]), { instanceId: 'i' });
    expect(notes).toStrictEqual([
      'warning: users\\u001b/x.imports.json lists users of instance "other", not "i": ignored',
      'note: users\\u001b/y.imports.json: 1 import(s) skipped (username not in the users files, listed twice, or not importable by address)',
    ]);
  });

  describe('on a stack that finds its instance by alias', () => {
    const message = (files: string, id: string) =>
      `The users imported by ${files} are in the Connect instance ${id}, but the alias "my-centre" finds the instance \${self.id}. ` +
      'Users can only be imported into the instance they are in: export them from this instance (connect-users export --instance-id ${self.id}), or delete the imports file.';

    it('imports from any instance, and checks at plan time that the alias finds each one (one condition per instance)', () => {
      const { blocks, notes, instanceChecks } = importBlocks(
        read(['amy', 'bob', 'cy'], [list('users/b.imports.json', 'i-2', ['bob', 'u-2']), list('users/a.imports.json', 'i-1', ['amy', 'u-1']), list('users/c.imports.json', 'i-2', ['cy', 'u-3'])]),
        { instanceAlias: 'my-centre' },
      );
      expect(blocks.map((b) => b.id)).toStrictEqual(['i-1:u-1', 'i-2:u-2', 'i-2:u-3']);
      expect(notes).toStrictEqual([]);
      expect(instanceChecks).toStrictEqual([
        { condition: '${self.id == "i-1"}', error_message: message('users/a.imports.json', 'i-1') },
        { condition: '${self.id == "i-2"}', error_message: message('users/b.imports.json, users/c.imports.json', 'i-2') },
      ]);
    });

    it('checks nothing for a file that imports no user', () => {
      expect(importBlocks(read(['amy'], [list('users/a.imports.json', 'i-1', ['gone', 'u-1'])]), { instanceAlias: 'my-centre' }).instanceChecks).toStrictEqual([]);
    });

    it('escapes ${ in a file name and the alias, for the template', () => {
      const [check] = importBlocks(read(['amy'], [list('users/${x}.imports.json', 'i-1', ['amy', 'u-1'])]), { instanceAlias: '%{a}' }).instanceChecks;
      expect(check.error_message.startsWith('The users imported by users/$${x}.imports.json are in the Connect instance i-1, but the alias "%%{a}" finds')).toBe(true);
    });
  });
});
