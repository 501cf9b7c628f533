/**
 * Runs the real terraform binary on a (stand-in) configuration in a folder of
 * its own: init, validate, plan, apply, a second plan that must show no
 * changes, and `output -json`. Offline: no provider is ever needed, since
 * terraform_data is built into Terraform.
 *
 * Async (child processes), so a test file can run several folders at once; a
 * small pool (TERRAFORM_JOBS, default 2: one per core) keeps them from
 * crowding the machine. Every run gets a clean environment: no CLI
 * configuration file, no update check, no inherited TF_* variable.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface RunOptions {
  /** The working folder (it must be empty or hold a previous run's files). Default: a new temp folder. */
  dir?: string;
  /** Remove the folder afterwards. Default: true for a temp folder when the run succeeded (a failed one is kept for a look). */
  cleanup?: boolean;
  /** `terraform init` first. Default: when the configuration has a backend block (plan needs init then). */
  init?: boolean;
  /** `terraform validate` (plan validates too, so it only adds time). Default: true. */
  validate?: boolean;
  /** Refresh during the second plan (it reads nothing but the state here). Default: false, which is faster. */
  refresh?: boolean;
  /** `-parallelism`: Terraform's graph walk concurrency. Default: Terraform's own (10). */
  parallelism?: number;
  /** `terraform show -json` of the first plan, parsed, into `plan.json` (and its changes into `plan.changes`). Default: false. */
  showPlan?: boolean;
  /** Stop after the first plan (e.g. to test a failure, or to read a large plan back). Default: false. */
  planOnly?: boolean;
  /** The terraform binary. Default: `terraform` on PATH. */
  terraform?: string;
  /** Also measure each command's CPU time (user + system, through /usr/bin/time) into `cpu`. Default: false. */
  measureCpu?: boolean;
}

export interface PlannedChange {
  address: string;
  actions: string[];
  /** The import id when the change imports the instance. */
  importing?: string;
}

export interface RunResult {
  dir: string;
  /** Output name -> value (`terraform output -json`; sensitive values included). */
  outputs: Record<string, unknown>;
  /** Milliseconds per command, in order: init, validate, plan, show, apply, plan2, output. */
  timings: Record<string, number>;
  /** With measureCpu: CPU milliseconds (user + system) per command; wall time misleads on a busy machine. */
  cpu: Record<string, number>;
  /** The first plan: 0 no changes, 2 changes (`-detailed-exitcode`), its text; with showPlan its JSON and changes. */
  plan: { exitCode: number; text: string; json?: any; changes?: PlannedChange[] };
}

/** A terraform command that failed (or a second plan that still had changes), with Terraform's own message. */
export class TerraformError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`terraform ${command} exited with ${exitCode}:\n${stderr || stdout}`);
  }
}

/**
 * The terraform binary on `env.PATH`, or undefined. The tier is skipped (by
 * name) when there is none; CI sets REQUIRE_TERRAFORM=1 so that it fails instead.
 */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, 'terraform');
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there, or not executable: keep looking
    }
  }
  return undefined;
}

/** The environment terraform runs with: no CLI configuration, no update check, no inherited TF_* settings. */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('TF_')) out[k] = v;
  return { ...out, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
}

// ---------------------------------------------------------------------------
// A pool: at most TERRAFORM_JOBS runs at a time in this process.

const JOBS = Math.max(1, Number(process.env.TERRAFORM_JOBS) || 2);
let running = 0;
const waiting: (() => void)[] = [];

async function inPool<T>(body: () => Promise<T>): Promise<T> {
  if (running >= JOBS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await body();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

// ---------------------------------------------------------------------------

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function terraform(bin: string, dir: string, args: string[], cpuFile?: string): Promise<Ran> {
  const started = performance.now();
  const [command, commandArgs] = cpuFile ? ['/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: dir, env: terraformEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started }),
    );
  });
}

/**
 * Writes `config` as main.tf.json into a folder and runs Terraform on it.
 * Throws TerraformError at the first command that fails, or when the second
 * plan is not empty.
 */
export function runTerraform(config: object, options: RunOptions = {}): Promise<RunResult> {
  return inPool(() => run(config, options));
}

async function run(config: object, options: RunOptions): Promise<RunResult> {
  const temp = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'standin-'));
  const bin = options.terraform ?? 'terraform';
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 1));

  const step = async (name: string, args: string[], ok: number[] = [0]): Promise<Ran> => {
    const cpuFile = options.measureCpu ? path.join(dir, `.cpu-${name}`) : undefined;
    const r = await terraform(bin, dir, [...args, '-no-color'], cpuFile);
    timings[name] = Math.round(r.ms);
    if (cpuFile) {
      const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
      cpu[name] = Math.round((user + system) * 1000);
    }
    if (r.code === null || !ok.includes(r.code)) throw new TerraformError(args.join(' '), r.code, r.stdout, r.stderr);
    return r;
  };
  const walk = options.parallelism === undefined ? [] : [`-parallelism=${options.parallelism}`];

  let succeeded = false;
  try {
    const hasBackend = (config as { terraform?: { backend?: unknown } }).terraform?.backend !== undefined;
    if (options.init ?? hasBackend) await step('init', ['init', '-input=false']);
    if (options.validate ?? true) await step('validate', ['validate']);
    const first = await step('plan', ['plan', '-input=false', '-detailed-exitcode', '-out=tfplan', ...walk], [0, 2]);
    const plan: RunResult['plan'] = { exitCode: first.code!, text: first.stdout };
    if (options.showPlan) {
      plan.json = JSON.parse((await step('show', ['show', '-json', 'tfplan'])).stdout);
      plan.changes = changesOf(plan.json);
    }
    let outputs: Record<string, unknown> = {};
    if (!options.planOnly) {
      await step('apply', ['apply', '-input=false', '-auto-approve', ...walk, 'tfplan']);
      const refresh = `-refresh=${options.refresh ?? false}`;
      const second = await step('plan2', ['plan', '-input=false', '-detailed-exitcode', refresh, ...walk], [0, 2]);
      if (second.code !== 0) throw new TerraformError('plan (the second, expected to show no changes)', second.code, second.stdout, second.stderr);
      const raw = JSON.parse((await step('output', ['output', '-json'])).stdout) as Record<string, { value: unknown }>;
      outputs = Object.fromEntries(Object.entries(raw).map(([k, o]) => [k, o.value]));
    }
    succeeded = true;
    return { dir, outputs, timings, cpu, plan };
  } finally {
    // A failed run's folder is kept for a look, unless asked otherwise.
    if (options.cleanup ?? (temp && succeeded)) rmSync(dir, { recursive: true, force: true });
  }
}

/** The resource changes of `terraform show -json` on a plan file, without no-ops. */
function changesOf(plan: { resource_changes?: any[] }): PlannedChange[] {
  return (plan.resource_changes ?? [])
    .filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === 'no-op' && !c.change.importing))
    .map((c) => ({ address: c.address, actions: c.change.actions, ...(c.change.importing ? { importing: c.change.importing.id } : {}) }));
}

/** Runs a configuration expected to fail by the first plan (no validate, no apply); returns Terraform's message (stderr). */
export async function planError(config: object): Promise<string> {
  try {
    await runTerraform(config, { validate: false, planOnly: true, cleanup: true });
  } catch (err) {
    if (err instanceof TerraformError) return err.stderr;
    throw err;
  }
  throw new Error('expected the plan to fail, and it succeeded');
}
