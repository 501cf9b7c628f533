/**
 * The composition root: one cdktf app, one stack per Connect instance.
 * `cdktf synth` runs this file (compiled to dist/main.js, see cdktf.json).
 */
import { App } from 'cdktf';
import { runApp } from './src/app';
import { ConnectUsersStack } from './src/synth/connect-users-stack';
import { timed } from './src/timings';

runApp(() => {
  const app = new App();
  const stack = timed(
    'stack',
    () =>
      new ConnectUsersStack(app, 'connect-users', {
        // A clearly fake id, so `npm run synth` works offline; set the real one in CI.
        instanceId: process.env.CONNECT_INSTANCE_ID ?? '00000000-0000-0000-0000-000000000000',
        region: process.env.AWS_REGION,
        identityManagementType: identityManagementType(process.env.CONNECT_IDENTITY_MANAGEMENT),
        usersDir: process.env.CONNECT_USERS_DIR ?? 'users',
        allowPlaintextPasswords: process.env.CONNECT_ALLOW_PLAINTEXT_PASSWORDS === 'true',
        // With CONNECT_USERS_BASE (e.g. origin/main), synth refuses to remove more users than allowed.
        removalGuard: process.env.CONNECT_USERS_BASE
          ? {
              base: process.env.CONNECT_USERS_BASE,
              maxRemovals: numberFromEnv('CONNECT_USERS_MAX_REMOVALS'),
              maxRemovalPercent: numberFromEnv('CONNECT_USERS_MAX_REMOVAL_PERCENT'),
              allowRemovals: numberFromEnv('CONNECT_USERS_ALLOW_REMOVALS'),
            }
          : undefined,
      }),
  );
  for (const note of stack.notes) process.stderr.write(`${note}\n`);
  timed('synth', () => app.synth());
});

function identityManagementType(value = 'CONNECT_MANAGED') {
  return value.trim().toUpperCase() as 'CONNECT_MANAGED' | 'SAML' | 'EXISTING_DIRECTORY';
}

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new Error(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}
