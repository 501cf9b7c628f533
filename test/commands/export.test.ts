import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AccessDeniedException, ConnectClient, DescribeInstanceCommand, DescribeUserCommand, SearchUsersCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { runExport } from '../../src/commands/export';
import { WITHOUT_EMAILS_NOTE } from '../../src/export/export-users';
import { serveInstance, type FakeInstance, type FakeUser } from '../connect/fake-instance';
import { fakeTime } from '../connect/fake-time';
import { tempFolder } from '../helpers';
import { NO_CREDENTIALS, readyClient, withAwsEnv } from './aws-env';

const connect = mockClient(ConnectClient);
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';

const user = (i: number): FakeUser => ({
  Id: `u-${i}`,
  Username: `agent${i}`,
  FirstName: 'Ann',
  LastName: 'Lee',
  Email: `agent${i}@example.com`,
  RoutingProfileId: 'rp-1',
  SecurityProfileIds: ['sp-1'],
  PhoneType: 'SOFT_PHONE',
  AutoAccept: false,
  Acw: 30,
  Tags: {},
});
const INSTANCE_DATA: FakeInstance = {
  id: INSTANCE,
  users: Array.from({ length: 30 }, (_, i) => user(i)),
  routingProfiles: [{ Id: 'rp-1', Name: 'Sales' }],
  securityProfiles: [{ Id: 'sp-1', Name: 'Agent' }],
  groups: [],
};

/** Runs the command with stdout/stderr captured, stderr not a terminal unless asked; with `'cli'`, the client the CLI makes. */
async function run(options: Partial<Parameters<typeof runExport>[0]> & { out: string }, tty = false, client: ConnectClient | 'cli' = readyClient()) {
  const saved = { exitCode: process.exitCode, write: process.stderr.write, tty: process.stderr.isTTY };
  let stderr = '';
  process.exitCode = undefined;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.stderr.isTTY = tty;
  const time = fakeTime();
  try {
    await runExport({ instanceId: INSTANCE, rate: 2, ...options }, { client: client === 'cli' ? undefined : client, ...time });
    return { stderr, exitCode: process.exitCode, time };
  } finally {
    process.stderr.write = saved.write;
    process.stderr.isTTY = saved.tty;
    process.exitCode = saved.exitCode;
  }
}

const rel = (file: string) => path.relative(process.cwd(), file);

describe('connect-users export', () => {
  beforeEach(() => {
    connect.reset();
    serveInstance(connect, INSTANCE_DATA);
  });

  it('writes the CSV and the imports file, and leaves neither checkpoint nor lock; in CI (no terminal) only a summary', async () => {
    const out = path.join(tempFolder(), 'users', 'imported.csv');
    const { stderr, exitCode } = await run({ out });
    expect(exitCode).toBeUndefined();
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('agent0,none,Ann,Lee,agent0@example.com,,Sales,Agent,,soft,,no,30,,');
    expect(JSON.parse(readFileSync(out.replace(/\.csv$/, '.imports.json'), 'utf8')).imports[0]).toStrictEqual({ username: 'agent0', id: `${INSTANCE}:u-0` });
    expect(existsSync(`${out}.partial.json`)).toBe(false);
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(stderr).toBe(
      `wrote 30 user(s) to ${rel(out)} and their ids to ${rel(out.replace(/\.csv$/, '.imports.json'))} (34 API calls, 0.3 min at 2/s).\n` +
        'Next: review the file, move it into the users folder of the stack of this instance (its identityManagementType must be CONNECT_MANAGED, as the file is written for it), run validate, then plan: the users show as "will be imported".\n',
    );
  });

  it('shows progress on a terminal, at most a line per second', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    const { stderr, time } = await run({ out }, true);
    const lines = stderr.split('\n').filter((l) => l.startsWith('read the emails'));
    // 34 calls at 2/s: 16.5 s on the fake clock, so at most 17 lines.
    expect(time.t.now).toBe(16_500);
    expect(lines.length >= 8 && lines.length <= 17).toBe(true);
    expect(lines[0]).toBe('read the emails of 1/30 users (5 calls)');
    expect(stderr.split('\n')[0]).toBe('read 30/30 users (2 calls)');
  });

  it('refuses a second export into the same output while the first runs (exit 2), and the first completes', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    const saved = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    const time = fakeTime();
    try {
      await Promise.all([
        runExport({ instanceId: INSTANCE, rate: 1000, out }, { client: readyClient(), ...time }),
        runExport({ instanceId: INSTANCE, rate: 1000, out }, { client: readyClient(), ...time }),
      ]);
      expect(process.exitCode).toBe(2);
    } finally {
      process.stderr.write = saved;
      process.exitCode = undefined;
    }
    expect(stderr).toMatch(`connect-users: another export is writing ${rel(out)} (process ${process.pid}, lock ${out}.lock): wait for it to finish, or choose another --out\n`);
    expect(stderr).toMatch(/wrote 30 user\(s\)/);
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(32);
  });

  it('reports a stale lock with how to remove it (exit 2), making no AWS call', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    writeFileSync(`${out}.lock`, `${2 ** 22 + 12345}\n`);
    const { stderr, exitCode } = await run({ out });
    expect(exitCode).toBe(2);
    expect(stderr).toBe(
      `connect-users: ${out}.lock is left over from an export that stopped (process ${2 ** 22 + 12345} is not running): make sure no export is writing ${rel(out)}, remove the lock (rm "${out}.lock") and run the command again\n`,
    );
    expect(connect.calls().length).toBe(0);
  });

  it('refuses a truncated checkpoint without printing it, with --restart as the fix (exit 2)', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    writeFileSync(`${out}.partial.json`, `{"instanceId":"${INSTANCE}","emails":{"u-1":{"email":"private.person@exa`);
    const { stderr, exitCode } = await run({ out });
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`connect-users: the checkpoint ${out}.partial.json is not usable (not valid JSON; it may have been cut short): run the same command with --restart to start over\n`);
    expect(connect.calls().length).toBe(0);
    expect(existsSync(`${out}.lock`)).toBe(false);

    const restarted = await run({ out, restart: true });
    expect(restarted.exitCode).toBeUndefined();
    expect(existsSync(`${out}.partial.json`)).toBe(false);
  });

  it('resumes from a checkpoint of the same instance, and starts over (saying so) from one of another instance', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    writeFileSync(`${out}.partial.json`, JSON.stringify({ instanceId: INSTANCE, emails: { 'u-0': { email: 'kept@example.com' } } }));
    const resumed = await run({ out });
    expect(resumed.stderr.split('\n')[0]).toBe('resuming: the emails of 1 user(s) are read already (--restart to start over)');
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(29);
    expect(readFileSync(out, 'utf8')).toMatch(/^agent0,none,Ann,Lee,kept@example\.com,/m);

    connect.resetHistory();
    writeFileSync(`${out}.partial.json`, JSON.stringify({ instanceId: 'bbbbbbbb-0000-0000-0000-000000000000', emails: { 'u-0': { email: 'wrong@example.com' } } }));
    const other = await run({ out, force: true });
    expect(other.stderr.split('\n')[0]).toBe(`note: ${rel(out)}.partial.json is the checkpoint of instance bbbbbbbb-0000-0000-0000-000000000000, not ${INSTANCE}: not used, starting over`);
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(30);
    expect(readFileSync(out, 'utf8')).toMatch(/^agent0,none,Ann,Lee,agent0@example\.com,/m);
  });

  it('reports an AWS error (exit 5), mentioning the resume only when there is a checkpoint', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    connect.on(SearchUsersCommand).rejects(new AccessDeniedException({ message: 'not allowed', $metadata: { httpStatusCode: 403 } }));
    const first = await run({ out });
    expect(first.exitCode).toBe(5);
    expect(first.stderr).toBe('connect-users: the export stopped on an AWS error: AccessDeniedException: not allowed (HTTP 403). Run the same command again.\n');

    connect.reset();
    serveInstance(connect, INSTANCE_DATA);
    // Described in username order: agent9 comes last, after 29 others and a checkpoint at 25.
    connect.on(DescribeUserCommand, { UserId: 'u-9' }).rejects(new AccessDeniedException({ message: 'not allowed', $metadata: { httpStatusCode: 403 } }));
    const later = await run({ out });
    expect(later.exitCode).toBe(5);
    expect(later.stderr).toBe(
      `connect-users: the export stopped on an AWS error: AccessDeniedException: not allowed (HTTP 403). Run the same command again to resume from ${rel(out)}.partial.json.\n`,
    );
    expect(Object.keys(JSON.parse(readFileSync(`${out}.partial.json`, 'utf8')).emails).length).toBe(25);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('reports a local file problem as such (exit 2), not as an AWS error, and mentions the resume only with a checkpoint', async () => {
    const dir = tempFolder({ 'a-file': 'x' });
    const blocked = await run({ out: path.join(dir, 'a-file', 'imported.csv') });
    expect(blocked.exitCode).toBe(2);
    expect(blocked.stderr).toBe(`connect-users: the export stopped: cannot create ${path.join(dir, 'a-file')}: a file is in the way of a folder in its path (EEXIST). Fix that and run the same command again.\n`);
    expect(connect.calls().length).toBe(0);

    const out = path.join(dir, 'imported.csv');
    mkdirSync(out);
    writeFileSync(path.join(out, 'keep'), '');
    const late = await run({ out, force: true });
    expect(late.exitCode).toBe(2);
    expect(late.stderr).toBe(`connect-users: the export stopped: cannot write ${out}: it is a folder (EISDIR). Fix that and run the same command again to resume from ${rel(out)}.partial.json.\n`);
  });

  it('refuses to overwrite without --force (exit 2)', async () => {
    const out = path.join(tempFolder({ 'imported.csv': 'x' }), 'imported.csv');
    const { stderr, exitCode } = await run({ out });
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`connect-users: ${out} or its imports file exists already: pass --force to overwrite\n`);
  });

  it('--without-emails: no DescribeUser, no checkpoint, and says what the files leave out', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    const { stderr, exitCode } = await run({ out, withoutEmails: true });
    expect(exitCode).toBeUndefined();
    expect(connect.commandCalls(DescribeUserCommand).length).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('agent0,none,Ann,Lee,keep,keep,Sales,Agent,,soft,,no,30,,');
    expect(JSON.parse(readFileSync(out.replace(/\.csv$/, '.imports.json'), 'utf8')).emails).toBe(WITHOUT_EMAILS_NOTE);
    expect(stderr.split('\n').slice(1, 2)).toStrictEqual([`The emails were ${WITHOUT_EMAILS_NOTE}`]);
    expect(stderr).toMatch(/\(4 API calls, 0\.0 min at 2\/s\)/);
  });

  it('writes the file for the instance\'s identity management type: asked from Connect, or given with -i (no DescribeInstance)', async () => {
    const saml = path.join(tempFolder(), 'saml.csv');
    const given = await run({ out: saml, identityManagement: 'SAML' });
    expect(given.exitCode).toBeUndefined();
    expect(connect.commandCalls(DescribeInstanceCommand).length).toBe(0);
    // No password, no primary email (SAML takes neither); the email Connect returned is named in a warning.
    expect(readFileSync(saml, 'utf8').split('\n')[1]).toBe('agent0,,Ann,Lee,,,Sales,Agent,,soft,,no,30,,');
    expect(given.stderr.split('\n')[0]).toBe(
      'warning: agent0: Connect has a primary email for this user, which a SAML instance does not take: left out of the file (the first plan shows it removed); to keep it, write it as the secondaryEmail',
    );
    expect(given.stderr).toMatch(/\(33 API calls, 0\.3 min at 2\/s\)\.\nNext: [^\n]*identityManagementType must be SAML/);

    connect.reset();
    serveInstance(connect, { ...INSTANCE_DATA, identityManagementType: 'EXISTING_DIRECTORY' });
    const directory = path.join(tempFolder(), 'directory.csv');
    const asked = await run({ out: directory });
    expect(connect.commandCalls(DescribeInstanceCommand).length).toBe(1);
    expect(readFileSync(directory, 'utf8').split('\n')[1]).toBe('agent0,,Ann,Lee,agent0@example.com,,Sales,Agent,,soft,,no,30,,');
    expect(asked.stderr).toMatch(/identityManagementType must be EXISTING_DIRECTORY/);
  });

  it('says how to do without DescribeInstance when it is denied (exit 5)', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    connect.on(DescribeInstanceCommand).rejects(new AccessDeniedException({ message: 'not allowed', $metadata: { httpStatusCode: 403 } }));
    const { stderr, exitCode } = await run({ out });
    expect(exitCode).toBe(5);
    expect(stderr).toBe(
      'connect-users: the export stopped on an AWS error: AccessDeniedException: not allowed (DescribeInstance: allow connect:DescribeInstance, or give the type with --identity-management) (HTTP 403). Run the same command again.\n',
    );
    expect(connect.commandCalls(SearchUsersCommand).length).toBe(0);
  });

  describe('without a region or credentials: said before any call, exit 2', () => {
    it.each<[string, Record<string, string>, Partial<Parameters<typeof runExport>[0]>, string]>([
      ['no region anywhere', {}, {}, 'no AWS region: pass --region or set AWS_REGION'],
      [
        'only AWS_DEFAULT_REGION, which the SDK does not read',
        { AWS_DEFAULT_REGION: 'eu-west-2' },
        {},
        'no AWS region: pass --region or set AWS_REGION (AWS_DEFAULT_REGION is set, but the AWS SDK for JavaScript reads only AWS_REGION)',
      ],
      ['a region that is no region', {}, { region: 'eu west' }, 'not a valid AWS region (region="eu west" is not a valid hostname component): pass --region or set AWS_REGION, e.g. eu-west-2'],
      ['no credentials', { AWS_REGION: 'eu-west-2' }, {}, `${NO_CREDENTIALS}. Then run the same command again.`],
      ['no credentials, --region', {}, { region: 'eu-west-2' }, `${NO_CREDENTIALS}. Then run the same command again.`],
    ])('%s', async (_, vars, options, message) => {
      const out = path.join(tempFolder(), 'users', 'imported.csv');
      const { stderr, exitCode } = await withAwsEnv(vars, () => run({ out, ...options }, false, 'cli'));
      expect([exitCode, stderr]).toStrictEqual([2, `connect-users: ${message}\n`]);
      expect(connect.calls().length).toBe(0);
      expect(existsSync(path.dirname(out))).toBe(false);
    });

    it('the region of the AWS profile counts, as for the AWS CLI; its SSO session to log in again is named', async () => {
      const dir = tempFolder({
        config: '[profile sso]\nregion = eu-central-1\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session s]\nsso_region = eu-west-1\nsso_start_url = https://example.awsapps.com/start\n',
      });
      const out = path.join(dir, 'imported.csv');
      const { stderr, exitCode } = await withAwsEnv({ AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_PROFILE: 'sso' }, () => run({ out, profile: 'sso' }, false, 'cli'));
      expect(exitCode).toBe(2);
      expect(stderr).toMatch(/^connect-users: no usable AWS credentials \(CredentialsProviderError: The SSO session token associated with profile=sso was not found or is invalid\. [^\n]*\): set AWS_PROFILE or pass --profile [^\n]*\. Then run the same command again\.\n$/);
      expect(connect.calls().length).toBe(0);
    });

    it('says the run resumes when a checkpoint of an interrupted export is there', async () => {
      const out = path.join(tempFolder(), 'imported.csv');
      writeFileSync(`${out}.partial.json`, JSON.stringify({ instanceId: INSTANCE, emails: {} }));
      const { stderr, exitCode } = await withAwsEnv({ AWS_REGION: 'eu-west-2' }, () => run({ out }, false, 'cli'));
      expect([exitCode, stderr]).toStrictEqual([2, `connect-users: ${NO_CREDENTIALS}. Then run the same command again to resume from ${rel(out)}.partial.json.\n`]);
      const restart = await withAwsEnv({ AWS_REGION: 'eu-west-2' }, () => run({ out, restart: true }, false, 'cli'));
      expect(restart.stderr).toBe(`connect-users: ${NO_CREDENTIALS}. Then run the same command again.\n`);
    });
  });

  it('credentials that stop working during the export: how to supply them, and the resume (exit 5: calls were made)', async () => {
    const out = path.join(tempFolder(), 'imported.csv');
    const expired = Object.assign(new Error('Token is expired. To refresh this SSO session run aws sso login'), { name: 'TokenProviderError' });
    connect.on(DescribeUserCommand, { UserId: 'u-9' }).rejects(expired);
    const { stderr, exitCode } = await run({ out });
    expect(exitCode).toBe(5);
    expect(stderr).toBe(
      'connect-users: the export stopped: no usable AWS credentials (TokenProviderError: Token is expired. To refresh this SSO session run aws sso login): set AWS_PROFILE or pass --profile ' +
        `to use a profile of your AWS config (an SSO profile: run \`aws sso login --profile <name>\` first), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN). Then run the same command again to resume from ${rel(out)}.partial.json.\n`,
    );
  });
});
