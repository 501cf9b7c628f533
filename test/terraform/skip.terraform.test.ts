/**
 * Without a terraform binary the tier is skipped by name, never passed
 * silently: jest runs one tier file with PATH emptied of terraform, in a
 * child process (about 2 s). Runs whether or not terraform is installed.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { findTerraform } from './terraform';
import { SKIPPED } from './tier';

/** PATH without the folders that hold a terraform binary. */
function pathWithoutTerraform(): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && !findTerraform({ PATH: dir }));
  return dirs.join(path.delimiter);
}

describe('the tier without terraform on PATH', () => {
  it('reports every test of a tier file as skipped, and says why by name', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathWithoutTerraform() };
    delete env.REQUIRE_TERRAFORM;
    delete env.JEST_WORKER_ID;
    const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const run = spawnSync(process.execPath, [jest, '--selectProjects', 'terraform', '--ci', '--', 'folders.terraform'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`real-Terraform tier: "real Terraform: every user reads back as the files say" ${SKIPPED}`);
    expect(run.stderr).toMatch(/Tests: +7 skipped, 7 total/);
  }, 60_000);
});
