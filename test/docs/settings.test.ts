import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SETTINGS } from '../../src/settings';
import { ROOT } from '../helpers';
import { section, sources, table } from './readme';

/**
 * Variables read without src/settings.ts, on purpose: the protocol between
 * the CLI and the app, and the benchmark's switch (README, Performance).
 */
const NOT_SETTINGS = ['CONNECT_USERS_DESCRIBE', 'CONNECT_USERS_TIMINGS'];
/** Words shaped like a variable that are not one. */
const NOT_VARIABLES = ['CONNECT_MANAGED', 'CONNECT_PASSWORD'];

describe("README's Configuration table and src/settings.ts", () => {
  const rows = table(section('Configuration'), 'variable');

  it('lists every setting, in the same order, with the same meaning and default', () => {
    const expected = Object.entries(SETTINGS).map(([name, s]) => [`\`${name}\``, s.meaning, s.defaultText]);
    expect(rows).toStrictEqual(expected);
  });
});

describe('every variable the code reads is a setting', () => {
  const files = ['main.ts', ...sources('src')].filter((f) => f !== path.join('src', 'settings.ts'));
  const text = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

  it('variables read by name (process.env.X, commander .env(X)) are settings', () => {
    const read = /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])|\.env\(\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\)/g;
    const names = new Set(files.flatMap((f) => [...text(f).matchAll(read)].map((m) => m[1] ?? m[2] ?? m[3])));
    expect(names.has('AWS_REGION')).toBe(true); // the scan sees export's --region
    const unknown = [...names].filter((n) => !(n in SETTINGS) && !NOT_SETTINGS.includes(n));
    expect(unknown).toStrictEqual([]);
  });

  it('every CONNECT_* name in the code and in the workflow is a setting', () => {
    const workflow = path.join('.github', 'workflows', 'connect-users.yml');
    const names = new Set([...files, workflow].flatMap((f) => text(f).match(/\bCONNECT_[A-Z0-9_]+\b/g) ?? []));
    // The workflow's own repository variables (vars.X) are not read by the code.
    const ciOnly = (n: string) => new RegExp(`vars\\.${n}\\b`).test(text(workflow)) && !files.some((f) => text(f).includes(n));
    const unknown = [...names].filter((n) => !(n in SETTINGS) && !NOT_SETTINGS.includes(n) && !NOT_VARIABLES.includes(n) && !ciOnly(n));
    expect(unknown).toStrictEqual([]);
  });
});
