import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsSetupProblem, backoffDelay, connectClient, isRetryable, pacedSender, type CommandSender } from '../../src/connect/client';
import { searchAllUsers } from '../../src/connect/read-instance';
import { fakeTime } from './fake-time';

/** A client whose n-th send fails with `errors[n]` (when given), else answers 'ok'. */
function failing(...errors: (Error | undefined)[]): CommandSender & { sent: number } {
  const c = {
    sent: 0,
    async send() {
      const e = errors[c.sent++];
      if (e) throw e;
      return 'ok';
    },
  };
  return c;
}

const awsError = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('isRetryable', () => {
  it.each([
    ['ThrottlingException', 400, true],
    ['TooManyRequestsException', 400, true],
    ['ServiceUnavailableException', undefined, true],
    ['InternalServiceException', undefined, true],
    ['SomethingElse', 429, true],
    ['SomethingElse', 500, true],
    ['SomethingElse', 503, true],
    ['SomethingElse', 499, false],
    ['AccessDeniedException', 403, false],
    ['ResourceNotFoundException', 404, false],
    ['InvalidParameterException', 400, false],
  ])('%s (HTTP %s): %s', (name, status, expected) => {
    expect(isRetryable(awsError(name, status))).toBe(expected);
  });

  it('retries what the SDK marks retryable, and nothing that is not an error object', () => {
    expect(isRetryable(Object.assign(new Error('x'), { $retryable: {} }))).toBe(true);
    expect(isRetryable(undefined)).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});

describe('pacedSender', () => {
  it('paces calls at the rate: 2/s means one every 500 ms', async () => {
    const time = fakeTime();
    const client = failing();
    const paced = pacedSender(client, { ...time, rate: 2 });
    const at: number[] = [];
    for (let i = 0; i < 4; i++) {
      await paced.send({});
      at.push(time.t.now);
    }
    expect(at).toStrictEqual([0, 500, 1000, 1500]);
    expect(paced.calls).toBe(4);
  });

  it('does not wait when calls are already slower than the rate', async () => {
    const time = fakeTime();
    const paced = pacedSender(failing(), { ...time, rate: 2 });
    await paced.send({});
    time.t.now += 2000;
    await paced.send({});
    expect(time.t.slept).toStrictEqual([]);
  });

  it('backs off exponentially: delays double from the base, capped, then jittered between half and all of it', async () => {
    const throttled = awsError('ThrottlingException', 400);
    const time = fakeTime();
    const delays: number[] = [];
    const paced = pacedSender(failing(...Array(8).fill(throttled)), {
      ...time,
      rate: 1000,
      maxAttempts: 9,
      baseDelayMs: 500,
      maxDelayMs: 20_000,
      random: () => 0.999999,
      onRetry: (_, delay) => delays.push(Math.round(delay)),
    });
    await expect(paced.send({})).resolves.toBe('ok');
    expect(delays).toStrictEqual([500, 1000, 2000, 4000, 8000, 16000, 20000, 20000]);
    // The back-off is waited for, not only reported.
    for (const d of delays) expect(time.t.slept.some((s) => Math.round(s) === d)).toBe(true);
    expect(paced.calls).toBe(9);
  });

  it('jitter takes the delay down to half, never below', async () => {
    const time = fakeTime();
    const delays: number[] = [];
    const paced = pacedSender(failing(awsError('ThrottlingException'), awsError('ThrottlingException')), {
      ...time,
      rate: 1000,
      random: () => 0,
      onRetry: (_, delay) => delays.push(delay),
    });
    await paced.send({});
    expect(delays).toStrictEqual([250, 500]);
  });

  it('retries HTTP 5xx and gives up after maxAttempts with the last error', async () => {
    const time = fakeTime();
    const client = failing(awsError('InternalFailure', 500), awsError('BadGateway', 502), awsError('Unavailable', 503));
    const paced = pacedSender(client, { ...time, rate: 1000, maxAttempts: 3 });
    await expect(paced.send({})).rejects.toThrow('Unavailable');
    expect(client.sent).toBe(3);

    const recovering = failing(awsError('InternalFailure', 500));
    await expect(pacedSender(recovering, { ...fakeTime(), rate: 1000 }).send({})).resolves.toBe('ok');
    expect(recovering.sent).toBe(2);
  });

  it.each([
    ['no region', Object.assign(new Error('Region is missing'), { name: 'Error' })],
    ['no credentials', awsError('CredentialsProviderError')],
    ['an SSO token to renew', awsError('TokenProviderError')],
  ])('does not count (or retry) a request the SDK could not send: %s', async (_, err) => {
    const paced = pacedSender(failing(undefined, err), { ...fakeTime(), rate: 1000 });
    await paced.send({});
    await expect(paced.send({})).rejects.toBe(err);
    expect(paced.calls).toBe(1);
  });

  it('does not retry what retrying cannot fix', async () => {
    const client = failing(awsError('AccessDeniedException', 403));
    await expect(pacedSender(client, { ...fakeTime(), rate: 1000 }).send({})).rejects.toThrow('AccessDeniedException');
    expect(client.sent).toBe(1);
  });

  it.each([
    [1, 500],
    [2, 1000],
    [6, 16000],
    [7, 20000],
    [30, 20000],
  ])('backoffDelay(attempt %i) = %i ms', (attempt, expected) => {
    expect(backoffDelay(attempt, 500, 20_000)).toBe(expected);
  });
});

describe('awsSetupProblem', () => {
  const client = (region: () => Promise<string>, credentials: () => Promise<unknown> = async () => ({})) => ({ send: async () => 'ok', config: { region, credentials } });
  const fail = (err: Error) => async () => {
    throw err;
  };

  it('resolves the region, then the credentials: the first missing one is the problem', async () => {
    const noCredentials = awsError('CredentialsProviderError');
    expect(await awsSetupProblem(client(async () => 'eu-west-2'))).toBeUndefined();
    expect(await awsSetupProblem(client(fail(new Error('Region is missing')), fail(noCredentials)))).toStrictEqual({ kind: 'region' });
    expect(await awsSetupProblem(client(async () => 'eu-west-2', fail(noCredentials)))).toStrictEqual({ kind: 'credentials', error: noCredentials });
    const invalid = new Error('Region not accepted: region="eu west" is not a valid hostname component.');
    expect(await awsSetupProblem(client(fail(invalid)))).toStrictEqual({ kind: 'invalid-region', error: invalid });
  });

  it('throws on anything else (an AWS error of an assumed role is one), and takes a test double as it is', async () => {
    const denied = awsError('AccessDenied', 403);
    await expect(awsSetupProblem(client(async () => 'eu-west-2', fail(denied)))).rejects.toBe(denied);
    await expect(awsSetupProblem(client(fail(new TypeError('bug'))))).rejects.toThrow('bug');
    expect(await awsSetupProblem(failing())).toBeUndefined();
  });
});

describe('connectClient', () => {
  let server: Server;
  const requests: { method?: string; url?: string; body: string }[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ Users: [{ Id: 'u-1', Username: 'jane.doe', PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 30000 } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-west-1' });
    delete process.env.AWS_PROFILE;
  });
  afterEach(() => {
    for (const k of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CONNECT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it.each(['AWS_ENDPOINT_URL_CONNECT', 'AWS_ENDPOINT_URL'])('sends to the endpoint in %s (a test double of Connect)', async (variable) => {
    process.env[variable] = url();
    const users = await searchAllUsers(connectClient(), 'instance-1');
    expect(users.map((u) => u.Username)).toStrictEqual(['jane.doe']);
    expect(requests.length).toBe(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe('/search-users');
    expect(JSON.parse(requests[0].body)).toStrictEqual({ InstanceId: 'instance-1', MaxResults: 100 });
  });

  it('prefers the Connect-specific endpoint over the general one', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    process.env.AWS_ENDPOINT_URL_CONNECT = url();
    await searchAllUsers(connectClient(), 'instance-1');
    expect(requests.length).toBe(1);
  });

  it('takes the region given, else the SDK resolves it from the environment', async () => {
    expect(await (connectClient({ region: 'ap-southeast-2' }) as unknown as { config: { region: () => Promise<string> } }).config.region()).toBe('ap-southeast-2');
    expect(await (connectClient() as unknown as { config: { region: () => Promise<string> } }).config.region()).toBe('eu-west-1');
  });
});
