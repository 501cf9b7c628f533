/**
 * What main.ts calls. Kept free of cdktf: with CONNECT_USERS_DESCRIBE=1 the app
 * only lists its stacks (`connect-users validate`, `affected`), which must not
 * cost loading cdktf and the provider (~400 modules); synthesizing loads them.
 */
import * as path from 'node:path';
import type { DescribedStack } from './review/affected';
import type { StackConfig } from './synth/app';

export type { StackConfig } from './synth/app';

/**
 * Synthesizes one ConnectUsersStack per config; with CONNECT_USERS_DESCRIBE=1
 * prints the stacks (id and users folder) as JSON instead.
 */
export function runStacks(configs: readonly StackConfig[]): void {
  if (process.env.CONNECT_USERS_DESCRIBE === '1') {
    const described: DescribedStack[] = configs.map((c) => ({
      id: c.id,
      usersDir: path.relative(process.cwd(), path.resolve(c.usersDir ?? 'users')) || '.',
      identityManagementType: c.identityManagementType ?? 'CONNECT_MANAGED',
      allowPlaintextPasswords: c.allowPlaintextPasswords ?? false,
    }));
    process.stdout.write(`${JSON.stringify(described)}\n`);
    return;
  }
  // A require, not an import: esbuild then loads the synth code (and cdktf) only here.
  (require('./synth/app') as typeof import('./synth/app')).synthStacks(configs);
}
