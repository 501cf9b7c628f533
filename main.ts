/**
 * The composition root: one cdktf app, one ConnectUsersStack per Connect
 * instance (or per team folder of a big instance). `cdktf synth` runs this
 * file (compiled to dist/main.js, see cdktf.json). Edit the list below.
 */
import { runStacks, type StackConfig } from './src/run-stacks';

/** An environment variable, or undefined when it is unset or empty (CI writes '' for an unset variable). */
const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

/** S3 state when CONNECT_STATE_BUCKET is set (CI); a local state file otherwise (offline synth, trying things out). */
function backend(): StackConfig['backend'] {
  const bucket = env('CONNECT_STATE_BUCKET');
  if (!bucket) return undefined;
  return {
    bucket,
    region: env('CONNECT_STATE_REGION'),
    kmsKeyId: env('CONNECT_STATE_KMS_KEY_ID'),
    dynamodbTable: env('CONNECT_STATE_LOCK_TABLE'),
  };
}

/** With CONNECT_USERS_BASE (e.g. origin/main), synth refuses to remove more users than allowed. */
function removalGuard(): StackConfig['removalGuard'] {
  const base = env('CONNECT_USERS_BASE');
  if (!base) return undefined;
  return {
    base,
    maxRemovals: numberFromEnv('CONNECT_USERS_MAX_REMOVALS'),
    maxRemovalPercent: numberFromEnv('CONNECT_USERS_MAX_REMOVAL_PERCENT'),
    allowRemovals: numberFromEnv('CONNECT_USERS_ALLOW_REMOVALS'),
  };
}

runStacks([
  {
    // Production: the users/ folder.
    id: 'connect-users',
    // A clearly fake id, so `npm run synth` works offline; set the real one in CI.
    instanceId: env('CONNECT_INSTANCE_ID') ?? '00000000-0000-0000-0000-000000000000',
    region: env('AWS_REGION'),
    identityManagementType: identityManagementType(env('CONNECT_IDENTITY_MANAGEMENT')),
    usersDir: env('CONNECT_USERS_DIR') ?? 'users',
    allowPlaintextPasswords: env('CONNECT_ALLOW_PLAINTEXT_PASSWORDS') === 'true',
    backend: backend(),
    removalGuard: removalGuard(),
  },
  {
    // A test instance with a handful of users of its own.
    id: 'connect-users-dev',
    instanceId: env('CONNECT_DEV_INSTANCE_ID') ?? '11111111-1111-1111-1111-111111111111',
    region: env('CONNECT_DEV_REGION') ?? env('AWS_REGION'),
    identityManagementType: 'CONNECT_MANAGED',
    usersDir: 'users-dev',
    backend: backend(),
    removalGuard: removalGuard(),
    defaultTags: { environment: 'dev' },
  },
]);

function identityManagementType(value = 'CONNECT_MANAGED') {
  return value.toUpperCase() as 'CONNECT_MANAGED' | 'SAML' | 'EXISTING_DIRECTORY';
}

function numberFromEnv(name: string): number | undefined {
  const value = env(name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}
