/**
 * Generates users folders of any size for the tier and the large case
 * (bench/terraform-large.ts): a native-header CSV that uses every password
 * source, hierarchy paths, desk phones, tags (`__proto__` among the keys) and
 * awkward values (`${`, `%{`, `$${`, quotes, backslashes, accents, emoji),
 * plus an imports file for the first two users. Deterministic: user i is
 * always the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { csvLine } from '../../src/csv-write';
import { INSTANCE_ID } from './project';

export const HEADER =
  'username,firstName,lastName,email,secondaryEmail,password,routingProfile,securityProfiles,hierarchyGroup,phoneType,deskPhoneNumber,autoAccept,afterContactWorkTimeLimit,tags';

/** Password cells in turn: every source, and the empty cell (the stack's default). */
const PASSWORDS = ['generate', 'ssm:/connect/pw/a', 'secretsmanager:team/sec', 'secretsmanager:team/sec#key1', 'none', ''];
const LAST_NAMES = ['Silva', "O'Brien, Jr.", 'Gonçalves 😀', 'Roe ${var.x}', 'Costa %{if x}', 'Back\\slash "q"', 'aws_connect_user.users', 'Müller $${y}'];

export interface GenerateOptions {
  /** Every 11th user (from the 4th) gets a plaintext password (the stack must allow them). Default: false. */
  plaintext?: boolean;
  /** Write `x.imports.json` adopting the first two users. Default: true. */
  imports?: boolean;
}

/** `n` users (usernames u00000...), spread over 12 routing profiles, 3 security profiles and 30 hierarchy groups. */
export function usersCsv(n: number, options: GenerateOptions = {}): string {
  const rows = [HEADER];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(5, '0');
    const desk = i % 7 === 0;
    let password = PASSWORDS[i % PASSWORDS.length];
    if (options.plaintext && i % 11 === 3) password = `Plain-Pw-${id}a`;
    rows.push(
      csvLine([
        `u${id}`,
        `First${i}`,
        LAST_NAMES[i % LAST_NAMES.length],
        `u${id}@example.com`,
        i % 5 === 0 ? `u${id}@example.org` : '',
        password,
        `Routing ${i % 12}${i % 12 === 5 ? ' ${x}' : ''}`,
        ['Agent', i % 3 === 0 ? 'Quality Review' : '', i % 17 === 0 ? 'CallCenterManager' : ''].filter(Boolean).join('|'),
        // Every 9th user (from the 5th) has no hierarchy group.
        i % 9 === 4 ? '' : `Region ${i % 3}|Site ${i % 10}|Team ${i % 30}`,
        desk ? 'desk' : 'soft',
        desk ? `+3512100${id}` : '',
        i % 2 === 0 ? 'yes' : 'no',
        String((i * 15) % 300),
        `team=t${i % 30}|site=s${i % 10}${i % 13 === 0 ? '|__proto__=p|clé été=v%{y} ${z}' : ''}`,
      ]),
    );
  }
  return rows.join('\n') + '\n';
}

/** Writes a users folder with `n` users (and an imports file for the first two) and returns its path. */
export function writeUsersFolder(dir: string, n: number, options: GenerateOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'users.csv'), usersCsv(n, options));
  if (options.imports ?? true) {
    const imports = [0, 1].filter((i) => i < n).map((i) => ({ username: `u${String(i).padStart(5, '0')}`, id: `${INSTANCE_ID}:id-${i}` }));
    writeFileSync(path.join(dir, 'x.imports.json'), JSON.stringify({ instanceId: INSTANCE_ID, imports }));
  }
  return dir;
}
