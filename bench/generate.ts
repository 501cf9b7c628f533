/**
 * Realistic synthetic users folders for the benchmark: console-template CSV
 * files (plus, optionally, a TypeScript file using presets), ~20 routing
 * profiles, ~5 security profiles, hierarchy paths, some desk phones and tags.
 * Deterministic: the same size gives the same files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const FIRST = ['Ana', 'John', 'Mary', 'Luís', 'Chen', 'Fatima', 'Olga', 'Kwame', 'Sofia', 'Raj', 'Emma', 'Noah'];
const LAST = ['Silva', 'Smith', "O'Brien", 'Gonçalves', 'Wang', 'Khan', 'Ivanova', 'Mensah', 'Rossi', 'Patel'];
const ROUTING = Array.from({ length: 20 }, (_, i) => `Queue Group ${String.fromCharCode(65 + i)}`);
const SECURITY = ['Agent', 'Quality Review', 'Outbound', 'Chat Only', 'Trainee'];
const SITES = ['Lisbon', 'Dublin', 'Manila', 'Austin'];
const TEAMS = ['Sales', 'Support', 'Billing', 'Retention'];

export const CONSOLE_HEADER =
  'first name,last name,email address,secondary email address,mobile,password,user login,agent hierarchy,routing profile name,security_profile_name_1|security_profile_name_2,user_hierarchy_1|user_hierarchy_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds),tags';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same data. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedUser {
  username: string;
  first: string;
  last: string;
  routing: string;
  security: string[];
  site: string;
  team: string;
  desk?: string;
  autoAccept: boolean;
  acw: number;
  tags: Record<string, string>;
}

export function generateUsers(count: number): GeneratedUser[] {
  const rand = prng(count);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const secondProfile = rand() < 0.3 ? [pick(SECURITY.slice(1))] : [];
    const desk = rand() < 0.1 ? `+1415${String(1_000_000 + i).slice(-7)}` : undefined;
    return {
      username: `agent${String(i).padStart(6, '0')}`,
      first,
      last,
      routing: pick(ROUTING),
      security: ['Agent', ...secondProfile],
      site: pick(SITES),
      team: pick(TEAMS),
      desk,
      autoAccept: rand() < 0.5,
      acw: pick([0, 15, 30, 60, 120]),
      tags: (rand() < 0.4 ? { team: pick(TEAMS).toLowerCase(), cost_centre: `cc-${Math.floor(rand() * 50)}` } : {}) as Record<string, string>,
    };
  });
}

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function toCsvRow(u: GeneratedUser): string {
  const tags = Object.entries(u.tags).map(([k, v]) => `${k}=${v}`).join('|');
  return [
    u.first, u.last, `${u.username}@example.com`, '', '', '', u.username, '', u.routing, u.security.join('|'),
    `Global|${u.site}|${u.site} ${u.team}`, u.desk ? 'desk' : 'soft', u.desk ?? '', u.autoAccept ? 'yes' : 'no', String(u.acw), tags,
  ].map(q).join(',');
}

export function toTsFile(users: GeneratedUser[]): string {
  const lines = users.map((u) => {
    const extra = [
      u.security.length > 1 ? `securityProfiles: ${JSON.stringify(u.security)}` : '',
      u.desk ? `phoneType: 'DESK_PHONE', deskPhoneNumber: '${u.desk}'` : '',
      Object.keys(u.tags).length ? `tags: ${JSON.stringify(u.tags)}` : '',
    ].filter(Boolean);
    return `  agent({ username: '${u.username}', firstName: ${JSON.stringify(u.first)}, lastName: ${JSON.stringify(u.last)}, routingProfile: '${u.routing}', hierarchyGroup: 'Global|${u.site}|${u.site} ${u.team}', autoAccept: ${u.autoAccept}, afterContactWorkTimeLimit: ${u.acw}${extra.length ? ', ' + extra.join(', ') : ''} }),`;
  });
  return `import { defineUsers, preset } from 'connect-users/define';\n\nconst agent = preset({ securityProfiles: ['Agent'], phoneType: 'SOFT_PHONE' });\n\nexport default defineUsers([\n${lines.join('\n')}\n]);\n`;
}

/**
 * Writes a users folder of `count` users: CSV files of at most 5,000 rows and,
 * with `tsShare`, that share of the users in one TypeScript file.
 */
export function writeUsersFolder(dir: string, count: number, tsShare = 0): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const users = generateUsers(count);
  const tsCount = Math.round(count * tsShare);
  const csvUsers = users.slice(tsCount);
  for (let i = 0, file = 0; i < csvUsers.length; i += 5000, file++) {
    const rows = csvUsers.slice(i, i + 5000).map(toCsvRow);
    writeFileSync(path.join(dir, `agents-${String(file).padStart(3, '0')}.csv`), `\uFEFF${[CONSOLE_HEADER, ...rows].join('\r\n')}\r\n`);
  }
  if (tsCount > 0) writeFileSync(path.join(dir, 'team.ts'), toTsFile(users.slice(0, tsCount)));
}
