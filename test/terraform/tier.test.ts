/**
 * The tier's glue (tier.ts, and the pure parts of terraform.ts): when the
 * tier runs, skips or fails, and how Terraform's messages are read. No
 * terraform binary needed: fake ones on a made-up PATH.
 */
import { chmodSync } from 'node:fs';
import * as path from 'node:path';
import { tempFolder } from '../helpers';
import { findTerraform, terraformEnv } from './terraform';
import { diagnostics, once, SKIPPED, tierMode } from './tier';

/** A folder holding a file named terraform, executable or not. */
function binFolder(executable: boolean): string {
  const dir = tempFolder({ terraform: '#!/bin/sh\n' });
  chmodSync(path.join(dir, 'terraform'), executable ? 0o755 : 0o644);
  return dir;
}

describe('when the tier runs', () => {
  const withBinary = binFolder(true);
  const notExecutable = binFolder(false);
  const empty = tempFolder({ 'other-tool': '' });
  const folderNamedTerraform = tempFolder({ 'terraform/x': '' });

  it('finds the first executable terraform on PATH', () => {
    expect(findTerraform({ PATH: [empty, notExecutable, withBinary].join(path.delimiter) })).toBe(path.join(withBinary, 'terraform'));
  });

  it.each([
    ['no PATH', {}],
    ['an empty PATH', { PATH: '' }],
    ['no terraform on PATH', { PATH: empty }],
    ['a terraform that is not executable', { PATH: notExecutable }],
    ['a folder named terraform', { PATH: folderNamedTerraform }],
  ])('skips with %s', (_name, env) => {
    expect(findTerraform(env)).toBe(undefined);
    expect(tierMode(env)).toBe('skip');
  });

  it('runs when terraform is on PATH, required or not', () => {
    expect(tierMode({ PATH: withBinary })).toBe('run');
    expect(tierMode({ PATH: withBinary, REQUIRE_TERRAFORM: '1' })).toBe('run');
  });

  it('fails instead of skipping when REQUIRE_TERRAFORM=1 (CI)', () => {
    expect(tierMode({ PATH: empty, REQUIRE_TERRAFORM: '1' })).toBe('fail');
    expect(tierMode({ PATH: empty, REQUIRE_TERRAFORM: '0' })).toBe('skip');
  });

  it('names the skip in the test titles', () => {
    expect(SKIPPED).toBe('skipped: no terraform binary on PATH');
  });
});

describe('terraformEnv', () => {
  it('drops every inherited TF_* variable, and runs without CLI configuration or update check', () => {
    const env = terraformEnv({ PATH: '/bin', TF_CLI_CONFIG_FILE: '/root/.terraformrc', TF_LOG: 'TRACE', TF_VAR_x: '1', HOME: '/root' });
    expect(env).toStrictEqual({ PATH: '/bin', HOME: '/root', TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' });
  });
});

describe('once', () => {
  it('runs the computation once, for the first caller, and shares its result', async () => {
    let calls = 0;
    const get = once(async () => ++calls);
    expect(calls).toBe(0);
    expect(await Promise.all([get(), get()])).toStrictEqual([1, 1]);
    expect(calls).toBe(1);
  });
});

describe("diagnostics: Terraform's human output, read", () => {
  const stderr = [
    '',
    'Error: Invalid index',
    '',
    '  with terraform_data.aws_connect_user__users["rita.costa"],',
    '  on main.tf.json line 418, in resource.terraform_data.aws_connect_user__users.input:',
    ' 418:      "routing_profile_id": "${local.x[each.value.routing_profile].routing_profile_id}",',
    '    ├────────────────',
    '    │ each.value.routing_profile is "Supervisors"',
    '    │ local.x is object with 3 attributes',
    '',
    'The given key does not identify an element in this',
    'collection value.',
    '',
    'Warning: Something odd',
    '',
    'No location here.',
    '',
  ].join('\n');

  it('gives severity, summary, instance, location, values and the detail on one line', () => {
    expect(diagnostics(stderr)).toStrictEqual([
      {
        severity: 'Error',
        summary: 'Invalid index',
        instance: 'terraform_data.aws_connect_user__users["rita.costa"]',
        where: 'main.tf.json line 418, in resource.terraform_data.aws_connect_user__users.input',
        values: ['each.value.routing_profile is "Supervisors"', 'local.x is object with 3 attributes'],
        detail: 'The given key does not identify an element in this collection value.',
      },
      { severity: 'Warning', summary: 'Something odd', instance: '', where: '', values: [], detail: 'No location here.' },
    ]);
  });

  it('finds nothing in output without diagnostics', () => {
    expect(diagnostics('Plan: 3 to add, 0 to change, 0 to destroy.\n')).toStrictEqual([]);
  });
});
