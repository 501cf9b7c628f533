#!/usr/bin/env node
// The cdktf app command (cdktf.json): runs main.ts, compiled to dist/main.js.
require('./ensure-built').ensureBuilt();
require('../dist/main.js');
