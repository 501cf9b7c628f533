#!/usr/bin/env node
// npm run mutation [-- <area> ...] [-- --quick] [-- --force] (or -- --table): runs StrykerJS once per area of stryker/areas.js (every
// area by default) and prints the mutation score per folder, the table the README's
// "Testing" section shows. Reports: reports/mutation/<area>.html and .json; a second run
// tests only the mutants whose code or tests changed (incremental).
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const areas = require('../stryker/areas.js');

const ROOT = path.join(__dirname, '..');
// --table: only print the table from the reports of earlier runs.
// --quick: Stryker's ignoreStatic: mutants of code that runs when a module loads (constants,
// tables) are not tested, because each needs every test of the area; they are counted apart.
const tableOnly = process.argv.includes('--table');
const quick = process.argv.includes('--quick');
// --force: every mutant tested again. Stryker's incremental mode reuses a result while the
// mutant's code and its tests' bodies are unchanged, so a change in a helper the tests call
// (test/helpers.ts, a fixture) can leave a stale result until a forced run.
const force = process.argv.includes('--force');
const chosen = tableOnly ? [] : process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
for (const name of chosen) {
  if (!areas[name]) {
    console.error(`mutation: no area ${JSON.stringify(name)}; the areas are ${Object.keys(areas).join(', ')}`);
    process.exit(2);
  }
}

/** Folder a file's score is reported under: src/<folder>, or the file itself when an area is one file. */
function folderOf(file, area) {
  const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
  if (areas[area].mutate.length === 1 && !areas[area].mutate[0].includes('*')) return rel;
  return rel.split('/').slice(0, 2).join('/');
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Mutation score: detected / (detected + undetected), as Stryker counts it (compile errors and ignored mutants left out). */
function tally(rows, file, mutants) {
  const row = (rows[file] ??= { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, static: 0 });
  for (const m of mutants) {
    if (m.status === 'Killed') row.killed++;
    else if (m.status === 'Timeout') row.timeout++;
    else if (m.status === 'Survived') row.survived++;
    else if (m.status === 'NoCoverage') row.noCoverage++;
    else if (m.status === 'Ignored' && /static/i.test(m.statusReason ?? '')) row.static++;
    else if (m.status === 'Ignored') row.ignored++;
  }
}

const rows = {};
let failed = false;
for (const name of tableOnly ? [] : chosen.length > 0 ? chosen : Object.keys(areas)) {
  const started = Date.now();
  console.error(`mutation: ${name} (${areas[name].mutate.join(' ')})`);
  const run = spawnSync('npx', ['stryker', 'run', ...(quick ? ['--ignoreStatic'] : []), ...(force ? ['--force'] : [])], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: {
    ...process.env,
    CONNECT_USERS_MUTATION_AREA: name,
    // esbuild's buildSync otherwise keeps a worker thread and an `esbuild --service` child per
    // module instance: jest loads esbuild afresh in every test file, and Stryker's long-lived
    // workers piled up dozens of them (review tests build bases), slowing every later mutant.
    ESBUILD_WORKER_THREADS: '0',
  } });
  if (run.status !== 0) {
    console.error(`mutation: Stryker failed for ${name} (exit ${run.status})`);
    failed = true;
    continue;
  }
  console.error(`mutation: ${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
}

// The table covers every area with a report: the ones run now, and the others as their last run left them.
for (const name of Object.keys(areas)) {
  const file = path.join(ROOT, 'reports', 'mutation', `${name.replace(/\//g, '-')}.json`);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const [source, { mutants }] of Object.entries(report.files)) tally(rows, folderOf(source, name), mutants);
}

const pct = (r) => {
  const detected = r.killed + r.timeout;
  const total = detected + r.survived + r.noCoverage;
  return total === 0 ? 'n/a' : `${((100 * detected) / total).toFixed(1)}%`;
};
const lines = ['| code | mutation score | killed | timed out | survived | no coverage | ignored (message text) | static, not run (--quick) |', '|---|---:|---:|---:|---:|---:|---:|---:|'];
for (const [folder, r] of Object.entries(rows).sort(([a], [b]) => (a < b ? -1 : 1))) {
  lines.push(`| \`${folder}\` | ${pct(r)} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.static} |`);
}
const table = `${lines.join('\n')}\n`;
writeFileSync(path.join(ROOT, 'reports', 'mutation', 'summary.md'), table);
process.stdout.write(table);
process.exitCode = failed ? 1 : 0;
