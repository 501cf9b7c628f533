/**
 * The round trip, as a property: every user the validator accepts survives
 * synth -> plan -> apply -> output unchanged. fast-check generates folders of
 * varied users (a CSV file and a TypeScript file) rich in what Terraform could
 * misread: `${`, `%{`, `$${`, quotes, backslashes, commas, accents, emoji,
 * names that look like references, `__proto__` tag keys, every password
 * source. The loader and the validator decide which users are valid; those
 * are written to a folder, and real Terraform must read each of them back
 * as the files say. Two folders, so two Terraform runs (about 1 s each).
 * On failure fast-check prints the seed and the users (re-run with its seed).
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { csvLine } from '../../src/csv-write';
import { loadUsersFolder } from '../../src/load/folder';
import type { RawUser } from '../../src/model';
import { validateUsers } from '../../src/validate';
import { hierarchyPathConflicts } from '../../src/validate/hierarchy-paths';
import { tempFolder } from '../helpers';
import { checkFolder } from './project';
import { describeTerraform } from './tier';

/** Pieces of text, joined into values: what Terraform, CSV or JSON could misread. */
const FRAGMENTS = ['${x}', '%{if a}', '$${y}', '%%{z}', '${', '%{', '$', '%', '{', '}', '"', "'", '\\', ',', ' ', 'é', 'e\u0301', '😀', '李', 'aws_connect_user.users', 'data.aws_x.y', 'each.key', 'Ana', 'Z9'];
const text = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
/** A name inside a `|` list (CSV splits on it). */
const listItem = text.map((s) => s.replace(/\|/g, ''));
/** Tag keys the validator allows (letters, digits, spaces and _ . : / + - @), `__proto__` among them; no `=` (CSV splits on it). */
const tagKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'team', 'clé été', 'a b', 'x.y/z:w', 'k+1', '@who', 'Ünïcödé');

/** One generated user, as its fields; the username is given by position, so none repeats. */
const user = fc.record({
  firstName: text,
  lastName: text,
  email: fc.boolean(),
  secondaryEmail: fc.boolean(),
  // Every source; a short plaintext password fails the password rule (the validator drops that user).
  password: fc.constantFrom('', 'generate', 'none', 'ssm:/p/a', 'ssm:/p/b.c', 'secretsmanager:s1', 'secretsmanager:s1#k1', 'secretsmanager:s1#k ${2} é', 'secretsmanager:s2#x', 'Pw-${x}9aB', 'short'),
  routingProfile: text,
  securityProfiles: fc.uniqueArray(listItem, { minLength: 1, maxLength: 3 }),
  hierarchy: fc.array(listItem, { maxLength: 3 }),
  desk: fc.boolean(),
  autoAccept: fc.boolean(),
  acw: fc.integer({ min: 0, max: 2_000_000 }),
  tags: fc.dictionary(tagKey, text.map((s) => s.replace(/\|/g, '')), { maxKeys: 3 }),
});
type Generated = (typeof user extends fc.Arbitrary<infer T> ? T : never) & { username: string };

const CSV_HEADER = ['username', 'firstName', 'lastName', 'email', 'secondaryEmail', 'password', 'routingProfile', 'securityProfiles', 'hierarchyGroup', 'phoneType', 'deskPhoneNumber', 'autoAccept', 'afterContactWorkTimeLimit', 'tags'];

function csvRow(u: Generated): string {
  return csvLine([
    u.username,
    u.firstName,
    u.lastName,
    u.email ? `${u.username}@example.com` : '',
    u.secondaryEmail ? `${u.username}@example.org` : '',
    u.password,
    u.routingProfile,
    u.securityProfiles.join('|'),
    u.hierarchy.join('|'),
    u.desk ? 'desk' : 'soft',
    u.desk ? '+14155550100' : '',
    u.autoAccept ? 'yes' : 'no',
    String(u.acw),
    Object.entries(u.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join('|'),
  ]);
}

/** The same user as a TypeScript user object (JSON is TypeScript). */
function tsUser(u: Generated): string {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(u.tags)) Object.defineProperty(tags, k, { value: v, enumerable: true });
  return JSON.stringify({
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    ...(u.email ? { email: `${u.username}@example.com` } : {}),
    ...(u.secondaryEmail ? { secondaryEmail: `${u.username}@example.org` } : {}),
    ...(u.password ? { password: u.password } : {}),
    routingProfile: u.routingProfile,
    securityProfiles: u.securityProfiles,
    ...(u.hierarchy.length > 0 ? { hierarchyGroup: u.hierarchy.join('|') } : {}),
    phoneType: u.desk ? 'DESK_PHONE' : 'SOFT_PHONE',
    ...(u.desk ? { deskPhoneNumber: '+14155550100' } : {}),
    autoAccept: u.autoAccept,
    afterContactWorkTimeLimit: u.acw,
    tags,
  });
}

/** Writes the users: the first half as users.csv, the rest as users.ts (one user a line). */
function writeFolder(dir: string, users: readonly Generated[]): void {
  const half = Math.ceil(users.length / 2);
  rmSync(path.join(dir, 'users.csv'), { force: true });
  rmSync(path.join(dir, 'users.ts'), { force: true });
  const csv = users.slice(0, half);
  const ts = users.slice(half);
  if (csv.length > 0) writeFileSync(path.join(dir, 'users.csv'), [CSV_HEADER.join(','), ...csv.map(csvRow)].join('\n') + '\n');
  if (ts.length > 0) writeFileSync(path.join(dir, 'users.ts'), `export default [\n${ts.map(tsUser).join(',\n')}\n];\n`);
}

const CONTEXT = { identityManagementType: 'CONNECT_MANAGED' as const, allowPlaintextPasswords: true };

/**
 * The users the loader and the validator accept: each user's rules pass, and
 * its hierarchy path agrees with those kept before it (a folder-wide rule).
 */
function accepted(dir: string): RawUser[] {
  const loaded = loadUsersFolder(dir);
  // The generator writes only what the loaders can read: a problem here is the generator's.
  expect(loaded.problems).toStrictEqual([]);
  const kept: RawUser[] = [];
  for (const u of loaded.users) {
    if (validateUsers([u], CONTEXT).problems.length > 0) continue;
    if (hierarchyPathConflicts([...kept, u]).length > 0) continue;
    kept.push(u);
  }
  return kept;
}

describeTerraform('real Terraform: the round trip, as a property', () => {
  it('every user the validator accepts survives synth, plan, apply and output unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(user, { minLength: 8, maxLength: 16 }), fc.constantFrom('generate', 'ssm:/d/default', 'secretsmanager:s1#dflt'), async (generated, defaultPassword) => {
        const users = generated.map((u, i) => ({ ...u, username: `u${i}.x` }));
        const dir = tempFolder();
        writeFolder(dir, users);
        const valid = new Set(accepted(dir).map((u) => u.username));
        writeFolder(
          dir,
          users.filter((u) => valid.has(u.username)),
        );
        if (valid.size === 0) return; // nothing valid to send (rare): no Terraform run
        const { problems, readBack } = await checkFolder(dir, { props: { ...CONTEXT, defaultPassword } });
        expect(problems).toStrictEqual([]);
        expect(Object.keys(readBack).sort()).toStrictEqual([...valid].sort());
        rmSync(dir, { recursive: true, force: true }); // kept when the run fails, for a look
      }),
      // Each run is one Terraform run: two folders, and no shrinking (each step would be another run).
      // ROUND_TRIP_RUNS=50 searches longer (about 1 s a folder), e.g. after a change to escaping.
      { numRuns: Number(process.env.ROUND_TRIP_RUNS) || 2, endOnFailure: true },
    );
  });
});
