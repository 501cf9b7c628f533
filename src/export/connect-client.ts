/**
 * Calls to the Amazon Connect API, paced and retried: Connect throttles per
 * account and region (about 2 requests/s, burst 5, for user operations), so
 * an export of thousands of users must neither hammer it nor give up on the
 * first ThrottlingException.
 */

/** What the export needs of a Connect client (a ConnectClient, or a mock of one). */
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
   * First back-off delay in milliseconds; doubles on each retry (with jitter), up to 20 s.
   * @default 500
   */
  readonly baseDelayMs?: number;
  /** For tests: how to wait. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** For tests: the clock. @default Date.now */
  readonly now?: () => number;
  /** Told about each retry, e.g. to show it. */
  readonly onRetry?: (attempt: number, delayMs: number, error: Error) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Errors worth another try: throttling, and the server's own failures. */
export function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return (
    ['ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailableException', 'InternalServiceException'].includes(e?.name ?? '') ||
    status === 429 ||
    status >= 500 ||
    Boolean(e?.$retryable)
  );
}

/** Wraps a client so every `send` waits its turn (rate) and retries with exponential back-off. */
export function pacedSender(client: CommandSender, options: PacingOptions = {}): CommandSender & { calls: number } {
  const interval = 1000 / (options.rate ?? 2);
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 500;
  let nextAt = 0;
  const paced = {
    calls: 0,
    async send(command: unknown): Promise<unknown> {
      for (let attempt = 1; ; attempt++) {
        const wait = nextAt - now();
        if (wait > 0) await sleep(wait);
        nextAt = Math.max(now(), nextAt) + interval;
        paced.calls++;
        try {
          return await client.send(command);
        } catch (err) {
          if (!isRetryable(err) || attempt >= maxAttempts) throw err;
          const delay = Math.min(20_000, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
          options.onRetry?.(attempt, delay, err as Error);
          await sleep(delay);
        }
      }
    },
  };
  return paced;
}
