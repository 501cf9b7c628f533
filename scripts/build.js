// Compiles the app (main.ts), the CLI (src/cli.ts) and the TypeScript user-file
// loader (src/load/typescript-child.ts) into dist/ with esbuild: one
// bundled CommonJS file each, node_modules left as require()s. Running plain
// JavaScript saves the ~200 ms that a TypeScript hook costs over the ~400
// modules cdktf loads. dist/inputs.json lists the sources, for the staleness check
// in bin/ensure-built.js. Type checking is `npm run typecheck`, not this.
const { mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

function build() {
  const esbuild = require('esbuild');
  // Build next to dist/ and swap it in with one rename each, so a process
  // starting meanwhile sees either the old build or the new one.
  const tmp = path.join(ROOT, `.dist-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    // typescript-child: the process that loads TypeScript user files (src/load/typescript.ts).
    entryPoints: { main: 'main.ts', cli: 'src/cli.ts', 'typescript-child': 'src/load/typescript-child.ts' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: tmp,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  writeFileSync(path.join(tmp, 'inputs.json'), `${JSON.stringify(inputs.sort(), null, 2)}\n`);
  mkdirSync(DIST, { recursive: true });
  for (const name of ['main.js', 'cli.js', 'typescript-child.js', 'inputs.json']) renameSync(path.join(tmp, name), path.join(DIST, name));
  rmSync(tmp, { recursive: true, force: true });
}

module.exports = { build };
if (require.main === module) build();
