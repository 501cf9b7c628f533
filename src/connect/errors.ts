/** Telling an error from AWS (or on the way to it) from a bug, and saying it in one line. */
import type { AwsSetupProblem } from './client';

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
    ['TimeoutError', 'AbortError'].includes(e?.name ?? '') ||
    isCredentialsError(err) ||
    isRegionMissing(err) ||
    NETWORK_CODES.includes(e?.code ?? '')
  );
}

/**
 * The SDK found no region: not in the client's options, not in `AWS_REGION`,
 * not in the profile of the shared config files, not from EC2's instance
 * metadata (@smithy/core's NODE_REGION_CONFIG_OPTIONS throws exactly
 * "Region is missing"). The SDK for JavaScript does not read
 * `AWS_DEFAULT_REGION`. Nothing was sent.
 */
export function isRegionMissing(err: unknown): boolean {
  return err instanceof Error && /^region is missing$/i.test(err.message);
}

/** The SDK could not load credentials (none found, an unknown profile, an SSO session to log in again): nothing was sent. */
export function isCredentialsError(err: unknown): boolean {
  return err instanceof Error && ['CredentialsProviderError', 'TokenProviderError'].includes(err.name);
}

/**
 * What a command with `--region` and `--profile` says of an `awsSetupProblem`
 * (src/connect/client.ts): what is missing and how to set it. `regionHow`: how
 * to give the region, when not with --region.
 */
export function awsSetupMessage(problem: AwsSetupProblem, regionHow = 'pass --region or set AWS_REGION', env: NodeJS.ProcessEnv = process.env): string {
  switch (problem.kind) {
    case 'region':
      return `no AWS region: ${regionHow}${defaultRegionNote(env)}`;
    case 'invalid-region':
      return `not a valid AWS region (${problem.error.message.replace(/^Region not accepted: /, '').replace(/\.$/, '')}): ${regionHow}, e.g. eu-west-2`;
    case 'credentials':
      return noCredentialsMessage(problem.error);
  }
}

/** Said when AWS_DEFAULT_REGION is set (the AWS CLI and Terraform read it; the SDK for JavaScript does not). */
export function defaultRegionNote(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_DEFAULT_REGION?.trim() ? ' (AWS_DEFAULT_REGION is set, but the AWS SDK for JavaScript reads only AWS_REGION)' : '';
}

/** What a command that has `--profile` says when the SDK cannot load credentials: why, and how to supply them. */
export function noCredentialsMessage(err: unknown): string {
  return (
    `no usable AWS credentials (${describeError(err)}): set AWS_PROFILE or pass --profile to use a profile of your AWS config ` +
    '(an SSO profile: run `aws sso login --profile <name>` first), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)'
  );
}

/** `name: message (HTTP status)`, for the admin. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return `${e.name ?? 'Error'}: ${e.message ?? ''}${status ? ` (HTTP ${status})` : ''}`;
}
