import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTypeScript, usersFromExport } from '../../src/load/typescript';
import { fixture } from '../helpers';

const load = (name: string) => loadTypeScript(fixture('ts', name), `users/${name}`);

describe('loadTypeScript', () => {
  it('loads users built from presets, merging tags and finding each line', () => {
    const { users, problems } = load('good.ts');
    assert.deepEqual(problems, []);
    assert.deepEqual(users[0], {
      username: 'jane.doe',
      firstName: 'Jane',
      lastName: 'Doe',
      routingProfile: 'Sales',
      securityProfiles: ['Agent'],
      phoneType: 'SOFT_PHONE',
      tags: { team: 'sales', site: 'lisbon' },
      source: { file: 'users/good.ts', line: 6 },
    });
    assert.equal(users[1].routingProfile, 'Support', "a user's own field wins over the preset");
    assert.deepEqual(users[1].hierarchyPath, ['EMEA', 'Lisbon', 'Support']);
    assert.equal(users[2].source.line, 8);
  });

  const cases: [string, string, string[]][] = [
    ['a key is unknown (suggests the closest)', 'unknown-key.ts', ['UNKNOWN_FIELD']],
    ['a value has the wrong type', 'wrong-type.ts', ['INVALID_TYPE', 'INVALID_TYPE', 'INVALID_TYPE']],
    ['there is no default export', 'wrong-shape.ts', ['TS_EXPORT_SHAPE']],
    ['the file throws on import', 'throws.ts', ['TS_LOAD_ERROR']],
    ['the array holds non-objects', 'not-objects.ts', ['TS_EXPORT_SHAPE', 'TS_EXPORT_SHAPE']],
  ];
  for (const [when, name, codes] of cases) {
    it(`fails when ${when}`, () => {
      const { users, problems } = load(name);
      assert.deepEqual(problems.map((p) => p.code).sort(), codes);
      assert.ok(problems.every((p) => p.file === `users/${name}`));
      if (name !== 'wrong-type.ts') assert.deepEqual(users, []);
    });
  }

  it('says which field is unknown and what was meant', () => {
    const [p] = load('unknown-key.ts').problems;
    assert.equal(p.field, 'routingProfle');
    assert.equal(p.line, 2);
    assert.match(p.message, /did you mean "routingProfile"/);
  });

  it('keeps the message of a file that throws, and never a password of the wrong type', () => {
    assert.match(load('throws.ts').problems[0].message, /boom while loading/);
    const pw = load('wrong-type.ts').problems.find((p) => p.field === 'password');
    assert.ok(pw && !pw.message.includes('12345678'), pw?.message);
  });

  it('usersFromExport is pure and reports a non-array export', () => {
    assert.equal(usersFromExport({ username: 'x' }, 'users/x.ts').problems[0].code, 'TS_EXPORT_SHAPE');
    assert.deepEqual(usersFromExport([], 'users/x.ts'), { users: [], problems: [] });
  });
});
