import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UNSAFE_CHARACTER, unicodeEscape } from '../src/problems';
import { csv, readJson, ROOT, tempFolder } from './helpers';

/** Runs the real app command from cdktf.json, as `cdktf synth` does, in a fresh process. */
function runApp(usersDir: string, env: Record<string, string> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'connect-users-e2e-'));
  const app = readJson(path.join(ROOT, 'cdktf.json')).app as string;
  const [cmd, ...args] = app.split(' ');
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CONNECT_USERS_DIR: usersDir, CDKTF_OUTDIR: outdir, ...env },
  });
  return { ...result, file: path.join(outdir, 'stacks', 'connect-users', 'cdk.tf.json') };
}

function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('end to end: the app command', () => {
  it('synthesizes the shipped sample users/ folder', () => {
    const run = runApp('users');
    expect(run.status).toBe(0) /* run.stderr */;
    const tf = readJson(run.file);
    expect(Object.keys(tf.locals.connect_users).length >= 5).toBeTruthy();
    expect(tf.resource.aws_connect_user.users.instance_id).toBe('00000000-0000-0000-0000-000000000000');
  });

  it('synthesizes a good temp folder with the configured identity type and instance', () => {
    const dir = tempFolder({ 'a.csv': csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,') });
    const run = runApp(dir, { CONNECT_IDENTITY_MANAGEMENT: 'saml', CONNECT_INSTANCE_ID: 'real-id' });
    expect(run.status).toBe(0) /* run.stderr */;
    const tf = readJson(run.file);
    expect(Object.keys(tf.locals.connect_users)).toStrictEqual(['jane.doe']);
    expect(tf.resource.aws_connect_user.users.instance_id).toBe('real-id');
    expect(tf.resource.aws_connect_user.users.lifecycle.precondition[0].condition).toMatch(/== "SAML"/);
  });

  it('treats variables set to an empty string (as CI does for unset repository variables) as unset', () => {
    const dir = tempFolder({ 'a.csv': csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,') });
    const run = runApp(dir, { CONNECT_IDENTITY_MANAGEMENT: '', CONNECT_INSTANCE_ID: '', AWS_REGION: '', CONNECT_STATE_BUCKET: '', CONNECT_USERS_BASE: '' });
    expect(run.status).toBe(0) /* run.stderr */;
    const tf = readJson(run.file);
    expect(tf.resource.aws_connect_user.users.instance_id).toBe('00000000-0000-0000-0000-000000000000');
    expect(tf.provider.aws[0].region).toBe(undefined);
    expect(tf.terraform.backend.local).toBeTruthy() /* 'no S3 backend without a bucket' */;
  });

  it('fails on a bad folder: exit 1, every problem with file and line, no Terraform written', () => {
    const dir = tempFolder({
      'agents.csv': csv('jane.doe,Jane,Doe,,Sales,,,soft,,', 'john.roe,John,Roe,,Sales,Agent,,desk,,'),
      'team/b.ts': "export default [{ username: 'ann', firstName: 'A', lastName: 'L', routingProfile: 'S', securityProfiles: ['A'], phoneType: 'SOFT_PHONE', colour: 'red' }];\n",
    });
    const run = runApp(dir);
    expect(run.status).toBe(1);
    expect(run.stderr.includes(`${dir}/agents.csv:2: securityProfiles: expected 1 to 10 distinct names`)).toBeTruthy() /* run.stderr */;
    expect(run.stderr.includes(`${dir}/agents.csv:3: deskPhoneNumber:`)).toBeTruthy() /* run.stderr */;
    expect(run.stderr.includes(`${dir}/team/b.ts:1: colour: user #1 has an unknown field "colour"`)).toBeTruthy() /* run.stderr */;
    expect(run.stderr.includes('    at ')).toBeFalsy() /* 'no stack trace' */;
    expect(existsSync(run.file)).toBe(false);
  });

  it("removes the last synth's output first, so a failed synth leaves no stale Terraform", () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'connect-users-e2e-'));
    const stack = path.join(outdir, 'stacks', 'connect-users');
    mkdirSync(path.join(stack, '.terraform'), { recursive: true });
    for (const file of ['manifest.json', 'stacks/connect-users/cdk.tf.json', 'stacks/connect-users/plan', 'stacks/connect-users/.terraform.lock.hcl']) {
      writeFileSync(path.join(outdir, file), 'old');
    }
    const run = runApp(tempFolder({ 'a.csv': csv(',Jane,Doe,,Sales,Agent,,soft,,') }), { CDKTF_OUTDIR: outdir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/a\.csv:2: username: .*\(REQUIRED\)/);
    expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(false);
    expect(existsSync(path.join(stack, 'cdk.tf.json'))).toBe(false);
    expect(existsSync(path.join(stack, 'plan'))).toBe(false);
    // What `terraform init` wrote stays: no new provider download.
    expect(existsSync(path.join(stack, '.terraform'))).toBe(true);
    expect(existsSync(path.join(stack, '.terraform.lock.hcl'))).toBe(true);
  });

  it('prints notes on stdout, since cdktf shows all of stderr as red [ERROR] lines', () => {
    const dir = tempFolder({ 'a.csv': csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,'), 'NOTES.md': 'x' });
    const run = runApp(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`note: ${dir}/NOTES.md: skipped`);
    expect(run.stderr).toBe('');
  });

  it('lists its stacks (CONNECT_USERS_DESCRIBE=1) without loading cdktf', () => {
    // Which modules were loaded, printed on exit after the app's own JSON line.
    const script = "require('./bin/app.js'); process.on('exit', () => console.log(JSON.stringify(Object.keys(require.cache))));";
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CONNECT_USERS_DESCRIBE: '1' } });
    expect(run.status).toBe(0);
    const [described, modules] = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(described.map((s: { id: string }) => s.id)).toStrictEqual(['connect-users', 'connect-users-dev']);
    expect(modules.filter((f: string) => f.includes('node_modules'))).toStrictEqual([]);
  });
});

describe('end to end: connect-users validate', () => {
  it('prints a summary per file and per routing profile and exits 0', () => {
    const run = runCli(['validate', '--dir', 'users']);
    expect(run.status).toBe(0) /* run.stderr */;
    expect(run.stdout).toMatch(/users: \d+ valid user\(s\)/);
    expect(run.stdout).toMatch(/By file:\n\s+5  users\/agents\.csv/);
    expect(run.stdout).toMatch(/By routing profile:/);
  });

  it('counts a file without users as 0, so an emptied file shows', () => {
    const dir = tempFolder({ 'a.csv': csv('jane,J,D,,Sales,Agent,,soft,,'), 'b.csv': csv() });
    const run = runCli(['validate', '--dir', dir, '--json']);
    expect(run.status).toBe(0) /* run.stderr */;
    expect(JSON.parse(run.stdout).byFile).toStrictEqual({ [`${dir}/a.csv`]: 1, [`${dir}/b.csv`]: 0 });
  });

  it('without --dir, validates the folder of every stack in main.ts', () => {
    const run = runCli(['validate', '--json']);
    expect(run.status).toBe(0) /* run.stderr */;
    expect(Object.keys(JSON.parse(run.stdout))).toStrictEqual(['connect-users', 'connect-users-dev']);
  });

  it('exits 1 with the problems on a bad folder, and 2 on a usage error', () => {
    const dir = tempFolder({ 'a.csv': 'usrname\nx\n' });
    const bad = runCli(['validate', '--dir', dir, '--json']);
    expect(bad.status).toBe(1);
    const codes = JSON.parse(bad.stdout).problems.map((p: { code: string }) => p.code);
    expect(codes.includes('UNKNOWN_COLUMN')).toBeTruthy();
    expect(runCli(['validate', '--identity-management', 'LDAP']).status).toBe(2);
    expect(runCli(['nonsense']).status).toBe(2);
    expect(runCli(['validate', '--help']).status).toBe(0);
  });
});

describe('end to end: the app and the CLI read settings the same way (src/settings.ts)', () => {
  const plaintext = () => tempFolder({ 'a.csv': 'username,firstName,lastName,routingProfile,securityProfiles,phoneType,password\njane,J,D,Sales,Agent,soft,Secr3tPass1\n' });

  it('CONNECT_ALLOW_PLAINTEXT_PASSWORDS=1 is accepted by synth and by validate', () => {
    const dir = plaintext();
    const app = runApp(dir, { CONNECT_ALLOW_PLAINTEXT_PASSWORDS: '1' });
    expect(app.stderr).toBe('');
    expect(app.status).toBe(0);
    expect(app.stdout).toContain(`warning: ${dir}/a.csv holds 1 plaintext password(s)`);
    const cli = runCli(['validate', '--dir', dir], { CONNECT_ALLOW_PLAINTEXT_PASSWORDS: '1' });
    expect(cli.stderr).toContain(`warning: ${dir}/a.csv holds 1 plaintext password(s)`);
    expect(cli.status).toBe(0);
  });

  it('an invalid value stops synth and the CLI alike: exit 2, the variable and the value, no stack trace', () => {
    const line = 'environment: CONNECT_IDENTITY_MANAGEMENT: expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY (any case), got "saml2": fix the variable or unset it (INVALID_SETTING)';
    const env = { CONNECT_IDENTITY_MANAGEMENT: 'saml2' };
    const app = runApp('users', env);
    expect([app.status, app.stderr]).toStrictEqual([2, `connect-users: 1 problem(s) in the settings; nothing was synthesized.\n${line}\n`]);
    expect(existsSync(app.file)).toBe(false);
    for (const args of [['validate'], ['validate', '--dir', 'users']]) {
      const cli = runCli(args, env);
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain(line);
      expect(cli.stderr).not.toContain('    at ');
    }
  });

  it('a bad CONNECT_USERS_TS_TIMEOUT_SECONDS stops synth and validate with exit 2, even with no TypeScript file', () => {
    const line = 'environment: CONNECT_USERS_TS_TIMEOUT_SECONDS: expected a number of seconds above 0 and at most 3600, e.g. 30 or 2.5, got "abc": fix the variable or unset it (INVALID_SETTING)';
    const dir = tempFolder({ 'a.csv': csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,') });
    const env = { CONNECT_USERS_TS_TIMEOUT_SECONDS: 'abc' };
    const app = runApp(dir, env);
    expect([app.status, app.stderr]).toStrictEqual([2, `connect-users: 1 problem(s) in the settings; nothing was synthesized.\n${line}\n`]);
    for (const args of [['validate'], ['validate', '--dir', dir]]) {
      const cli = runCli(args, { ...env, CONNECT_USERS_DIR: dir });
      expect([cli.status, cli.stderr.includes(line)]).toStrictEqual([2, true]) /* cli.stderr */;
    }
  });

  it('a bad number for the deletion guard: the same problem from synth and from check', () => {
    const line = 'environment: CONNECT_USERS_MAX_REMOVALS: expected a whole number, e.g. 5, got "5x": fix the variable or unset it (INVALID_SETTING)';
    const env = { CONNECT_USERS_BASE: 'HEAD', CONNECT_USERS_MAX_REMOVALS: '5x' };
    const app = runApp('users', env);
    expect(app.status).toBe(2);
    expect(app.stderr).toContain(line);
    const cli = runCli(['check', '--base', 'HEAD'], env);
    expect([cli.status, cli.stderr]).toStrictEqual([2, `connect-users: 1 problem(s) in the settings:\n${line}\n`]);
  });
});

describe('end to end: no raw control character reaches the CI log', () => {
  /** Every unsafe character (problems.ts) in a command's output, but the line breaks between its lines. */
  const raw = (out: string) => [...out].filter((c) => c !== '\n' && UNSAFE_CHARACTER.test(c)).map((c) => unicodeEscape(c));

  it('refuses user files named to forge a log line or colours (FILE_NAME), and shows every name escaped, in text and JSON', () => {
    const dir = tempFolder({
      'a.csv': csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,'),
      'b\u001b[31m\n::error::pwned.csv': csv('x,X,X,,Sales,Agent,,soft,,'),
      'te\u202eam/c.csv': csv('y,Y,Y,,Sales,Agent,,soft,,'),
      'x.imports.json': JSON.stringify({ instanceId: 'i\u001b[2J', imports: [] }),
      'd.csv': csv('ann.lee,"Ann\u202e",Lee,,Sales,Agent,,soft,,'),
    });
    const text = runCli(['validate', '--dir', dir]);
    expect(text.status).toBe(1);
    expect([raw(text.stdout), raw(text.stderr)]).toStrictEqual([[], []]);
    const lines = text.stderr.split('\n');
    expect(lines.filter((l) => l.endsWith('(FILE_NAME)')).map((l) => l.slice(0, l.indexOf(': ')))).toStrictEqual([`${dir}/b\\u001b[31m\\n::error::pwned.csv`, `${dir}/te\\u202eam`]);
    expect(lines).toContain(`${dir}/x.imports.json: instanceId "i\\u001b[2J" is not a Connect instance id (1 to 100 letters, digits and "-", as in 0a1b2c3d-...): expected {"instanceId": "...", "imports": [{"username": "...", "id": "<instance id>:<user id>"}]} as written by connect-users export (IMPORTS_FORMAT)`);
    expect(lines).toContain(`${dir}/d.csv:2: firstName: contains the control character \\u202e at position 4 ("Ann\\u202e"): remove it (CONTROL_CHARACTER)`);
    expect(lines.some((l) => l.startsWith('::'))).toBe(false);
    const json = runCli(['validate', '--dir', dir, '--json']);
    expect([raw(json.stdout), raw(json.stderr)]).toStrictEqual([[], []]);
    expect(JSON.parse(json.stdout).problems.map((p: { code: string }) => p.code).sort()).toStrictEqual(['CONTROL_CHARACTER', 'FILE_NAME', 'FILE_NAME', 'IMPORTS_FORMAT']);
  });

  it('escapes the users folder itself in the summary, text and JSON (its name is configuration, not refused)', () => {
    const root = tempFolder();
    const dir = path.join(root, 'users\u001b[31m\u0085\u202e');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.csv'), csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,'));
    writeFileSync(path.join(dir, 'READ\u009bME.md'), '');
    const text = runCli(['validate', '--dir', dir]);
    expect(text.status).toBe(0);
    expect([raw(text.stdout), raw(text.stderr)]).toStrictEqual([[], []]);
    const escaped = `${root}/users\\u001b[31m\\u0085\\u202e`;
    expect(text.stdout.startsWith(`${escaped}: 1 valid user(s)\n`)).toBe(true);
    expect(text.stderr).toBe(`note: ${escaped}/READ\\u009bME.md: skipped (only .csv and .ts files hold users)\n`);
    expect(text.stdout).toContain(`\n       1  ${escaped}/a.csv\n`);
    const json = runCli(['validate', '--dir', dir, '--json']);
    expect([raw(json.stdout), raw(json.stderr)]).toStrictEqual([[], []]);
    expect(Object.keys(JSON.parse(json.stdout).byFile)).toStrictEqual([path.join(dir, 'a.csv')]);
    writeFileSync(path.join(dir, 'b.csv'), csv(',J,D,,Sales,Agent,,soft,,'));
    const failed = runCli(['validate', '--dir', dir]);
    expect([failed.status, raw(failed.stdout), raw(failed.stderr)]).toStrictEqual([1, [], []]);
    expect(failed.stderr.startsWith(`1 problem(s) in ${escaped}:\n${escaped}/b.csv:2: username:`)).toBe(true);
  });
});

describe('end to end: validate runs the checks synth runs', () => {
  it('CONNECT_IDENTITY_MANAGEMENT is the production stack\'s type only, as in main.ts (the dev stack stays CONNECT_MANAGED)', () => {
    const run = runCli(['validate', '--json'], { CONNECT_IDENTITY_MANAGEMENT: 'SAML' });
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(new Set(results['connect-users'].problems.map((p: { code: string }) => p.code))).toContain('EMAIL_NOT_ALLOWED');
    expect(results['connect-users-dev'].users).toBe(3);
  });

  it('a username in two stacks on the same instance fails validate, as it fails synth', () => {
    const dir = tempFolder({ 'a.csv': csv('Test.Agent1,Test,Agent,,Sales,Agent,,soft,,') });
    const env = { CONNECT_USERS_DIR: dir, CONNECT_INSTANCE_ID: 'same', CONNECT_DEV_INSTANCE_ID: 'same' };
    const message = `users-dev/testers.csv:2: username: "test.agent1" is also defined at ${dir}/a.csv:2 (stack connect-users) on the same instance: keep it in one stack (DUPLICATE_USERNAME_ACROSS_STACKS)`;
    const cli = runCli(['validate'], env);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`1 problem(s) in connect-users-dev (users-dev):\n${message}\n`);
    expect(cli.stdout).toContain('connect-users (');
    const app = runApp(dir, env);
    expect(app.status).toBe(1);
    expect(app.stderr).toContain(message);
    // On different instances, the same username is fine.
    expect(runCli(['validate'], { ...env, CONNECT_DEV_INSTANCE_ID: 'other' }).status).toBe(0);
  });
});

describe("end to end: validate checks each stack's props as synth does", () => {
  it('refuses bad props in main.ts with the same INVALID_PROP problems as synth, and checks the other stacks', () => {
    const bad = "{ id: 'bad', instanceId: 'i', usersDir: 'users', defaultTags: { 'aws:owner': 'x' }, generatedPasswordPrefix: '/aws/bad/' }";
    const project = tempFolder({
      // The app from the sources, through tsx: main.ts imports src/run-stacks.ts by its path.
      'cdktf.json': JSON.stringify({ app: `node --require ${require.resolve('tsx/cjs')} main.ts` }),
      'main.ts': `import { runStacks } from ${JSON.stringify(path.join(ROOT, 'src', 'run-stacks'))};\nrunStacks(() => [${bad}, { id: 'good', instanceId: 'j', usersDir: 'users' }]);\n`,
      'users/a.csv': csv('jane.doe,Jane,Doe,,Sales,Agent,,soft,,'),
    });
    const expected = [
      'stack bad: defaultTags: expected a tag key of 1 to 128 characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got "aws:owner", which starts with "aws:" (reserved for AWS) (INVALID_PROP)',
      'stack bad: generatedPasswordPrefix: expected an SSM path such as "/connect/initial-passwords/", got "/aws/bad/", which must not start with "aws" or "ssm" (in any case): SSM reserves them (INVALID_PROP)',
    ];
    const propLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('stack bad: '));
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), 'validate'], { cwd: project, encoding: 'utf8' });
    expect([cli.status, propLines(cli.stderr)]).toStrictEqual([1, expected]) /* cli.stderr */;
    expect(cli.stdout).toContain('good (users): 1 valid user(s)');
    const [cmd, ...args] = (readJson(path.join(project, 'cdktf.json')).app as string).split(' ');
    const app = spawnSync(cmd, args, { cwd: project, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: path.join(project, 'out') } });
    expect([app.status, propLines(app.stderr)]).toStrictEqual([1, expected]) /* app.stderr */;
  });
});

describe('end to end: connect-users --version', () => {
  it("prints package.json's version", () => {
    const run = runCli(['--version']);
    expect([run.status, run.stdout]).toStrictEqual([0, `${readJson(path.join(ROOT, 'package.json')).version}\n`]);
  });
});
