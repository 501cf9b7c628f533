import { loadTypeScript, usersFromExport } from '../../src/load/typescript';
import { fixture } from '../helpers';

const load = (name: string) => loadTypeScript(fixture('ts', name), `users/${name}`);

describe('loadTypeScript', () => {
  it('loads users built from presets, merging tags and finding each line', () => {
    const { users, problems } = load('good.ts');
    expect(problems).toStrictEqual([]);
    expect(users[0]).toStrictEqual({
      username: 'jane.doe',
      firstName: 'Jane',
      lastName: 'Doe',
      routingProfile: 'Sales',
      securityProfiles: ['Agent'],
      phoneType: 'SOFT_PHONE',
      tags: { team: 'sales', site: 'lisbon' },
      source: { file: 'users/good.ts', line: 6 },
    });
    expect(users[1].routingProfile).toBe('Support') /* "a user's own field wins over the preset" */;
    expect(users[1].hierarchyPath).toStrictEqual(['EMEA', 'Lisbon', 'Support']);
    expect(users[2].source.line).toBe(8);
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
      expect(problems.map((p) => p.code).sort()).toStrictEqual(codes);
      expect(problems.every((p) => p.file === `users/${name}`)).toBeTruthy();
      if (name !== 'wrong-type.ts') expect(users).toStrictEqual([]);
    });
  }

  it('says which field is unknown and what was meant', () => {
    const [p] = load('unknown-key.ts').problems;
    expect(p.field).toBe('routingProfle');
    expect(p.line).toBe(2);
    expect(p.message).toMatch(/did you mean "routingProfile"/);
  });

  it('keeps the message of a file that throws, and never a password of the wrong type', () => {
    expect(load('throws.ts').problems[0].message).toMatch(/boom while loading/);
    const pw = load('wrong-type.ts').problems.find((p) => p.field === 'password');
    expect(pw && !pw.message.includes('12345678')).toBeTruthy() /* pw?.message */;
  });

  it('usersFromExport is pure and reports a non-array export', () => {
    expect(usersFromExport({ username: 'x' }, 'users/x.ts').problems[0].code).toBe('TS_EXPORT_SHAPE');
    expect(usersFromExport([], 'users/x.ts')).toStrictEqual({ users: [], problems: [] });
  });
});
