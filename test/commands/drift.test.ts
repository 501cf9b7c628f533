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

async function run(options: Partial<Parameters<typeof runDrift>[0]>, tty = false) {
  const saved = { exitCode: process.exitCode, out: process.stdout.write, err: process.stderr.write, tty: process.stderr.isTTY };
  let stdout = '';
  let stderr = '';
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.stderr.isTTY = tty;
  try {
    await runDrift({ format: 'text', rate: 2, ...options }, { clientFor: () => new ConnectClient({}), ...fakeTime() });
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

  it('exits 1 on problems in the user files, without reading Connect', async () => {
    const { stderr, exitCode } = await run({ dir: folder('ann,Ann,Lee,,,Agent,,soft,,'), instanceId: INSTANCE });
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/a\.csv:2: routingProfile: .*\(REQUIRED\)/);
    expect(connect.calls().length).toBe(0);
  });

  it('exits 5 on an AWS error', async () => {
    connect.on(SearchUsersCommand).rejects(new AccessDeniedException({ message: 'not allowed', $metadata: { httpStatusCode: 403 } }));
    const { stdout, stderr, exitCode } = await run({ dir: folder('ann,Ann,Lee,,Sales,Agent,,soft,,'), instanceId: INSTANCE });
    expect(exitCode).toBe(5);
    expect(stdout).toMatch(/^ {2}AccessDeniedException: not allowed \(HTTP 403\)$/m);
    expect(stderr).toBe('drift: 1 stack(s) checked with 1 Connect API call(s) (0.0 min at 2/s): 0 with drift, 1 not checked (AWS error).\n');
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
    const dev = '11111111-1111-1111-1111-111111111111';
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
    try {
      const { stdout, exitCode } = await run({ stack: ['connect-users-dev'] });
      expect(stdout.split('\n')[0]).toBe(`Drift of connect-users-dev (instance ${dev}): 0 missing from Connect, 0 changed, 0 not managed by any file, 3 unchanged (3 users in Connect)`);
      expect(exitCode).toBe(0);
      const unknown = await run({ stack: ['nope'] });
      expect([unknown.exitCode, unknown.stderr]).toStrictEqual([2, 'connect-users: no stack nope in main.ts: the stacks are connect-users, connect-users-dev\n']);
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
