/**
 * Without a terraform binary the tier is skipped by name, never passed
 * silently: jest runs one tier file with PATH emptied of terraform, in a
 * child process (about 2 s). Runs whether or not terraform is installed.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT, tempFolder } from '../helpers';
import { findTerraform } from './terraform';
import { SKIPPED } from './tier';

/** PATH without the folders that hold a terraform binary. */
function pathWithoutTerraform(): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && !findTerraform({ PATH: dir }));
  return dirs.join(path.delimiter);
}

/**
 * The environment without what makes a child's output coloured: FORCE_COLOR (set by jest-worker
 * for its workers when jest's stdout is a terminal, read by chalk/supports-color and by Node's own
 * stack traces), and NO_COLOR / NODE_DISABLE_COLORS set so nothing turns colour on by itself.
 */
function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.FORCE_COLOR;
  delete copy.CLICOLOR_FORCE;
  return { ...copy, NO_COLOR: '1', NODE_DISABLE_COLORS: '1' };
}

describe('the tier without terraform on PATH', () => {
  it('reports every test of a tier file as skipped, and says why by name', () => {
    // FORCE_COLOR=1 as jest's workers set it when jest runs in a terminal: the child must not
    // inherit it (its summary would be coloured and the patterns below would miss it), so every
    // run, in a terminal or not, checks that the colour settings are removed.
    const env = withoutColour({ ...process.env, FORCE_COLOR: '1', PATH: pathWithoutTerraform() });
    delete env.REQUIRE_TERRAFORM;
    delete env.JEST_WORKER_ID;
    const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    // A cache of its own: nothing shared with other jest runs on the machine.
    const args = [jest, '--selectProjects', 'terraform', '--ci', '--cacheDirectory', tempFolder(), '--', 'folders.terraform'];
    const run = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    // The status with jest's output, so a failure shows why.
    expect({ status: run.status, signal: run.signal, error: run.error?.message, output: run.status === 0 ? '' : run.stderr }).toStrictEqual({ status: 0, signal: null, error: undefined, output: '' });
    expect(run.stderr).toContain(`real-Terraform tier: "real Terraform: every user reads back as the files say" ${SKIPPED}`);
    expect(run.stderr).toMatch(/^Tests: +7 skipped, 7 total$/m);
    expect(run.stderr).not.toContain('\x1b[');
  }, 60_000);
});
