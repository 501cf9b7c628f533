#!/usr/bin/env node
// The cdktf app command (cdktf.json): runs main.ts, compiled to dist/main.js.
const { readdirSync, rmSync } = require('node:fs');
const path = require('node:path');

// A synth that fails (problems in the user files, a build error, a crash) must
// not leave the last run's Terraform looking current: remove what synth writes
// (the manifest, each stack's config, the plan made from it) before anything
// else. A good synth writes them again; the rest of each stack folder
// (.terraform/, the lock file) stays, so `cdktf plan` and `deploy` need no new download.
function removeSynthOutput(outdir) {
  rmSync(path.join(outdir, 'manifest.json'), { force: true });
  let stacks = [];
  try {
    stacks = readdirSync(path.join(outdir, 'stacks'), { withFileTypes: true }).filter((e) => e.isDirectory());
  } catch {
    return; // no output yet
  }
  for (const stack of stacks) {
    for (const file of ['cdk.tf.json', 'cdk.tf', 'metadata.json', 'plan']) rmSync(path.join(outdir, 'stacks', stack.name, file), { force: true });
  }
}

// Listing the stacks (CONNECT_USERS_DESCRIBE=1) writes nothing and removes nothing.
if (process.env.CONNECT_USERS_DESCRIBE !== '1') removeSynthOutput(process.env.CDKTF_OUTDIR || 'cdktf.out'); // never '' (the project folder)
require('./ensure-built').ensureBuilt();
require('../dist/main.js');
