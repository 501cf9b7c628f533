/**
 * Calls to the Amazon Connect API, paced and retried: Connect throttles per
 * API, account and region (about 2 requests/s, burst 5), so reading thousands
 * of users must neither hammer it nor give up on the first ThrottlingException.
 * Every command that talks to Connect sends through `pacedSender`.
 */
import { isCredentialsError, isRegionMissing } from './errors';

/** What the readers need of a Connect client (a ConnectClient, or a mock of one). */
export interface CommandSender {
  send(command: unknown): Promise<unknown>;
}

export interface PacingOptions {
  /**
   * Requests per second, at most.
   * @default 2
   */
  readonly rate?: number;
  /**
   * Attempts per request before giving up on throttling or server errors.
   * @default 8
   */
  readonly maxAttempts?: number;
  /**
   * First back-off delay in milliseconds; doubles on each retry, up to `maxDelayMs`,
   * then scaled by a jitter factor between 0.5 and 1.
   * @default 500
   */
  readonly baseDelayMs?: number;
  /** @default 20000 */
  readonly maxDelayMs?: number;
  /** For tests: how to wait. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** For tests: the clock. @default Date.now */
  readonly now?: () => number;
  /** For tests: the jitter source, a number in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Told about each retry, e.g. to show it. */
  readonly onRetry?: (attempt: number, delayMs: number, error: Error) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const RETRYABLE_NAMES = ['ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailableException', 'InternalServiceException'];

/** Errors worth another try: throttling, and the server's own failures (HTTP 429 and 5xx). */
export function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown } | undefined;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return RETRYABLE_NAMES.includes(e?.name ?? '') || status === 429 || status >= 500 || Boolean(e?.$retryable);
}

/** The back-off before retry number `attempt` (1-based), before jitter: base, 2 × base, 4 × base, ... at most `max`. */
export function backoffDelay(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** (attempt - 1));
}

export interface PacedSender extends CommandSender {
  /** Requests sent so far, retries included: what Connect's throttling counts (not a request the SDK could not send: no region, no credentials). */
  readonly calls: number;
}

/** Wraps a client so every `send` waits its turn (rate) and retries with exponential back-off. */
export function pacedSender(client: CommandSender, options: PacingOptions = {}): PacedSender {
  const interval = 1000 / (options.rate ?? 2);
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 20_000;
  let nextAt = 0;
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async send(command: unknown): Promise<unknown> {
      for (let attempt = 1; ; attempt++) {
        const wait = nextAt - now();
        if (wait > 0) await sleep(wait);
        nextAt = Math.max(now(), nextAt) + interval;
        calls++;
        try {
          return await client.send(command);
        } catch (err) {
          if (neverSent(err)) {
            calls--;
            throw err;
          }
          if (!isRetryable(err) || attempt >= maxAttempts) throw err;
          const delay = backoffDelay(attempt, base, max) * (0.5 + random() / 2);
          options.onRetry?.(attempt, delay, err as Error);
          await sleep(delay);
        }
      }
    },
  };
}

/** Errors the SDK throws before a request leaves: it found no region or no credentials. */
function neverSent(err: unknown): boolean {
  return isRegionMissing(err) || isCredentialsError(err);
}

/** What keeps a client from sending anything: no region, a region that is no host name (`eu west`), or no credentials (with the SDK's error). */
export type AwsSetupProblem = { readonly kind: 'region' } | { readonly kind: 'invalid-region' | 'credentials'; readonly error: Error };

/**
 * Resolves the client's region, then its credentials, as its first request
 * would (the SDK keeps both: no second lookup), so that a command can say
 * what to set before any call to Connect. Undefined when both are there, or
 * for a client without the SDK's configuration (a test double). Any other
 * error (an STS call of an assumed role that fails, ...) is thrown on.
 */
export async function awsSetupProblem(client: CommandSender): Promise<AwsSetupProblem | undefined> {
  const config = (client as { config?: { region?: unknown; credentials?: unknown } }).config;
  try {
    if (typeof config?.region === 'function') await (config.region as () => Promise<string>)();
  } catch (err) {
    if (isRegionMissing(err)) return { kind: 'region' };
    // @smithy/core's checkRegion: `Region not accepted: region="eu west" is not a valid hostname component.`
    if (err instanceof Error && /^Region not accepted\b/.test(err.message)) return { kind: 'invalid-region', error: err };
    throw err;
  }
  try {
    if (typeof config?.credentials === 'function') await (config.credentials as () => Promise<unknown>)();
  } catch (err) {
    if (isCredentialsError(err)) return { kind: 'credentials', error: err as Error };
    throw err;
  }
  return undefined;
}

export interface ClientOptions {
  /** @default the SDK's own resolution: AWS_REGION, then the profile's region */
  readonly region?: string;
  /** A named profile of the shared config files. @default AWS_PROFILE, then `default` */
  readonly profile?: string;
}

/**
 * A ConnectClient with the SDK's standard configuration: credentials, region
 * and profile as the AWS CLI resolves them, and the endpoint from
 * `AWS_ENDPOINT_URL_CONNECT` / `AWS_ENDPOINT_URL` (or `endpoint_url` in the
 * profile), so a command can be pointed at a test double of the Connect API.
 * The SDK's own retries are off (`maxAttempts: 1`): `pacedSender` retries, and
 * counts every request. Loads the SDK (~100 ms) only when called.
 */
export function connectClient(options: ClientOptions = {}): CommandSender {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ConnectClient } = require('@aws-sdk/client-connect') as typeof import('@aws-sdk/client-connect');
  return new ConnectClient({
    ...(options.region && { region: options.region }),
    ...(options.profile && { profile: options.profile }),
    maxAttempts: 1,
  });
}
