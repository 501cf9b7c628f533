import { describeChange, diffUsers, fieldChanges, PASSWORD_NOTE, passwordLabel } from '../../src/review/compare';
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
          { field: 'tags', before: 'team=a', after: 'team=b', added: ['team=b'], removed: ['team=a'] },
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
    expect(d.changed.map((c) => c.fields)).toStrictEqual([
      [{ field: 'password', before: 'plaintext', after: 'plaintext (changed)', note: PASSWORD_NOTE }],
      [{ field: 'password', before: 'ssm:/x', after: 'generate', note: PASSWORD_NOTE }],
    ]);
    expect(JSON.stringify(d.changed.map((c) => c.fields)).includes('Secr3t')).toBeFalsy();
    expect(passwordLabel(undefined)).toBe('default');
  });
});

describe('fieldChanges', () => {
  it('shows a security profile change as what is added and what is taken away', () => {
    const [change] = fieldChanges(u('a', { securityProfiles: ['Agent', 'QA'] }), u('a', { securityProfiles: ['Admin', 'QA'] }));
    expect(change).toStrictEqual({ field: 'securityProfiles', before: 'Agent, QA', after: 'Admin, QA', added: ['Admin'], removed: ['Agent'] });
    expect(describeChange(change)).toBe('+Admin, -Agent');
  });

  it('sees no change when only the order of the security profiles differs', () => {
    expect(fieldChanges(u('a', { securityProfiles: ['B', 'A'] }), u('a', { securityProfiles: ['A', 'B'] }))).toStrictEqual([]);
  });

  it('shows an added tag and a changed tag value as set changes', () => {
    const [change] = fieldChanges(u('a', { tags: { team: 'a' } }), u('a', { tags: { team: 'b', site: 'lis' } }));
    expect(describeChange(change)).toBe('+site=lis, +team=b, -team=a');
  });

  it('shows a hierarchy group change as the whole path', () => {
    const [change] = fieldChanges(u('a', { hierarchyPath: ['EMEA', 'Lisbon'] }), u('a', { hierarchyPath: ['EMEA', 'Porto'] }));
    expect(change).toStrictEqual({ field: 'hierarchyGroup', before: 'EMEA|Lisbon', after: 'EMEA|Porto' });
    expect(describeChange(change)).toBe('EMEA|Lisbon -> EMEA|Porto');
    expect(describeChange(fieldChanges(u('a'), u('a', { hierarchyPath: ['X'] }))[0], '→')).toBe('(none) → X');
  });

  it('says a password source change does nothing to an existing user', () => {
    const [change] = fieldChanges(u('a', { password: 'generate' }), u('a', { password: 'ssm:/p' }));
    expect(describeChange(change)).toBe('generate -> ssm:/p (no effect on an existing user: Connect uses the password only when it creates the user)');
  });

  it('shows every compared field when it changes', () => {
    const all = fieldChanges(
      u('a'),
      u('a', {
        firstName: 'F2',
        lastName: 'L2',
        email: 'e@x.io',
        secondaryEmail: 's@x.io',
        routingProfile: 'R2',
        securityProfiles: ['S2'],
        hierarchyPath: ['H'],
        phoneType: 'DESK_PHONE',
        deskPhoneNumber: '+14155550100',
        autoAccept: true,
        afterContactWorkTimeLimit: 30,
        tags: { k: 'v' },
        directoryUserId: 'd',
        password: 'generate',
      }),
    );
    expect(all.map((f) => [f.field, f.before, f.after])).toStrictEqual([
      ['firstName', 'First', 'F2'],
      ['lastName', 'a', 'L2'],
      ['email', '', 'e@x.io'],
      ['secondaryEmail', '', 's@x.io'],
      ['routingProfile', 'Sales', 'R2'],
      ['securityProfiles', 'Agent', 'S2'],
      ['hierarchyGroup', '', 'H'],
      ['phoneType', 'SOFT_PHONE', 'DESK_PHONE'],
      ['deskPhoneNumber', '', '+14155550100'],
      ['autoAccept', 'no', 'yes'],
      ['afterContactWorkTimeLimit', '0', '30'],
      ['tags', '', 'k=v'],
      ['directoryUserId', '', 'd'],
      ['password', 'default', 'generate'],
    ]);
  });
});

describe('passwordLabel', () => {
  it.each([
    [undefined, 'default'],
    ['', 'default'],
    ['generate', 'generate'],
    ['none', 'none'],
    ['ssm:/connect/p', 'ssm:/connect/p'],
    ['secretsmanager:s', 'secretsmanager:s'],
    ['secretsmanager:s#jane', 'secretsmanager:s#jane'],
    ['Secr3tPass', 'plaintext'],
  ])('shows %p as %p', (cell, label) => expect(passwordLabel(cell)).toBe(label));
});

describe('renames', () => {
  it('prefers the email over the name, and pairs each user once', () => {
    const d = diffUsers(
      [u('old1', { email: 'a@x.io', firstName: 'A', lastName: 'B' }), u('old2', { email: 'a@x.io' })],
      [u('new1', { email: 'A@x.io' })],
    );
    expect(d.renamed.map((r) => [r.from.username, r.to.username, r.by])).toStrictEqual([['old1', 'new1', 'email']]);
    expect(d.removed.map((x) => x.username)).toStrictEqual(['old2']);
  });

  it('needs both a first and a last name to pair by name', () => {
    expect(diffUsers([u('a', { firstName: undefined, lastName: 'Doe' })], [u('b', { firstName: undefined, lastName: 'Doe' })]).renamed).toStrictEqual([]);
  });
});

describe('fieldChanges, edges', () => {
  it('takes an absent name as empty: absent and empty are the same, a new name shows as from empty', () => {
    expect(fieldChanges(u('a', { firstName: undefined, lastName: undefined }), u('a', { firstName: '', lastName: '' }))).toStrictEqual([]);
    expect(fieldChanges(u('a', { firstName: undefined, lastName: undefined }), u('a', { firstName: 'Ann', lastName: 'Lee' }))).toStrictEqual([
      { field: 'firstName', before: '', after: 'Ann' },
      { field: 'lastName', before: '', after: 'Lee' },
    ]);
  });

  it('shows tags as key=value items joined with ", "', () => {
    const [change] = fieldChanges(u('a', { tags: { team: 'x', site: 'y' } }), u('a', { tags: { team: 'x' } }));
    expect(change).toStrictEqual({ field: 'tags', before: 'site=y, team=x', after: 'team=x', added: [], removed: ['site=y'] });
  });

  it('sees no password change for the same plaintext, nor for two cells that both mean the default', () => {
    expect(fieldChanges(u('a', { password: 'Secr3tOne' }), u('a', { password: 'Secr3tOne' }))).toStrictEqual([]);
    expect(fieldChanges(u('a', { password: undefined }), u('a', { password: '' }))).toStrictEqual([]);
  });

  it('says "plaintext (changed)" for the password only, even where another field shows the word plaintext', () => {
    const before = u('a', { firstName: 'plaintext', password: 'Secr3tOne' });
    expect(fieldChanges(before, { ...before, password: 'Secr3tTwo' })).toStrictEqual([{ field: 'password', before: 'plaintext', after: 'plaintext (changed)', note: PASSWORD_NOTE }]);
  });
});

describe('describeChange', () => {
  it.each([
    ['only added', { field: 'tags', before: '', after: 'a=1', added: ['a=1'] }, '+a=1'],
    ['only removed', { field: 'tags', before: 'a=1', after: '', removed: ['a=1'] }, '-a=1'],
    ['both', { field: 'securityProfiles', before: 'Agent', after: 'Admin', added: ['Admin'], removed: ['Agent'] }, '+Admin, -Agent'],
    ['a plain value', { field: 'routingProfile', before: 'Sales', after: '' }, 'Sales -> (none)'],
  ])('%s', (_, change, expected) => {
    expect(describeChange(change)).toBe(expected);
  });
});

describe('renames, by name', () => {
  it('says a rename found by the first and last name is by name', () => {
    const same = { firstName: 'Jane', lastName: 'Doe' };
    expect(diffUsers([u('a', same)], [u('b', same)]).renamed.map((r) => [r.from.username, r.to.username, r.by])).toStrictEqual([['a', 'b', 'name']]);
  });
});
