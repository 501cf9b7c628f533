/** Telling an error from AWS (or on the way to it) from a bug, and saying it in one line. */

/** Node's network error codes: the request did not reach Connect or its answer did not come back. */
const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'];

/**
 * An error from the AWS SDK (a service exception carries `$metadata`), from
 * resolving credentials or the region, or from the network: worth "stopped on
 * an AWS error" (exit 5). Anything else is a bug and is thrown on.
 */
export function isAwsError(err: unknown): boolean {
  const e = err as { $metadata?: unknown; name?: string; code?: string } | undefined;
  if (!(err instanceof Error)) return false;
  return (
    e?.$metadata !== undefined ||
    ['CredentialsProviderError', 'TokenProviderError', 'TimeoutError', 'AbortError'].includes(e?.name ?? '') ||
    /region is missing/i.test(err.message) ||
    NETWORK_CODES.includes(e?.code ?? '')
  );
}

/** `name: message (HTTP status)`, for the admin. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return `${e.name ?? 'Error'}: ${e.message ?? ''}${status ? ` (HTTP ${status})` : ''}`;
}
