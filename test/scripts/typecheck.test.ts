import { readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempFolder, thrown } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { okLine, rootNamesFor, stackFolders, tsFiles } = require('../../scripts/typecheck.js') as {
  okLine(ms: number): string;
  rootNamesFor(args: string[], env?: NodeJS.ProcessEnv): string[];
  stackFolders(cwd?: string, env?: NodeJS.ProcessEnv): string[];
  tsFiles(dir: string): string[];
};

describe('scripts/typecheck.js (npm run typecheck)', () => {
  it("finds every stack's users folder from main.ts, as validate does, wherever a variable puts it", () => {
    expect(stackFolders()).toStrictEqual([path.join(ROOT, 'users'), path.join(ROOT, 'users-dev')]);
    const elsewhere = tempFolder();
    expect(stackFolders(ROOT, { ...process.env, CONNECT_USERS_DIR: elsewhere })).toStrictEqual([elsewhere, path.join(ROOT, 'users-dev')]);
  });

  it('stops on invalid settings with the problems as data (a SettingsError), as validate does', () => {
    const err = thrown(() => stackFolders(ROOT, { ...process.env, CONNECT_IDENTITY_MANAGEMENT: 'saml2' })) as Error & { problems: { code: string; field: string }[] };
    expect([err.name, err.problems.map((p) => [p.code, p.field])]).toStrictEqual(['SettingsError', [['INVALID_SETTING', 'CONNECT_IDENTITY_MANAGEMENT']]]);
  });

  it('takes the .ts user files, as the loader walks the folder: no node_modules, dot-folder or symbolic link', () => {
    const outside = tempFolder({ 'x.ts': '', 'y/z.ts': '' });
    const dir = tempFolder({ 'a.ts': '', 'a.csv': '', 'team/b.ts': '', 'team/C.TS': '', 'types.d.ts': '', 'T.D.TS': '', '.hidden/c.ts': '', '.d.ts': '', '.e.ts': '', 'node_modules/p/i.ts': '', 'team/node_modules/q.ts': '' });
    symlinkSync(path.join(outside, 'x.ts'), path.join(dir, 'link.ts'));
    symlinkSync(path.join(outside, 'y'), path.join(dir, 'linked-folder'));
    expect(tsFiles(dir).sort()).toStrictEqual([path.join(dir, '.e.ts'), path.join(dir, 'a.ts'), path.join(dir, 'team', 'C.TS'), path.join(dir, 'team', 'b.ts')]);
    expect(tsFiles(path.join(dir, 'missing'))).toStrictEqual([]);
  });

  it("checks the project's files and every stack's .ts files; or only the files given", () => {
    const elsewhere = tempFolder({ 'team.ts': '', 'b.csv': '' });
    const all = rootNamesFor([], { ...process.env, CONNECT_USERS_DIR: elsewhere });
    expect(all).toContain(path.join(elsewhere, 'team.ts'));
    expect(all).toContain(path.join(ROOT, 'main.ts'));
    expect(all).toContain(path.join(ROOT, 'src', 'settings.ts'));
    expect(all.filter((f) => !f.endsWith('.ts'))).toStrictEqual([]);
    expect(rootNamesFor(['users/supervisors.ts'])).toStrictEqual([path.resolve('users/supervisors.ts')]);
    expect(() => rootNamesFor(['users/missing.ts'])).toThrow('no such file: users/missing.ts');
  });

  it('a check without errors prints one line, with the time it took', () => {
    expect(okLine(12_345)).toBe('typecheck: OK (12.3 s)\n');
    expect(okLine(950)).toBe('typecheck: OK (0.9 s)\n');
  });

  it('the editor sees every sample stack folder too (tsconfig.json includes it)', () => {
    const include: string[] = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')).include;
    const regex = (glob: string) => new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*\*\//g, '(.*/)?').replace(/\*/g, '[^/]*')}$`);
    for (const dir of stackFolders()) {
      const probe = `${path.relative(ROOT, dir).split(path.sep).join('/')}/team/x.ts`;
      expect([probe, include.some((g) => regex(g).test(probe))]).toStrictEqual([probe, true]);
    }
  });
});
