/**
 * `npm run bench`: synthesis at 1k / 10k / 100k users, end to end in fresh
 * processes, against a csv-parse + JSON.stringify baseline run side by side;
 * then the Connect API calls of export, drift and plans (bench/api-calls.ts).
 * Writes BENCHMARKS.md. Options: --sizes 1000,10000 --runs 3 --no-write
 * --api-only (only the API calls: replaces that section of BENCHMARKS.md)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiCalls } from './api-calls';
import { writeUsersFolder } from './generate';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out');
const PEAK = path.join(ROOT, 'bench', 'peak.js');

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const SIZES = option('sizes', '1000,10000,100000').split(',').map(Number);
const RUNS = Number(option('runs', '3'));
const WRITE = !args.includes('--no-write');
const API_ONLY = args.includes('--api-only');
const BENCHMARKS = path.join(ROOT, 'BENCHMARKS.md');

interface Measure {
  wallMs: number;
  peakMb: number;
  phases?: Record<string, number>;
}

/** Runs a command `RUNS` times after one warm-up; the run with the median wall time. */
function measure(label: string, argv: string[], env: Record<string, string> = {}): Measure {
  const runs: Measure[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', PEAK, ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, ...env },
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${label} failed (${r.status}):\n${r.stderr.slice(0, 2000)}`);
    const peak = /BENCH_PEAK_RSS_KB (\d+)/.exec(r.stderr);
    const timings = /CONNECT_USERS_TIMINGS (\{.*\})/.exec(r.stderr);
    if (i > 0) runs.push({ wallMs, peakMb: Number(peak?.[1] ?? 0) / 1024, phases: timings ? JSON.parse(timings[1]) : undefined });
  }
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(runs.length / 2)];
  process.stderr.write(`${label}: ${median.wallMs.toFixed(0)} ms, ${median.peakMb.toFixed(0)} MB\n`);
  return median;
}

/** The synthesis benchmark, as the top of BENCHMARKS.md. */
function synthReport(): string {
  const appCommand = (JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string).split(' ');
  if (appCommand[0] !== 'node') throw new Error(`cdktf.json's app must start with node, got ${appCommand.join(' ')}`);

  interface Row {
    size: number;
    app: Measure;
    baseline: Measure;
    validate: Measure;
    mixed: Measure;
  }

  const rows: Row[] = [];
  for (const size of SIZES) {
    const dir = path.join(OUT, `users-${size}`);
    const mixedDir = path.join(OUT, `users-${size}-ts`);
    writeUsersFolder(dir, size);
    writeUsersFolder(mixedDir, size, 0.1);
    const env = { CONNECT_USERS_TIMINGS: '1', CDKTF_OUTDIR: path.join(OUT, `cdktf-${size}`) };
    rows.push({
      size,
      app: measure(`app ${size}`, appCommand.slice(1), { ...env, CONNECT_USERS_DIR: dir }),
      baseline: measure(`baseline ${size}`, [path.join(ROOT, 'bench', 'baseline.js'), dir, path.join(OUT, `baseline-${size}.json`)]),
      validate: measure(`validate ${size}`, [path.join(ROOT, 'bin', 'connect-users.js'), 'validate', '--dir', dir], env),
      mixed: measure(`app ${size} (10% TS)`, appCommand.slice(1), { ...env, CONNECT_USERS_DIR: mixedDir }),
    });
  }

  // The app's start-up before any user is read: its `modules` phase on the smallest folder.
  const startupMs = rows[0]?.app.phases?.modules ?? NaN;

  const ms = (m: Measure) => `${m.wallMs.toFixed(0)} ms`;
  const mb = (m: Measure) => `${m.peakMb.toFixed(0)} MB`;
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push('Written by `npm run bench` (`bench/run.ts`); numbers are the median of ' + `${RUNS} runs after a warm-up, each a fresh process.`);
  lines.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}.`, '');
  lines.push('- **app**: the real app command from `cdktf.json` (`' + appCommand.join(' ') + '`), as `cdktf synth` runs it, on console-template CSV files.');
  lines.push('- **baseline**: `bench/baseline.js`, csv-parse on the same files and `JSON.stringify` of the equivalent Terraform JSON; no validation, no cdktf.');
  lines.push('- **validate**: `connect-users validate` on the same folder. **10% TS**: the app on a folder where a tenth of the users come from one TypeScript file of presets.', '');
  lines.push('| users | app | baseline | app / baseline | app peak memory | baseline peak | validate | validate peak | app, 10% TS |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    lines.push(`| ${r.size.toLocaleString('en')} | ${ms(r.app)} | ${ms(r.baseline)} | ${(r.app.wallMs / r.baseline.wallMs).toFixed(2)}× | ${mb(r.app)} | ${mb(r.baseline)} | ${ms(r.validate)} | ${mb(r.validate)} | ${ms(r.mixed)} |`);
  }
  const at = (n: number) => rows.find((r) => r.size === n);
  const r10 = at(10_000);
  const r100 = at(100_000);
  lines.push('', `Loading the app before any user is read (Node, cdktf, the provider classes, our code): ${startupMs.toFixed(0)} ms.`, '');
  lines.push('## Where the time goes', '', 'From `CONNECT_USERS_TIMINGS=1` (ms). *modules*: process start to the first user read (Node, cdktf, provider classes, our code); *load*: reading and parsing the files; *validate*: the rules; *construct*: the cdktf tree; *resolve*: cdktf resolving its tree plus adding the users; *write*: serializing and writing `cdk.tf.json` and the manifest.', '');
  lines.push('| users | command | modules | load | validate | construct | resolve | write | total |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    for (const [name, m] of [['app', r.app], ['validate', r.validate]] as const) {
      const p = m.phases ?? {};
      const construct = p.stack !== undefined ? p.stack - (p.load ?? 0) - (p.validate ?? 0) : undefined;
      const write = p.synth !== undefined ? p.synth - (p.resolve ?? 0) : undefined;
      const cell = (v: number | undefined) => (v === undefined ? '–' : String(Math.round(v)));
      lines.push(`| ${r.size.toLocaleString('en')} | ${name} | ${cell(p.modules)} | ${cell(p.load)} | ${cell(p.validate)} | ${cell(construct)} | ${cell(p.resolve)} | ${cell(write)} | ${cell(p.total)} |`);
    }
  }
  lines.push('', '## Targets', '');
  const check = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**missed**');
  lines.push(`- 10k users within 3× of the baseline: ${r10 ? `${(r10.app.wallMs / r10.baseline.wallMs).toFixed(2)}×, ` : ''}${check(r10 && r10.app.wallMs <= 3 * r10.baseline.wallMs)}`);
  lines.push(`- 10k users under 200 MB peak: ${r10 ? `${mb(r10.app)}, ` : ''}${check(r10 && r10.app.peakMb < 200)}`);
  lines.push(`- 100k users under 1 GB peak: ${r100 ? `${mb(r100.app)}, ` : ''}${check(r100 && r100.app.peakMb < 1024)}`);
  lines.push(`- 100k/10k time ratio at most 12: ${r10 && r100 ? `${(r100.app.wallMs / r10.app.wallMs).toFixed(1)}, ` : ''}${check(r10 && r100 && r100.app.wallMs / r10.app.wallMs <= 12)}`);
  lines.push(`- app load under 0.5 s: ${startupMs.toFixed(0)} ms, ${check(startupMs < 500)}`);
  return lines.join('\n') + '\n';
}

/** BENCHMARKS.md with its "## API calls" section replaced (or added before the notes). */
function withApiSection(current: string, section: string): string {
  const at = current.indexOf('\n## API calls\n');
  if (at >= 0) {
    const next = current.slice(at + 1).search(/\n## /);
    return current.slice(0, at + 1) + section + (next >= 0 ? current.slice(at + 1 + next) : '');
  }
  const notes = current.indexOf('\n## What dominates');
  return notes >= 0 ? `${current.slice(0, notes + 1)}${section}${current.slice(notes)}` : `${current}\n${section}`;
}

/** The section `npm run test:terraform-large` (bench/terraform-large.ts) writes, kept as it is; '' if none. */
function terraformSection(current: string): string {
  const at = current.indexOf('\n## Real Terraform, large folder\n');
  if (at < 0) return '';
  const next = current.slice(at + 1).search(/\n## /);
  return `\n${next >= 0 ? current.slice(at + 1, at + 1 + next + 1) : current.slice(at + 1)}`;
}

async function main(): Promise<void> {
  const api = await apiCalls(undefined, undefined, (s) => process.stderr.write(s));
  if (API_ONLY) {
    process.stdout.write(api.markdown);
    if (WRITE) writeFileSync(BENCHMARKS, withApiSection(readFileSync(BENCHMARKS, 'utf8'), api.markdown));
    return;
  }
  const report = `${synthReport()}\n${api.markdown}`;
  process.stdout.write(report);
  if (WRITE) {
    const notesPath = path.join(ROOT, 'bench', 'NOTES.md');
    let notes = '';
    try {
      notes = `\n${readFileSync(notesPath, 'utf8')}`;
    } catch {
      /* no notes */
    }
    writeFileSync(BENCHMARKS, report + terraformSection(readFileSync(BENCHMARKS, 'utf8')) + notes);
  }
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
