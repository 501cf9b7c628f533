import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../helpers';

const pkg = require.resolve('cdktf-cli/package.json', { paths: [ROOT] });
const BIN = path.join(path.dirname(pkg), require(pkg).bin.cdktf);

/**
 * Runs scripts/cdktf.js with cdktf-cli's bin replaced by an empty module (in
 * require's cache), and returns what cdktf would have seen as it loaded.
 */
function wrapper(env: Record<string, string | undefined>) {
  const script = [
    "const Module = require('node:module');",
    `const fake = new Module(${JSON.stringify(BIN)}); fake.loaded = true; require.cache[${JSON.stringify(BIN)}] = fake;`,
    "require('./scripts/cdktf.js');",
    'console.log(JSON.stringify({ argv1: process.argv[1], CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE, DISABLE_VERSION_CHECK: process.env.DISABLE_VERSION_CHECK }));',
  ].join('\n');
  const base = { ...process.env };
  delete base.CHECKPOINT_DISABLE;
  delete base.DISABLE_VERSION_CHECK;
  for (const [name, value] of Object.entries(env)) if (value !== undefined) base[name] = value;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: base });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('scripts/cdktf.js (npm run synth, npm run cdktf)', () => {
  it("turns cdktf's telemetry and version check off when they are unset, then runs cdktf's own bin", () => {
    expect(wrapper({})).toStrictEqual({ argv1: BIN, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' });
  });

  it('leaves a value the user set, even an empty one (which turns the call back on)', () => {
    expect(wrapper({ CHECKPOINT_DISABLE: '', DISABLE_VERSION_CHECK: 'true' })).toStrictEqual({ argv1: BIN, CHECKPOINT_DISABLE: '', DISABLE_VERSION_CHECK: 'true' });
  });
});
