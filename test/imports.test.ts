import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(rel);
    return /\.(ts|js)$/.test(e.name) ? [rel] : [];
  });
}

describe('imports', () => {
  const files = ['main.ts', ...sources('src'), ...sources('bin'), ...sources('bench'), ...sources('users'), ...sources('scripts')];

  it('no file imports the provider package root (2,600 modules, ~2.5 s): deep imports only', () => {
    const root = /(from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-aws['"]/;
    const offenders = files.filter((f) => root.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toStrictEqual([]);
    expect(files.includes(path.join('src', 'synth', 'connect-users-stack.ts'))).toBeTruthy() /* 'the scan sees the synthesis layer' */;
  });

  it('only the synthesis layer and the entry points import cdktf or the provider', () => {
    const cdktf = /['"](cdktf|@cdktf\/provider-aws[^'"]*)['"]/;
    const allowed = (f: string) => f.startsWith(path.join('src', 'synth')) || f === path.join('src', 'index.ts') || f.startsWith('test');
    const offenders = files.filter((f) => f.endsWith('.ts') && !allowed(f) && cdktf.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toStrictEqual([]);
  });

  it('main.ts, the CLI and what they share reach the synth layer only through a type or a require (esbuild keeps it lazy)', () => {
    const entry = ['main.ts', path.join('src', 'run-stacks.ts'), path.join('src', 'settings.ts'), path.join('src', 'cli.ts'), ...files.filter((f) => f.startsWith(path.join('src', 'commands')))];
    const valueImport = /^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm;
    const offenders = entry.flatMap((f) =>
      [...readFileSync(path.join(ROOT, f), 'utf8').matchAll(valueImport)].map((m) => m[1]).filter((from) => /(^|\/)synth(\/|$)|^cdktf|^@cdktf/.test(from)).map((from) => `${f}: ${from}`),
    );
    expect(offenders).toStrictEqual([]);
    expect(entry).toContain(path.join('src', 'commands', 'validate.ts'));
  });
});

