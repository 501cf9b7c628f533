/** An AWS environment for tests of what the SDK resolves by itself (region, credentials), with nothing of the machine's. */
import * as path from 'node:path';
import { ConnectClient } from '@aws-sdk/client-connect';
import { tempFolder } from '../helpers';

/** A client that has a region and (fake) credentials: what a test needs when it is not about them. */
export const readyClient = (region = 'eu-west-2') => new ConnectClient({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' } });

/**
 * Runs `fn` with no AWS_* variable (but the SDK's AWS_SDK_JS_*) except `vars`, shared config files that do not
 * exist, and EC2's instance metadata off (no region or credentials from a
 * network lookup), then puts the environment back.
 */
export async function withAwsEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  const none = path.join(tempFolder(), 'none');
  // The SDK's own switches (AWS_SDK_JS_*: the Node version warning, off in tests) stay.
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') && !k.startsWith('AWS_SDK_JS_')) delete process.env[k];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: `${none}-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${none}-credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...vars,
  });
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

export const NO_CREDENTIALS =
  'no usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers): set AWS_PROFILE or pass --profile to use a profile of your AWS config ' +
  '(an SSO profile: run `aws sso login --profile <name>` first), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)';
