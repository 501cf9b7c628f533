/**
 * What main.ts calls. Kept free of cdktf: with CONNECT_USERS_DESCRIBE=1 the app
 * only lists its stacks (`connect-users validate`, `affected`), which must not
 * cost loading cdktf and the provider (~400 modules); synthesizing loads them.
 * Both ends of that exchange are here: `describeStacks` (the app's answer) and
 * `appStacks` (asking the app, for the CLI and scripts/typecheck.js).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatProblem, type Problem } from './problems';
import type { DescribedStack } from './review/affected';
import { envSettings, secondsToMs, SettingsError, type Env } from './settings';
import type { StackConfig } from './synth/app';
import { instanceOf } from './validate/across-stacks';
import { isDefaultPasswordSource } from './validate/stack-props';

export type { StackConfig } from './synth/app';
export { removalGuard, stateBackend, type Env } from './settings';

/**
 * A stack as the app describes it to the CLI (JSON): its props as main.ts gives them, so that
 * `validate` runs the checks synth runs (src/validate/stack-props.ts, the generated-password
 * warning, tags with the defaults) and `drift` finds the instance. Only props that hold no
 * secret: a `defaultPassword` that is not a password source is replaced by a placeholder.
 */
export interface StackDescription extends DescribedStack {
  /** The instance id, or `alias:<alias>`: stacks on one instance must not share a username. */
  readonly instance: string;
  readonly instanceId?: string;
  readonly instanceAlias?: string;
  readonly region?: string;
  readonly defaultTags?: Record<string, string>;
  readonly defaultPassword?: string;
  readonly generatedPasswordPrefix?: string;
  readonly generatedPasswordTier?: StackConfig['generatedPasswordTier'];
  /** The state bucket only (the rest of the backend is not checked). */
  readonly backend?: { readonly bucket: string };
  /** The time limit for loading each TypeScript user file, from `CONNECT_USERS_TS_TIMEOUT_SECONDS` unless main.ts sets it. */
  readonly tsTimeoutMs?: number;
}

/** What the description says instead of a `defaultPassword` that is not a password source (maybe a password). */
export const HIDDEN_DEFAULT_PASSWORD = '(not a password source: not shown)';

/**
 * Synthesizes one ConnectUsersStack per config; with CONNECT_USERS_DESCRIBE=1
 * prints the stacks (id, users folder, ...) as JSON instead.
 *
 * Given a function, calls it with the settings (src/settings.ts) read from the
 * environment: an invalid value is printed for the admin (exit code 2), never
 * a stack trace, and nothing is synthesized. `CONNECT_USERS_TS_TIMEOUT_SECONDS`
 * is read for every app (any stack may have TypeScript user files): it is each
 * stack's `tsTimeoutMs` unless the config sets one.
 */
export function runStacks(stacks: readonly StackConfig[] | ((env: Env) => readonly StackConfig[])): void {
  const configs = configsFrom(stacks);
  if (!configs) return;
  if (describing()) {
    process.stdout.write(`${JSON.stringify(describeStacks(configs))}\n`);
    return;
  }
  // A require, not an import: esbuild then loads the synth code (and cdktf) only here.
  (require('./synth/app') as typeof import('./synth/app')).synthStacks(configs);
}

/** Whether the app is only asked for its stacks (appStacks sets CONNECT_USERS_DESCRIBE=1), not to synthesize. */
function describing(): boolean {
  return process.env.CONNECT_USERS_DESCRIBE === '1';
}

/** The configs, or undefined (exit code 2, every problem printed) when a setting is invalid. */
function configsFrom(stacks: readonly StackConfig[] | ((env: Env) => readonly StackConfig[])): readonly StackConfig[] | undefined {
  const problems: Problem[] = [];
  const env = envSettings(process.env, problems);
  let configs: readonly StackConfig[] = [];
  try {
    configs = typeof stacks === 'function' ? stacks(env) : stacks;
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    problems.push(...err.problems);
  }
  const tsTimeoutMs = secondsToMs(env.CONNECT_USERS_TS_TIMEOUT_SECONDS);
  if (problems.length === 0) return configs.map((c) => (c.tsTimeoutMs === undefined ? { ...c, tsTimeoutMs } : c));
  process.stderr.write(`connect-users: ${problems.length} problem(s) in the settings${describing() ? '' : '; nothing was synthesized'}.\n`);
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  // Asked by the CLI (appStacks): the problems as data too, so that it says them itself without parsing this text.
  if (describing()) process.stdout.write(`${JSON.stringify({ settingsProblems: problems })}\n`);
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
    defaultPassword: c.defaultPassword === undefined || isDefaultPasswordSource(String(c.defaultPassword)) ? c.defaultPassword : HIDDEN_DEFAULT_PASSWORD,
    generatedPasswordPrefix: c.generatedPasswordPrefix,
    generatedPasswordTier: c.generatedPasswordTier,
    backend: c.backend && { bucket: c.backend.bucket },
    tsTimeoutMs: c.tsTimeoutMs,
  }));
}

/**
 * Asks the app in `cwd` (cdktf.json's command) for its stacks, without synthesizing: runs it with
 * CONNECT_USERS_DESCRIBE=1 and reads the JSON line it prints last. Throws a SettingsError with the
 * problems when main.ts stopped on invalid settings, and an Error saying why when the app fails
 * otherwise (its stderr: a broken main.ts) or prints no list.
 */
export function appStacks(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): StackDescription[] {
  const cwd = options.cwd ?? process.cwd();
  const app = (JSON.parse(readFileSync(path.join(cwd, 'cdktf.json'), 'utf8')) as { app: string }).app.split(' ');
  const run = spawnSync(app[0] === 'node' ? process.execPath : app[0], app.slice(1), {
    cwd,
    encoding: 'utf8',
    env: { ...(options.env ?? process.env), CONNECT_USERS_DESCRIBE: '1' },
  });
  const answer = lastJsonLine(run.stdout ?? '');
  if (run.status !== 0) {
    const settings = settingsProblems(answer);
    if (settings) throw new SettingsError(settings);
    throw new Error(`the app (${app.join(' ')}) could not list its stacks:\n${(run.stderr || String(run.error ?? `exit code ${run.status}`)).trim()}`);
  }
  if (!Array.isArray(answer)) throw new Error(`the app (${app.join(' ')}) printed no list of stacks`);
  return answer as StackDescription[];
}

/** The last line of the app's output as JSON, or undefined when it is not JSON. */
function lastJsonLine(stdout: string): unknown {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

/** The problems of `{"settingsProblems": [...]}` (what runStacks prints on invalid settings), or undefined for any other answer. */
function settingsProblems(answer: unknown): Problem[] | undefined {
  const problems = (answer as { settingsProblems?: unknown } | undefined)?.settingsProblems;
  if (!Array.isArray(problems) || problems.length === 0) return undefined;
  const isProblem = (p: unknown) => typeof (p as Problem)?.code === 'string' && typeof (p as Problem).message === 'string' && typeof (p as Problem).file === 'string';
  return problems.every(isProblem) ? (problems as Problem[]) : undefined;
}

/** A folder relative to the working folder, as files are named in messages; absolute when outside it. */
function shortPath(dir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(dir));
  if (relative === '') return '.';
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? path.resolve(dir) : relative;
}
