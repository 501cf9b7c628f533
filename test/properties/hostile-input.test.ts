/**
 * Property-based tests (fast-check) over both loaders, the validator and the
 * escaping: whatever the input, the result is users or coded problems with a
 * location, never a crash, and never a partial user set beside an error.
 */
import fc from 'fast-check';
import { KNOWN_HEADERS } from '../../src/load/csv-columns';
import { loadCsv } from '../../src/load/csv';
import { usersFromExport } from '../../src/load/typescript';
import { UsersError, type Problem } from '../../src/problems';
import { escapeTemplate, userLocals } from '../../src/synth/terraform-values';
import { readUsers } from '../../src/users';
import { validateUsers } from '../../src/validate';
import { makeUser, tempFolder } from '../helpers';

const RUNS = { numRuns: 200 };

function assertCoded(problems: readonly Problem[], file: string, needLine: boolean): void {
  for (const p of problems) {
    expect(typeof p.code).toBe('string');
    expect(p.code).toMatch(/^[A-Z0-9_]+$/);
    expect(p.file.startsWith(file)).toBeTruthy() /* `${p.file} is not under ${file}` */;
    expect(p.message.length > 0).toBeTruthy();
    if (needLine) expect(Number.isInteger(p.line) && p.line! >= 1).toBeTruthy() /* `${p.code} has no line: ${JSON.stringify(p)}` */;
  }
}

/**
 * What Terraform makes of a JSON string: a template whose only escapes are
 * `$${` and `%%{`; an unescaped `${` or `%{` would be evaluated (here: thrown).
 * Follows the template scanner of HCL (TemplateNotInterp / TemplateNotControl).
 */
function terraformLiteral(template: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '$' || c === '%') && template[i + 1] === c && template[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && template[i + 1] === '{') {
      throw new Error(`Terraform would evaluate ${c}{ at ${i}`);
    } else out += c;
  }
  return out;
}

/** Strings rich in the characters that matter here. */
const tricky = fc.string({ unit: fc.constantFrom('$', '%', '{', '}', '"', ',', '\n', '\r', '|', '=', ':', ' ', 'a', 'Z', '9', 'é', '\u0000', '\\'), maxLength: 40 });
const cell = fc.oneof(tricky, fc.string({ maxLength: 20 }), fc.constantFrom('', 'soft', 'desk', 'yes', 'no', '30', 'Agent|QA', 'team=a|b:c', 'jane.doe'));

describe('properties: escaping', () => {
  it('escapeTemplate round-trips: Terraform reads back exactly the original string, never an expression', () => {
    fc.assert(fc.property(fc.oneof(tricky, fc.string()), (s) => expect(terraformLiteral(escapeTemplate(s))).toBe(s)), { numRuns: 2000 });
  });

  it('every string in the synthesized user data, keys included, reads back as what the files said', () => {
    fc.assert(
      fc.property(tricky, tricky, tricky, fc.dictionary(tricky, tricky, { maxKeys: 3 }), (name, profile, group, tags) => {
        const user = makeUser(`u${name}`, { firstName: name, routingProfile: profile, securityProfiles: [profile], hierarchyPath: [group], tags });
        const locals = userLocals([user]);
        const [[key, value]] = Object.entries(locals.connect_users);
        expect(terraformLiteral(key)).toBe(user.username);
        expect(terraformLiteral(value.identity_info?.first_name ?? '')).toBe(name) /* 'an empty name is null, anything else itself' */;
        expect(terraformLiteral(value.routing_profile)).toBe(profile);
        expect(terraformLiteral(value.hierarchy_group ?? '')).toBe(group);
        expect(Object.fromEntries(Object.entries(value.tags).map(([k, v]) => [terraformLiteral(k), terraformLiteral(v)]))).toStrictEqual(Object.fromEntries(Object.entries(tags)));
        for (const [k, v] of Object.entries(locals.connect_routing_profiles)) expect(terraformLiteral(k)).toBe(terraformLiteral(v));
      }),
      RUNS,
    );
  });
});

describe('properties: loaders never crash', () => {
  it('loadCsv on arbitrary bytes gives users or coded problems with a line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const { users, problems } = loadCsv(Buffer.from(bytes), 'users/x.csv');
        assertCoded(problems, 'users/x.csv', true);
        for (const u of users) expect(u.source.line! >= 2).toBeTruthy();
      }),
      RUNS,
    );
  });

  it('loadCsv on random CSV shapes (known and unknown headers, quoted or not, ragged rows)', () => {
    const header = fc.uniqueArray(fc.oneof(fc.constantFrom(...KNOWN_HEADERS), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 8 });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const shape = header.chain((h) =>
      fc.record({
        header: fc.constant(h),
        rows: fc.array(fc.array(cell, { minLength: 0, maxLength: h.length + 2 }), { maxLength: 6 }),
        quoted: fc.boolean(),
        eol: fc.constantFrom('\n', '\r\n', '\r'),
        bom: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(shape, ({ header: h, rows, quoted, eol, bom }) => {
        const line = (cells: string[]) => cells.map((c) => (quoted ? quote(c) : c)).join(',');
        const text = (bom ? '\uFEFF' : '') + [h, ...rows].map(line).join(eol) + eol;
        const { users, problems } = loadCsv(text, 'users/x.csv');
        assertCoded(problems, 'users/x.csv', true);
        if (problems.length === 0) for (const u of users) expect(Number.isInteger(u.source.line)).toBeTruthy();
      }),
      RUNS,
    );
  });

  it('a TypeScript default export of any shape gives users or coded problems, and validation never crashes on them', () => {
    const userish = fc.record(
      {
        username: fc.oneof(fc.string(), fc.anything()),
        firstName: fc.oneof(fc.string(), fc.anything()),
        routingProfile: fc.oneof(fc.string(), fc.integer()),
        securityProfiles: fc.oneof(fc.array(fc.string()), fc.anything()),
        phoneType: fc.oneof(fc.constantFrom('SOFT_PHONE', 'DESK_PHONE', 'soft'), fc.anything()),
        tags: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.anything()),
        afterContactWorkTimeLimit: fc.oneof(fc.integer(), fc.double(), fc.anything()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.oneof(userish, fc.anything()), { maxLength: 5 })), (exported) => {
        const { users, problems } = usersFromExport(exported, 'users/x.ts', '');
        assertCoded(problems, 'users/x.ts', false);
        const checked = validateUsers(users, { identityManagementType: 'CONNECT_MANAGED' });
        assertCoded(checked.problems, 'users/x.ts', false);
      }),
      RUNS,
    );
  });
});

describe('properties: a folder gives all its users or an error, never a part', () => {
  it('readUsers either returns every user with no problem, or throws one UsersError', () => {
    const good = 'username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,J,D,Sales,Agent,soft\n';
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(good), fc.string({ maxLength: 80 }).map((s) => `${good}${s}`)), { minLength: 1, maxLength: 3 }), (files) => {
        const dir = tempFolder(Object.fromEntries(files.map((content, i) => [`f${i}.csv`, content])));
        try {
          const { users } = readUsers({ dir });
          expect(users.length >= 1).toBeTruthy();
        } catch (err) {
          expect(err).toBeInstanceOf(UsersError);
          const problems = (err as UsersError).problems;
          expect(problems.length).toBeGreaterThan(0);
          assertCoded(problems, dir, false);
        }
      }),
      { numRuns: 60 },
    );
  });
});
