import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AccessDeniedException, ConnectClient, DescribeUserCommand, SearchUsersCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { InvalidArgumentError } from 'commander';
import { DRIFT_FOUND, driftCommand, runDrift, usernameList } from '../../src/commands/drift';
import { escapeMarkdown } from '../../src/review/escape';
import { serveInstance, type FakeInstance, type FakeUser } from '../connect/fake-instance';
import { fakeTime } from '../connect/fake-time';
import { csv, tempFolder } from '../helpers';
import { NO_CREDENTIALS, readyClient, withAwsEnv } from './aws-env';

const connect = mockClient(ConnectClient);
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';

const fake = (username: string, extra: Partial<FakeUser> = {}): FakeUser => ({
  Id: `id-${username}`,
  Username: username,
  FirstName: 'Ann',
  LastName: 'Lee',
  RoutingProfileId: 'rp-1',
  SecurityProfileIds: ['sp-1'],
  PhoneType: 'SOFT_PHONE',
  AutoAccept: false,
  Acw: 0,
  Tags: {},
  ...extra,
});
const data = (users: FakeUser[], id = INSTANCE): FakeInstance => ({
  id,
  users,
  routingProfiles: [{ Id: 'rp-1', Name: 'Sales' }, { Id: 'rp-2', Name: 'Basic Routing Profile' }],
  securityProfiles: [{ Id: 'sp-1', Name: 'Agent' }, { Id: 'sp-2', Name: 'CallCenterManager' }],
  groups: [],
});

const folder = (...rows: string[]) => tempFolder({ 'a.csv': csv(...rows) });

/** Runs the command with stdout/stderr captured; with `'cli'`, the clients the CLI makes (else ones with a region and credentials). */
async function run(options: Partial<Parameters<typeof runDrift>[0]>, tty = false, clients: 'test' | 'cli' = 'test') {
  const saved = { exitCode: process.exitCode, out: process.stdout.write, err: process.stderr.write, tty: process.stderr.isTTY };
  let stdout = '';
  let stderr = '';
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.stderr.isTTY = tty;
  try {
    await runDrift({ format: 'text', rate: 2, ...options }, { clientFor: clients === 'cli' ? undefined : (region) => readyClient(region), ...fakeTime() });
    return { stdout, stderr, exitCode: process.exitCode };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.stderr.isTTY = saved.tty;
    process.exitCode = saved.exitCode;
  }
}

describe('connect-users drift', () => {
  beforeEach(() => connect.reset());

  it('exits 0 without drift; in CI (no terminal) stderr has only the summary', async () => {
    serveInstance(connect, data([fake('ann')]));
    const dir = folder('ann,Ann,Lee,,Sales,Agent,,soft,,');
    const { stdout, stderr, exitCode } = await run({ dir, instanceId: INSTANCE });
    expect(exitCode).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`Drift of ${dir} (instance ${INSTANCE}): 0 missing from Connect, 0 changed, 0 not managed by any file, 1 unchanged (1 users in Connect)`);
    expect(stdout).toMatch(/^note: emails were not compared \(pass --emails: one DescribeUser per user\)$/m);
    expect(stderr).toBe('drift: 1 stack(s) checked with 3 Connect API call(s) (0.0 min at 2/s): 0 with drift.\n');
  });

  it('exits 6 on drift, with the report on stdout', async () => {
    serveInstance(connect, data([fake('ann', { RoutingProfileId: 'rp-2' }), fake('admin')]));
    const { stdout, exitCode, stderr } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE });
    expect(exitCode).toBe(DRIFT_FOUND);
    expect(DRIFT_FOUND).toBe(6);
    expect(stdout).toMatch(/^ {6}routingProfile: Connect has Basic Routing Profile, the files say Sales$/m);
    expect(stdout).toMatch(/^ {2}\? admin \(Sales; Agent\)$/m);
    expect(stderr).toBe('drift: 1 stack(s) checked with 3 Connect API call(s) (0.0 min at 2/s): 1 with drift.\n');
  });

  it('--allow-unmanaged: lists users no file manages without counting them as drift', async () => {
    serveInstance(connect, data([fake('ann'), fake('admin')]));
    const { stdout, exitCode } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE, allowUnmanaged: true });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^ {2}\? admin /m);
  });

  it('--ignore-user: a user no file manages on purpose is listed as ignored, not drift (exit 0); others still are', async () => {
    serveInstance(connect, data([fake('ann'), fake('admin'), fake('intruder')]));
    const dir = folder('ann,Ann,Lee,,Sales,Agent,,soft,,');
    const { stdout, exitCode } = await run({ dir, instanceId: INSTANCE, ignoreUser: ['admin', 'intruder'] });
    expect(exitCode).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`Drift of ${dir} (instance ${INSTANCE}): 0 missing from Connect, 0 changed, 0 not managed by any file (and 2 ignored), 1 unchanged (3 users in Connect)`);
    expect(stdout).toMatch(/^ {2}- admin \(Sales; Agent\)\n {2}- intruder \(Sales; Agent\)$/m);
    const partly = await run({ dir, instanceId: INSTANCE, ignoreUser: ['admin'] });
    expect(partly.exitCode).toBe(DRIFT_FOUND);
    expect(partly.stdout).toMatch(/^ {2}\? intruder \(Sales; Agent\)$/m);
  });

  it('--ignore-user takes usernames comma-separated or repeated; an empty list is a wrong command line', () => {
    expect(usernameList(' admin , root,')).toStrictEqual(['admin', 'root']);
    expect(usernameList('ops', ['admin', 'root'])).toStrictEqual(['admin', 'root', 'ops']);
    for (const empty of ['', ' , ']) expect(() => usernameList(empty)).toThrow(InvalidArgumentError);
    expect(() => usernameList(' , ')).toThrow('expected one or more usernames separated by commas, got " , "');
    const parsed = driftCommand().exitOverride().action(() => undefined).parse(['--ignore-user', 'admin,root', '--ignore-user', 'ops'], { from: 'user' });
    expect(parsed.opts().ignoreUser).toStrictEqual(['admin', 'root', 'ops']);
  });

  it("EXISTING_DIRECTORY (-i): the directory's names and emails are not drift, and the report says they are not compared", async () => {
    serveInstance(connect, data([fake('ann', { FirstName: 'Annabel', LastName: 'Lee-Smith', Email: 'annabel@corp.example' })]));
    const dir = folder('ann,,,,Sales,Agent,,soft,,');
    const { stdout, exitCode } = await run({ dir, instanceId: INSTANCE, identityManagement: 'EXISTING_DIRECTORY', emails: true });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^note: names and emails are the directory's \(EXISTING_DIRECTORY: [^\n]*\): not compared$/m);
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(0);
    const managed = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE, identityManagement: 'SAML' });
    expect(managed.stdout).toMatch(/^ {6}firstName: Connect has Annabel, the files say Ann$/m);
  });

  it('--default-tag: the stack\'s default tags count as part of what Connect should have', async () => {
    serveInstance(connect, data([fake('ann', { Tags: { env: 'dev', team: 'a' } })]));
    const dir = folder('ann,Ann,Lee,,Sales,Agent,,soft,,team=a');
    expect((await run({ dir, instanceId: INSTANCE, defaultTag: { env: 'dev' } })).exitCode).toBe(0);
    expect((await run({ dir, instanceId: INSTANCE })).stdout).toMatch(/^ {6}tags: Connect has env=dev, team=a, the files say team=a$/m);
  });

  it('--emails reads and compares emails: one DescribeUser per managed user', async () => {
    serveInstance(connect, data([fake('ann', { Email: 'other@example.com' })]));
    const { stdout, exitCode, stderr } = await run({ dir: folder('ann,Ann,Lee,ann@example.com,Sales,Agent,,soft,,'), instanceId: INSTANCE, emails: true });
    expect(exitCode).toBe(DRIFT_FOUND);
    expect(stdout).toMatch(/^ {6}email: Connect has other@example\.com, the files say ann@example\.com$/m);
    expect(stdout).not.toMatch(/emails were not compared/);
    expect(stderr).toMatch(/with 4 Connect API call\(s\)/);
  });

  it('exits 1 on problems in the user files, without reading Connect; the summary says the stack was not checked', async () => {
    const { stderr, exitCode } = await run({ dir: folder('ann,Ann,Lee,,,Agent,,soft,,'), instanceId: INSTANCE });
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/a\.csv:2: routingProfile: .*\(REQUIRED\)/);
    expect(stderr.split('\n').at(-2)).toBe('drift: 0 stack(s) checked, 1 not checked (problems in the user files), with 0 Connect API call(s) (0.0 min at 2/s).');
    expect(connect.calls().length).toBe(0);
  });

  it('exits 5 on an AWS error; the summary counts the stack as not checked', async () => {
    connect.on(SearchUsersCommand).rejects(new AccessDeniedException({ message: 'not allowed', $metadata: { httpStatusCode: 403 } }));
    const { stdout, stderr, exitCode } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE });
    expect(exitCode).toBe(5);
    expect(stdout).toMatch(/^ {2}AccessDeniedException: not allowed \(HTTP 403\)$/m);
    expect(stderr).toBe('drift: 0 stack(s) checked, 1 not checked (AWS error), with 1 Connect API call(s) (0.0 min at 2/s).\n');
  });

  it('counts only the calls made: a request the SDK could not send (credentials gone meanwhile) is none', async () => {
    connect.on(SearchUsersCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const { stdout, stderr, exitCode } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE });
    expect(exitCode).toBe(5);
    expect(stdout).toMatch(/^ {2}no usable AWS credentials \(CredentialsProviderError: Could not load credentials from any providers\): set AWS_PROFILE or pass --profile /m);
    expect(stderr).toBe('drift: 0 stack(s) checked, 1 not checked (AWS error), with 0 Connect API call(s) (0.0 min at 2/s).\n');
  });

  it('an AWS error while getting credentials (a role to assume): exit 5, no stack checked', async () => {
    const denied = Object.assign(new Error('not allowed to assume the role'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const client = new ConnectClient({ region: 'eu-west-2', credentials: async () => Promise.reject(denied) });
    const saved = { exitCode: process.exitCode, err: process.stderr.write };
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    try {
      await runDrift({ format: 'text', rate: 2, dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE }, { clientFor: () => client, ...fakeTime() });
      expect([process.exitCode, stderr]).toStrictEqual([5, 'connect-users: drift stopped before reading Connect: AccessDenied: not allowed to assume the role (HTTP 403)\n']);
    } finally {
      process.exitCode = saved.exitCode;
      process.stderr.write = saved.err;
    }
    expect(connect.calls().length).toBe(0);
  });

  describe('refused before any call (exit 2)', () => {
    const STACKS = ['AWS_REGION', 'CONNECT_INSTANCE_ID', 'CONNECT_DEV_INSTANCE_ID', 'CONNECT_DEV_REGION', 'CONNECT_USERS_DIR', 'CONNECT_IDENTITY_MANAGEMENT'];
    /** Runs drift on main.ts's stacks with `vars` as the only settings of the sample main.ts. */
    async function onStacks(vars: Record<string, string>, options: Partial<Parameters<typeof runDrift>[0]> = {}, clients: 'test' | 'cli' = 'test') {
      const saved = { ...process.env };
      for (const k of STACKS) delete process.env[k];
      Object.assign(process.env, vars);
      try {
        return await run(options, false, clients);
      } finally {
        for (const k of STACKS) delete process.env[k];
        Object.assign(process.env, saved);
      }
    }
    const PLACEHOLDER = "connect-users: stack connect-users: the instance id is the placeholder 00000000-0000-0000-0000-000000000000: set CONNECT_INSTANCE_ID\n";
    const DEV_PLACEHOLDER = 'connect-users: stack connect-users-dev: the instance id is the placeholder 11111111-1111-1111-1111-111111111111: set CONNECT_DEV_INSTANCE_ID\n';

    it.each<[string, Record<string, string>, Partial<Parameters<typeof runDrift>[0]>, string]>([
      ['every stack on its placeholder instance', {}, {}, PLACEHOLDER + DEV_PLACEHOLDER],
      ['one stack of two, naming how to check the other alone', { CONNECT_INSTANCE_ID: INSTANCE }, {}, `${DEV_PLACEHOLDER}connect-users: to check only the other stacks, pass --stack connect-users\n`],
      ['only the stack picked with --stack', { CONNECT_INSTANCE_ID: INSTANCE }, { stack: ['connect-users-dev'] }, DEV_PLACEHOLDER],
    ])('the sample instance ids: %s', async (_, vars, options, message) => {
      const { stdout, stderr, exitCode } = await onStacks(vars, options);
      expect([exitCode, stdout, stderr]).toStrictEqual([2, '', message]);
      expect(connect.calls().length).toBe(0);
    });

    it('the placeholder id given with --instance-id', async () => {
      const { stderr, exitCode } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: '11111111-1111-1111-1111-111111111111' });
      expect([exitCode, stderr]).toStrictEqual([
        2,
        'connect-users: --instance-id 11111111-1111-1111-1111-111111111111 is the placeholder of the sample main.ts, not an instance: give the id of your Connect instance\n',
      ]);
    });

    it.each<[string, Record<string, string>, Partial<Parameters<typeof runDrift>[0]>, string]>([
      ['--dir without a region', {}, {}, 'no AWS region: pass --region or set AWS_REGION'],
      ['--dir without credentials', {}, { region: 'eu-west-2' }, `${NO_CREDENTIALS}. Then run the same command again.`],
    ])('%s', async (_, vars, options, message) => {
      const dir = folder('ann,Ann,Lee,,Sales,Agent,,soft,,');
      const { stdout, stderr, exitCode } = await withAwsEnv(vars, () => run({ dir, instanceId: INSTANCE, ...options }, false, 'cli'));
      expect([exitCode, stdout, stderr]).toStrictEqual([2, '', `connect-users: ${message}\n`]);
      expect(connect.calls().length).toBe(0);
    });

    it("stacks without a region: named, with where a stack's region comes from", async () => {
      const ids = { CONNECT_INSTANCE_ID: INSTANCE, CONNECT_DEV_INSTANCE_ID: 'bbbbbbbb-1111-2222-3333-444444444444' };
      const { stderr, exitCode } = await withAwsEnv({}, () => onStacks(ids, {}, 'cli'));
      expect([exitCode, stderr]).toStrictEqual([2, 'connect-users: no AWS region for stack connect-users, connect-users-dev: set AWS_REGION, or give the stack a region in main.ts\n']);
      // The dev stack has its own region: only the other one lacks one, and the credentials are missing for both (said once).
      const dev = await withAwsEnv({}, () => onStacks({ ...ids, CONNECT_DEV_REGION: 'eu-west-2' }, {}, 'cli'));
      expect(dev.stderr).toBe(
        'connect-users: no AWS region for stack connect-users: set AWS_REGION, or give the stack a region in main.ts\n' + `connect-users: ${NO_CREDENTIALS}. Then run the same command again.\n`,
      );
      expect(connect.calls().length).toBe(0);
    });
  });

  it.each([
    [{ dir: 'users' }, 'connect-users: with --dir, give the instance with --instance-id\n'],
    [{ instanceId: INSTANCE }, 'connect-users: --instance-id and --default-tag go with --dir; stacks take theirs from main.ts\n'],
    [{ defaultTag: { a: 'b' } }, 'connect-users: --instance-id and --default-tag go with --dir; stacks take theirs from main.ts\n'],
  ])('exits 2 on a wrong command line: %j', async (options, message) => {
    const { stderr, exitCode } = await run(options);
    expect([exitCode, stderr]).toStrictEqual([2, message]);
  });

  it('shows progress on a terminal', async () => {
    serveInstance(connect, data(Array.from({ length: 250 }, (_, i) => fake(`u${i}`))));
    const { stderr } = await run({ dir: folder('u0,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE, allowUnmanaged: true }, true);
    expect(stderr.split('\n')[0]).toBe(`${INSTANCE}: read 100/250 users`);
  });

  it('--json-out: also writes the JSON list, saying which stacks drifted (exit 2 when it cannot be written)', async () => {
    serveInstance(connect, data([fake('ann', { RoutingProfileId: 'rp-2' })]));
    const dir = folder('ann,Ann,Lee,,Sales,Agent,,soft,,');
    const out = path.join(tempFolder(), 'drift.json');
    const { stdout, exitCode } = await run({ dir, instanceId: INSTANCE, format: 'markdown', jsonOut: out });
    expect(exitCode).toBe(DRIFT_FOUND);
    expect(stdout.split('\n')[0]).toBe(`### Drift: ${escapeMarkdown(dir)}`);
    expect(JSON.parse(readFileSync(out, 'utf8')).map((r: { stack: string; drift: boolean }) => [r.stack, r.drift])).toStrictEqual([[dir, true]]);
    const blocked = await run({ dir, instanceId: INSTANCE, jsonOut: tempFolder() });
    expect(blocked.exitCode).toBe(2);
    expect(blocked.stderr).toMatch(/^connect-users: cannot write \S+: EISDIR$/m);
  });

  it('json: one object for one folder', async () => {
    serveInstance(connect, data([fake('ann')]));
    const { stdout } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE, format: 'json' });
    expect(JSON.parse(stdout).counts).toStrictEqual({ missing: 0, changed: 0, unmanaged: 0, ignored: 0, unchanged: 1 });
  });

  it("every stack of main.ts: the instance, region and default tags come from the app; --stack picks one (exit 2 for an unknown one)", async () => {
    const dev = 'bbbbbbbb-1111-2222-3333-444444444444';
    const tags = { purpose: 'testing', environment: 'dev' };
    serveInstance(
      connect,
      data(
        [
          fake('test.agent1', { FirstName: 'Test', LastName: 'Agent One', RoutingProfileId: 'rp-2', AutoAccept: true, Tags: tags }),
          fake('test.agent2', { FirstName: 'Test', LastName: 'Agent Two', RoutingProfileId: 'rp-2', Tags: tags }),
          fake('test.supervisor', { FirstName: 'Test', LastName: 'Supervisor', RoutingProfileId: 'rp-2', SecurityProfileIds: ['sp-1', 'sp-2'], Tags: tags }),
        ],
        dev,
      ),
    );
    const saved = { ...process.env };
    for (const k of ['AWS_REGION', 'CONNECT_INSTANCE_ID', 'CONNECT_DEV_INSTANCE_ID', 'CONNECT_DEV_REGION', 'CONNECT_USERS_DIR', 'CONNECT_IDENTITY_MANAGEMENT']) delete process.env[k];
    process.env.CONNECT_DEV_INSTANCE_ID = dev;
    try {
      const { stdout, exitCode } = await run({ stack: ['connect-users-dev'] });
      expect(stdout.split('\n')[0]).toBe(`Drift of connect-users-dev (instance ${dev}): 0 missing from Connect, 0 changed, 0 not managed by any file, 3 unchanged (3 users in Connect)`);
      expect(exitCode).toBe(0);
      const unknown = await run({ stack: ['nope'] });
      expect([unknown.exitCode, unknown.stderr]).toStrictEqual([2, 'connect-users: no stack nope in main.ts: the stacks are connect-users, connect-users-dev\n']);
    } finally {
      delete process.env.CONNECT_DEV_INSTANCE_ID;
      Object.assign(process.env, saved);
    }
  });
});
