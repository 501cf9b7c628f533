/**
 * An admin's own cdktf app (README, Configuration: "In a cdktf app of your own") builds the
 * stack without runStacks. A UsersError it does not catch, users or props, must reach the
 * admin as the list and exit code 1, as `cdktf synth` on main.ts does: never a stack trace.
 * Each case runs a tiny app in a child process (tsx), as the admin's would run.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { csv, ROOT, tempFolder } from '../helpers';

/** Runs `body` as the admin's main.ts, in a folder of its own holding `users/` (async: the cases run side by side). */
function runApp(body: string, users: Record<string, string>): Promise<{ status: number | null; stderr: string; stdout: string; synthesized: boolean }> {
  const dir = tempFolder(Object.fromEntries(Object.entries(users).map(([name, text]) => [`users/${name}`, text])));
  const file = path.join(dir, 'main.ts');
  writeFileSync(
    file,
    [
      `import { App } from ${JSON.stringify(require.resolve('cdktf'))};`,
      `import { ConnectUsersStack } from ${JSON.stringify(path.join(ROOT, 'src/synth/connect-users-stack'))};`,
      "const app = new App({ outdir: 'cdktf.out' });",
      body,
    ].join('\n'),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, ['--require', require.resolve('tsx/cjs'), file], { cwd: dir, encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ status, stderr, stdout, synthesized: existsSync(path.join(dir, 'cdktf.out', 'manifest.json')) });
    });
  });
}

const GOOD = { 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') };

describe('a ConnectUsersStack in an app of your own', () => {
  // The three apps run side by side (each loads cdktf: about a second).
  let runs: Awaited<ReturnType<typeof runApp>>[];
  beforeAll(async () => {
    runs = await Promise.all([
      runApp("new ConnectUsersStack(app, 'connect-users', { instanceId: 'i' });\napp.synth();", { 'a.csv': csv('amy,,A,,Sales,Agent,,soft,,') }),
      runApp("(async () => {\n  new ConnectUsersStack(app, 'connect-users', { instanceId: 'i', identityManagementType: 'saml2' as never });\n  app.synth();\n})();", GOOD),
      runApp(
        [
          'try {',
          "  new ConnectUsersStack(app, 'broken', { instanceId: 'i', instanceAlias: 'x' });",
          '} catch (err) {',
          "  console.log('caught', (err as { problems: { code: string }[] }).problems.map((p) => p.code).join());",
          '}',
          "new ConnectUsersStack(app, 'connect-users', { instanceId: 'i' });",
          "throw new Error('boom');",
        ].join('\n'),
        GOOD,
      ),
    ]);
  }, 60_000);

  it('prints the problems in the user files as a list and exits 1 when nothing catches them', () => {
    const r = runs[0];
    expect([r.status, r.synthesized]).toStrictEqual([1, false]);
    // The rule's own wording is its test's business: here, the list and nothing else.
    expect(r.stderr).toMatch(/^connect-users: 1 problem\(s\) in the user files; nothing was synthesized\.\nusers\/a\.csv:2: firstName: [^\n]* \(NAME_REQUIRED\)\n$/);
  });

  it('prints invalid props the same way, also from an async main (a rejection nobody handles)', () => {
    const r = runs[1];
    expect([r.status, r.stderr, r.synthesized]).toStrictEqual([
      1,
      "connect-users: 1 problem(s) in the stack's props; nothing was synthesized.\n" +
        'stack connect-users: identityManagementType: expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY, got "saml2" (INVALID_PROP)\n',
      false,
    ]);
  });

  it("ends any other error as Node would (its stack trace, exit code 1), and leaves an app's own catch alone", () => {
    const r = runs[2];
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('caught INVALID_PROP\n');
    expect(r.stderr).toMatch(/^Error: boom\n {4}at /m);
    expect(r.stderr).not.toContain('connect-users:');
  });
});
