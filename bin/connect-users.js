#!/usr/bin/env node
// The connect-users CLI, compiled to dist/cli.js (see scripts/build.js).
require('./ensure-built').ensureBuilt();
require('../dist/cli.js').main(process.argv);
