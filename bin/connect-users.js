#!/usr/bin/env node
// The connect-users CLI, compiled to dist/cli.js (see scripts/build.js).
// A reader that stops early (| head) is not an error.
process.stdout.on('error', (err) => process.exit(err.code === 'EPIPE' ? 0 : 1));
require('./ensure-built').ensureBuilt();
require('../dist/cli.js').main(process.argv);
