#!/usr/bin/env node
// Runs this project's cdktf CLI (`npm run synth`, `npm run cdktf -- plan <stack>`)
// without its two calls home, which offline print errors that are none of the
// user's: the telemetry sent after every synth (a red "[ERROR] ... getaddrinfo
// ENOTFOUND checkpoint-api.hashicorp.com"; CHECKPOINT_DISABLE also stops
// Terraform's own update check) and, in a terminal, `npm view cdktf-cli version`
// (an npm error block, and about 70 s of retries). cdktf reads both switches from
// the environment only, as it loads: so they are set here, before it loads, and
// only when unset (set one to an empty value to turn that call back on).
for (const name of ['CHECKPOINT_DISABLE', 'DISABLE_VERSION_CHECK']) process.env[name] ??= '1';
const pkg = require.resolve('cdktf-cli/package.json');
process.argv[1] = require('node:path').join(pkg, '..', require(pkg).bin.cdktf); // its bin; help then says "cdktf"
require(process.argv[1]);
