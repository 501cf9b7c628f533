import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffUsers, passwordLabel } from '../src/compare';
import { makeUser as u } from './helpers';

describe('diffUsers', () => {
  it('finds added, removed, changed (field by field) and unchanged users', () => {
    const before = [u('amy'), u('bob'), u('cat', { routingProfile: 'Sales', tags: { team: 'a' } })];
    const after = [u('amy'), u('cat', { routingProfile: 'Support', tags: { team: 'b' } }), u('dan')];
    const d = diffUsers(before, after);
    assert.deepEqual(d.added.map((x) => x.username), ['dan']);
    assert.deepEqual(d.removed.map((x) => x.username), ['bob']);
    assert.deepEqual(d.changed.map((c) => [c.username, c.fields]), [
      [
        'cat',
        [
          { field: 'routingProfile', before: 'Sales', after: 'Support' },
          { field: 'tags', before: 'team=a', after: 'team=b' },
        ],
      ],
    ]);
    assert.equal(d.unchanged, 1);
  });

  it('takes a removed and an added user with the same email for a rename', () => {
    const d = diffUsers([u('jdoe', { email: 'Jane@Example.com' })], [u('jane.doe', { email: 'jane@example.com' })]);
    assert.deepEqual(d.renamed.map((r) => [r.from.username, r.to.username, r.by]), [['jdoe', 'jane.doe', 'email']]);
    assert.deepEqual([d.added, d.removed], [[], []]);
  });

  it('takes the same first and last name for a rename only when unique on both sides', () => {
    const same = { firstName: 'Jane', lastName: 'Doe' };
    assert.equal(diffUsers([u('a', same)], [u('b', same)]).renamed.length, 1);
    assert.equal(diffUsers([u('a', same), u('c', same)], [u('b', same)]).renamed.length, 0);
  });

  it('never shows a password: references by name, plaintext only as "plaintext (changed)"', () => {
    const d = diffUsers([u('a', { password: 'Secr3tOne' }), u('b', { password: 'ssm:/x' })], [u('a', { password: 'Secr3tTwo' }), u('b', { password: 'generate' })]);
    assert.deepEqual(
      d.changed.map((c) => c.fields),
      [[{ field: 'password', before: 'plaintext', after: 'plaintext (changed)' }], [{ field: 'password', before: 'ssm:/x', after: 'generate' }]],
    );
    assert.ok(!JSON.stringify(d.changed.map((c) => c.fields)).includes('Secr3t'));
    assert.equal(passwordLabel(undefined), 'default');
  });
});
