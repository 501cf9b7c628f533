// Makes sure dist/ is built from the current sources: rebuilds (~0.1 s) when
// any source listed in dist/inputs.json, or a new file under src/, is newer than
// the build. Lets admins edit main.ts and run `cdktf synth` with no build step.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // a source that vanished: rebuild
  }
}

function newestUnder(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(p) : mtime(p));
  }
  return newest;
}

function isStale() {
  const built = Math.min(...['main.js', 'cli.js', 'typescript-child.js'].map((f) => mtime(path.join(ROOT, 'dist', f))));
  if (built === Infinity) return true;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  const newest = Math.max(newestUnder(path.join(ROOT, 'src')), ...inputs.map((f) => mtime(path.join(ROOT, f))));
  return newest > built;
}

function ensureBuilt() {
  if (isStale()) require('../scripts/build.js').build();
}

module.exports = { ensureBuilt };
