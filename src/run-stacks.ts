/**
 * What main.ts calls. Kept free of cdktf: with CONNECT_USERS_DESCRIBE=1 the app
 * only lists its stacks (`connect-users validate`, `affected`), which must not
 * cost loading cdktf and the provider (~400 modules); synthesizing loads them.
 */
import * as path from 'node:path';
import { formatProblem, type Problem } from './problems';
import type { DescribedStack } from './review/affected';
import { envSettings, SettingsError, type Env } from './settings';
import type { StackConfig } from './synth/app';
import { instanceOf } from './validate/across-stacks';

export type { StackConfig } from './synth/app';
export { removalGuard, stateBackend, type Env } from './settings';

/** A stack as the app describes it to the CLI. */
export interface StackDescription extends DescribedStack {
  /** The instance id, or `alias:<alias>`: stacks on one instance must not share a username. */
  readonly instance: string;
  /** Where its users live, for `connect-users drift`. */
  readonly instanceId?: string;
  readonly instanceAlias?: string;
  readonly region?: string;
  readonly defaultTags?: Record<string, string>;
  /** What `validate` needs to run synth's checks: the generated-password warning, tags with the defaults. */
  readonly defaultPassword?: string;
  readonly generatedPasswordTier?: StackConfig['generatedPasswordTier'];
}

/**
 * Synthesizes one ConnectUsersStack per config; with CONNECT_USERS_DESCRIBE=1
 * prints the stacks (id, users folder, ...) as JSON instead.
 *
 * Given a function, calls it with the settings (src/settings.ts) read from the
 * environment: an invalid value is printed for the admin (exit code 2), never
 * a stack trace, and nothing is synthesized.
 */
export function runStacks(stacks: readonly StackConfig[] | ((env: Env) => readonly StackConfig[])): void {
  const configs = typeof stacks === 'function' ? configsFrom(stacks) : stacks;
  if (!configs) return;
  if (process.env.CONNECT_USERS_DESCRIBE === '1') {
    process.stdout.write(`${JSON.stringify(describeStacks(configs))}\n`);
    return;
  }
  // A require, not an import: esbuild then loads the synth code (and cdktf) only here.
  (require('./synth/app') as typeof import('./synth/app')).synthStacks(configs);
}

/** The configs, or undefined (exit code 2, every problem printed) when a setting is invalid. */
function configsFrom(stacks: (env: Env) => readonly StackConfig[]): readonly StackConfig[] | undefined {
  const problems: Problem[] = [];
  let configs: readonly StackConfig[] | undefined;
  try {
    configs = stacks(envSettings(process.env, problems));
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length === 0) return configs;
  const synth = process.env.CONNECT_USERS_DESCRIBE === '1' ? '' : '; nothing was synthesized';
  process.stderr.write(`connect-users: ${problems.length} problem(s) in the settings${synth}.\n`);
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.exitCode = 2;
  return undefined;
}

/** What the CLI needs of each stack: its id, users folder (relative to the working folder), rules and instance. */
export function describeStacks(configs: readonly StackConfig[]): StackDescription[] {
  return configs.map((c) => ({
    id: c.id,
    usersDir: shortPath(c.usersDir ?? 'users'),
    identityManagementType: c.identityManagementType ?? 'CONNECT_MANAGED',
    allowPlaintextPasswords: c.allowPlaintextPasswords ?? false,
    instance: instanceOf(c),
    instanceId: c.instanceId,
    instanceAlias: c.instanceAlias,
    region: c.region,
    defaultTags: c.defaultTags,
    defaultPassword: c.defaultPassword,
    generatedPasswordTier: c.generatedPasswordTier,
  }));
}

/** A folder relative to the working folder, as files are named in messages; absolute when outside it. */
function shortPath(dir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(dir));
  if (relative === '') return '.';
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? path.resolve(dir) : relative;
}
