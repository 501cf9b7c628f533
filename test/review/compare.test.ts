import { diffUsers, passwordLabel } from '../../src/review/compare';
import { makeUser as u } from '../helpers';

describe('diffUsers', () => {
  it('finds added, removed, changed (field by field) and unchanged users', () => {
    const before = [u('amy'), u('bob'), u('cat', { routingProfile: 'Sales', tags: { team: 'a' } })];
    const after = [u('amy'), u('cat', { routingProfile: 'Support', tags: { team: 'b' } }), u('dan')];
    const d = diffUsers(before, after);
    expect(d.added.map((x) => x.username)).toStrictEqual(['dan']);
    expect(d.removed.map((x) => x.username)).toStrictEqual(['bob']);
    expect(d.changed.map((c) => [c.username, c.fields])).toStrictEqual([
      [
        'cat',
        [
          { field: 'routingProfile', before: 'Sales', after: 'Support' },
          { field: 'tags', before: 'team=a', after: 'team=b' },
        ],
      ],
    ]);
    expect(d.unchanged).toBe(1);
  });

  it('takes a removed and an added user with the same email for a rename', () => {
    const d = diffUsers([u('jdoe', { email: 'Jane@Example.com' })], [u('jane.doe', { email: 'jane@example.com' })]);
    expect(d.renamed.map((r) => [r.from.username, r.to.username, r.by])).toStrictEqual([['jdoe', 'jane.doe', 'email']]);
    expect([d.added, d.removed]).toStrictEqual([[], []]);
  });

  it('takes the same first and last name for a rename only when unique on both sides', () => {
    const same = { firstName: 'Jane', lastName: 'Doe' };
    expect(diffUsers([u('a', same)], [u('b', same)]).renamed.length).toBe(1);
    expect(diffUsers([u('a', same), u('c', same)], [u('b', same)]).renamed.length).toBe(0);
  });

  it('never shows a password: references by name, plaintext only as "plaintext (changed)"', () => {
    const d = diffUsers([u('a', { password: 'Secr3tOne' }), u('b', { password: 'ssm:/x' })], [u('a', { password: 'Secr3tTwo' }), u('b', { password: 'generate' })]);
    expect(d.changed.map((c) => c.fields)).toStrictEqual([[{ field: 'password', before: 'plaintext', after: 'plaintext (changed)' }], [{ field: 'password', before: 'ssm:/x', after: 'generate' }]]);
    expect(JSON.stringify(d.changed.map((c) => c.fields)).includes('Secr3t')).toBeFalsy();
    expect(passwordLabel(undefined)).toBe('default');
  });
});
