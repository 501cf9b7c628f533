/**
 * `npm run test:terraform-large`: the real-Terraform check of a large users
 * folder, outside `npm test` (Terraform 1.11's plan is quadratic in the
 * number of instances: minutes at 2,000 users). Generates the folder
 * (test/terraform/generate.ts: every password source, hierarchy paths, desk
 * phones, tags, escapes, an imports file), synthesizes it, stands it in, runs
 * `terraform validate`, `plan` and `show -json`, and compares every user of
 * the plan with the files, field by field (generated passwords are unknown
 * before apply: they are checked to be unknown). Exit code 1 on any mismatch.
 *
 * Options: --users 2000 (the size), --apply (also apply, plan again with no
 * changes, and read the users back with `terraform output`: about 4x longer),
 * --write (put the result into BENCHMARKS.md, section "Real Terraform, large
 * folder").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeUsersFolder } from '../test/terraform/generate';
import { compareUsers, factsOf, plannedInputs, realAttributes, secretStringOf, synthFolder } from '../test/terraform/project';
import { standIn } from '../test/terraform/stand-in';
import { findTerraform, runTerraform, terraformEnv } from '../test/terraform/terraform';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const USERS = Number(option('users', '2000'));
const APPLY = args.includes('--apply');
const WRITE = args.includes('--write');
const BENCHMARKS = path.join(__dirname, '..', 'BENCHMARKS.md');
const SECTION = '## Real Terraform, large folder';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const bin = findTerraform();
  if (!bin) {
    process.stderr.write('terraform-large: no terraform binary on PATH\n');
    process.exitCode = 2;
    return;
  }
  const version = spawnSync(bin, ['version'], { encoding: 'utf8', env: terraformEnv() }).stdout.split('\n')[0];
  const started = performance.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'terraform-large-'));
  try {
    const dir = writeUsersFolder(path.join(work, 'users'), USERS, { plaintext: true });
    const props = { allowPlaintextPasswords: true };
    const facts = factsOf(props);

    let t = performance.now();
    const { config, users } = synthFolder(dir, props);
    const synthMs = performance.now() - t;
    t = performance.now();
    const data = realAttributes(config, users, facts);
    const tf = standIn(config, { data, backend: 'none' });
    const standInMs = performance.now() - t;

    log(`${USERS} users synthesized in ${seconds(synthMs)}, stood in in ${seconds(standInMs)}; running terraform (${APPLY ? 'validate, plan, show, apply, plan, output' : 'validate, plan, show'})...`);
    const result = await runTerraform(tf, { showPlan: true, planOnly: !APPLY, measureCpu: true });

    t = performance.now();
    const secretString = secretStringOf(data, config);
    const planned = plannedInputs(result.plan.json, 'aws_connect_user__users');
    const problems = compareUsers(planned, users, { facts, secretString, when: 'planned' });
    if (APPLY) problems.push(...compareUsers(result.outputs.users as Record<string, any>, users, { facts, secretString }));
    const imported = result.plan.changes!.filter((c) => c.importing).length;
    if (imported !== Math.min(2, USERS)) problems.push(`expected ${Math.min(2, USERS)} imports in the plan, got ${imported}`);
    const compareMs = performance.now() - t;

    const instances = result.plan.changes!.length;
    const cpu = Object.values(result.cpu).reduce((a, b) => a + b, 0);
    const wall = Object.values(result.timings).reduce((a, b) => a + b, 0);
    const report = {
      users: USERS,
      instances,
      mode: APPLY ? 'apply' : 'plan',
      synthMs: Math.round(synthMs),
      standInMs: Math.round(standInMs),
      terraformWallMs: wall,
      terraformCpuMs: cpu,
      wall: result.timings,
      cpu: result.cpu,
      compareMs: Math.round(compareMs),
      totalMs: Math.round(performance.now() - started),
      compared: Object.keys(planned).length,
      mismatches: problems.length,
      load: os.loadavg().map((l) => l.toFixed(1)).join(' '),
      terraform: version,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    for (const p of problems.slice(0, 50)) process.stderr.write(`mismatch: ${p}\n`);
    if (WRITE) writeFileSync(BENCHMARKS, withSection(readFileSync(BENCHMARKS, 'utf8'), markdown(report)));
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

type Report = { users: number; instances: number; mode: string; synthMs: number; standInMs: number; terraformWallMs: number; terraformCpuMs: number; wall: Record<string, number>; cpu: Record<string, number>; compareMs: number; totalMs: number; compared: number; mismatches: number; load: string; terraform: string };

/** The BENCHMARKS.md section for a report. */
function markdown(r: Report): string {
  const steps = Object.keys(r.wall);
  const cells = (f: (s: string) => string) => steps.map(f).join(' | ');
  return [
    SECTION,
    '',
    `Written by \`npm run test:terraform-large\` (\`bench/terraform-large.ts\`), ${r.terraform}, on the machine above (load average at the end: ${r.load}).`,
    `A generated folder of ${r.users.toLocaleString('en')} users (every password source, hierarchy paths, desk phones, tags with \`__proto__\`, \`\${\`, \`%{\`, \`$\${\`, accents, emoji; two imports)`,
    `is synthesized and stood in (test/terraform/), then Terraform runs ${r.mode === 'plan' ? '`validate`, `plan` and `show -json`: every user is read back from the plan' : '`validate`, `plan`, `show -json`, `apply`, a second `plan` (no changes) and `output`: every user is read back from the plan and from the outputs'}`,
    'and compared with the files, field by field. The real-Terraform tier of `npm test` runs the same checks on folders of at most 20 users.',
    'Wall time depends on what else the machine runs; CPU time (user + system of each terraform process) is the stable figure.',
    '',
    `| users | instances | synth | stand-in | ${cells((s) => `terraform ${s}`)} | terraform total | compare | users compared | mismatches |`,
    `|---:|---:|---:|---:|${steps.map(() => '---:|').join('')}---:|---:|---:|---:|`,
    `| ${r.users.toLocaleString('en')} | ${r.instances.toLocaleString('en')} | ${seconds(r.synthMs)} | ${seconds(r.standInMs)} | ${cells((s) => `${seconds(r.wall[s])} (${seconds(r.cpu[s])} CPU)`)} | ${seconds(r.terraformWallMs)} (${seconds(r.terraformCpuMs)} CPU) | ${seconds(r.compareMs)} | ${r.compared.toLocaleString('en')} | ${r.mismatches} |`,
    '',
    "Terraform 1.11's graph walk grows with the square of the instances (a bare `terraform_data` with `for_each` plans 250 instances in 0.7 s of CPU, 1,000 in 6.7 s),",
    'so large folders are checked here, plan only; `--apply` adds apply, the second plan and `output` (about four times the plan\'s time).',
    '',
  ].join('\n');
}

/** BENCHMARKS.md with the section replaced, or added before "What dominates" (the notes). */
function withSection(current: string, section: string): string {
  const at = current.indexOf(`\n${SECTION}\n`);
  if (at >= 0) {
    const next = current.slice(at + 1).search(/\n## /);
    return current.slice(0, at + 1) + section + (next >= 0 ? current.slice(at + 1 + next + 1) : '');
  }
  const notes = current.indexOf('\n## What dominates');
  return notes >= 0 ? `${current.slice(0, notes + 1)}${section}\n${current.slice(notes + 1)}` : `${current}\n${section}`;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
