/**
 * The composition root: one cdktf app, one ConnectUsersStack per Connect
 * instance (or per team folder of a big instance). `cdktf synth` runs
 * `node bin/app.js` (cdktf.json), which runs this file bundled into
 * dist/main.js (rebuilt when a source is newer). Edit the list below.
 *
 * `env` holds the settings read from environment variables (src/settings.ts,
 * the README's Configuration table): typed, with their defaults, and checked
 * when read, so a bad value stops synth with the variable's name, not a crash.
 */
import { removalGuard, runStacks, stateBackend } from './src/run-stacks';

runStacks((env) => [
  {
    // Production: the users/ folder.
    id: 'connect-users',
    // A clearly fake default id, so `npm run synth` works offline; set the real one in CI.
    instanceId: env.CONNECT_INSTANCE_ID,
    region: env.AWS_REGION,
    identityManagementType: env.CONNECT_IDENTITY_MANAGEMENT,
    usersDir: env.CONNECT_USERS_DIR,
    allowPlaintextPasswords: env.CONNECT_ALLOW_PLAINTEXT_PASSWORDS,
    // S3 state when CONNECT_STATE_BUCKET is set (CI); a local state file otherwise.
    backend: stateBackend(env),
    // With CONNECT_USERS_BASE (e.g. origin/main), synth refuses to remove more users than allowed.
    removalGuard: removalGuard(env),
  },
  {
    // A test instance with a handful of users of its own.
    id: 'connect-users-dev',
    instanceId: env.CONNECT_DEV_INSTANCE_ID,
    region: env.CONNECT_DEV_REGION,
    identityManagementType: 'CONNECT_MANAGED',
    usersDir: 'users-dev',
    backend: stateBackend(env),
    removalGuard: removalGuard(env),
    defaultTags: { environment: 'dev' },
  },
]);
