import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthStacks } from '../../src/synth/app';
import { csv, tempFolder } from '../helpers';

/** Runs synthStacks into a temp outdir, capturing stderr and the exit code. */
function run(configs: Parameters<typeof synthStacks>[0]) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cu-app-'));
  const saved = { outdir: process.env.CDKTF_OUTDIR, exitCode: process.exitCode, write: process.stderr.write };
  let stderr = '';
  process.env.CDKTF_OUTDIR = outdir;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    synthStacks(configs);
    return { outdir, stderr, exitCode: process.exitCode };
  } finally {
    process.stderr.write = saved.write;
    process.exitCode = saved.exitCode;
    if (saved.outdir === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved.outdir;
  }
}

const tf = (outdir: string, stack: string) => JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

describe('synthStacks', () => {
  it('synthesizes several stacks, each with its own instance, folder and S3 backend', () => {
    const a = tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') });
    const b = tempFolder({ 'b.csv': csv('bob,B,B,,Sales,Agent,,soft,,') });
    const backend = { bucket: 'state-bucket', region: 'eu-west-1', kmsKeyId: 'alias/state' };
    const { outdir, exitCode } = run([
      { id: 'prod', instanceId: 'i-prod', usersDir: a, backend },
      { id: 'dev', instanceId: 'i-dev', usersDir: b, backend: { ...backend, dynamodbTable: 'locks' } },
    ]);
    expect(exitCode).toBe(undefined);
    const prod = tf(outdir, 'prod');
    const dev = tf(outdir, 'dev');
    expect(Object.keys(prod.locals.connect_users)).toStrictEqual(['amy']);
    expect(Object.keys(dev.locals.connect_users)).toStrictEqual(['bob']);
    expect(prod.terraform.backend.s3).toStrictEqual({
      bucket: 'state-bucket',
      key: 'connect-users/prod.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/state',
      use_lockfile: true,
    });
    expect(dev.terraform.backend.s3.dynamodb_table).toBe('locks');
    expect(dev.terraform.backend.s3.use_lockfile).toBe(undefined);
  });

  it('fails when two stacks on the same instance define the same username', () => {
    const a = tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') });
    const b = tempFolder({ 'b.csv': csv('Amy,A,A,,Sales,Agent,,soft,,') });
    const { stderr, exitCode } = run([
      { id: 'sales', instanceId: 'same', usersDir: a },
      { id: 'support', instanceId: 'same', usersDir: b },
    ]);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/"Amy" is also defined at .*a\.csv:2 \(stack sales\) on the same instance[^\n]*\(DUPLICATE_USERNAME_ACROSS_STACKS\)/);
  });

  it("reports every stack's problems together, sorted, before synthesizing anything", () => {
    const a = tempFolder({ 'a.csv': csv('amy,A,A,,Sales,,,soft,,') });
    const b = tempFolder({ 'b.csv': csv(',B,B,,Sales,Agent,,soft,,') });
    const { outdir, stderr, exitCode } = run([
      { id: 'one', instanceId: 'i-1', usersDir: a },
      { id: 'two', instanceId: 'i-2', usersDir: b },
    ]);
    expect(exitCode).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe('connect-users: 2 problem(s) in the user files; nothing was synthesized.');
    expect(lines.slice(1).map((l) => l.slice(0, l.indexOf(': ', l.indexOf('.csv:')) + 2)).sort()).toStrictEqual([`${a}/a.csv:2: `, `${b}/b.csv:2: `].sort());
    expect(stderr).toMatch(/a\.csv:2: securityProfiles: .*\(SECURITY_PROFILES_COUNT\)/);
    expect(stderr).toMatch(/b\.csv:2: username: .*\(REQUIRED\)/);
    expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(false);
  });

  it("reports a stack's invalid props with the other stacks' problems, as a list (exit 1, no stack trace)", () => {
    const a = tempFolder({ 'a.csv': csv('amy,A,A,,Sales,,,soft,,') });
    const b = tempFolder({ 'b.csv': csv('bob,B,B,,Sales,Agent,,soft,,') });
    const { outdir, stderr, exitCode } = run([
      { id: 'one', instanceId: 'i-1', usersDir: a },
      { id: 'two', instanceId: 'i-2', usersDir: b, identityManagementType: 'saml2' as never },
    ]);
    expect(exitCode).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe("connect-users: 2 problem(s) in the stack's props and the user files; nothing was synthesized.");
    expect(lines).toContain('stack two: identityManagementType: expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY, got "saml2" (INVALID_PROP)');
    expect(stderr).toMatch(/a\.csv:2: securityProfiles: .*\(SECURITY_PROFILES_COUNT\)/);
    expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(false);
  });

  it("says the props alone when only props are wrong", () => {
    const { stderr, exitCode } = run([{ id: 'one', usersDir: tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') }) }]);
    expect([exitCode, stderr]).toStrictEqual([
      1,
      "connect-users: 1 problem(s) in the stack's props; nothing was synthesized.\nstack one: instanceId: expected exactly one of instanceId and instanceAlias, got neither (INVALID_PROP)\n",
    ]);
  });
});
