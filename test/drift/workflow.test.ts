import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { driftJson } from '../../src/drift/report';
import { ROOT } from '../helpers';

const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'connect-users-drift.yml'), 'utf8');

describe('the nightly drift workflow', () => {
  it('runs nightly and on demand, with the plan role through OIDC, on Node 22 after npm ci', () => {
    expect(workflow).toMatch(/^on:\n {2}schedule:\n {4}- cron: "\d+ \d+ \* \* \*"\n {2}workflow_dispatch:\n/m);
    expect(workflow).toMatch(/role-to-assume: \$\{\{ vars\.CONNECT_USERS_PLAN_ROLE_ARN \}\}/);
    expect(workflow).toMatch(/id-token: write/);
    expect(workflow).toMatch(/node-version: 22\n/);
    expect(workflow).toMatch(/- run: npm ci\n/);
    expect(/secrets\.AWS_(ACCESS|SECRET)/.test(workflow)).toBe(false);
  });

  it('calls drift with options that exist, and picks the drifted stacks by the JSON field drift writes', () => {
    const [, options] = /npx connect-users drift([^\n>]*)/.exec(workflow)!;
    const help = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), 'drift', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const [option] of options.matchAll(/--[a-z-]+/g)) expect(help.stdout).toContain(option);
    expect(workflow).toMatch(/--format markdown --json-out drift\.json >> "\$GITHUB_STEP_SUMMARY"/);
    expect(workflow).toContain(`jq -r '[.[] | select(.drift) | .stack] | join(" ")' drift.json`);
    expect(Object.keys(driftJson({ stack: 's', instance: 'i', liveUsers: 0, emailsCompared: false, missing: [], changed: [], unchanged: 0, notes: [] })).slice(0, 2)).toStrictEqual(['stack', 'drift']);
  });

  it('passes the ignore list (repository variable CONNECT_USERS_DRIFT_IGNORE) as --ignore-user, only when it is set', () => {
    expect(workflow).toMatch(/\n {10}CONNECT_USERS_DRIFT_IGNORE: \$\{\{ vars\.CONNECT_USERS_DRIFT_IGNORE \}\}\n/);
    expect(workflow).toContain('npx connect-users drift ${CONNECT_USERS_DRIFT_IGNORE:+--ignore-user "$CONNECT_USERS_DRIFT_IGNORE"} --format markdown');
    // What bash makes of it: one --ignore-user with the whole list (commas split it), or nothing.
    const words = (value: string) =>
      spawnSync('bash', ['-c', 'printf "<%s>" drift ${CONNECT_USERS_DRIFT_IGNORE:+--ignore-user "$CONNECT_USERS_DRIFT_IGNORE"} --format'], { encoding: 'utf8', env: { ...process.env, CONNECT_USERS_DRIFT_IGNORE: value } }).stdout;
    expect(words('admin, ops user')).toBe('<drift><--ignore-user><admin, ops user><--format>');
    expect(words('')).toBe('<drift><--format>');
  });

  it('passes the state lock table to main.ts, as the main workflow does', () => {
    expect(workflow).toMatch(/\n {2}CONNECT_STATE_LOCK_TABLE: \$\{\{ vars\.CONNECT_STATE_LOCK_TABLE \}\}\n/);
  });

  it('runs a refresh-only plan of each drifted stack, stack names passed through the environment, not into the script', () => {
    expect(workflow).toMatch(/STACKS: \$\{\{ steps\.drift\.outputs\.stacks \}\}\n\s+run: \|\n\s+npx cdktf synth\n\s+for stack in \$STACKS; do/);
    expect(workflow).toMatch(/terraform -chdir="\$dir" init -input=false/);
    expect(workflow).toMatch(/terraform -chdir="\$dir" plan -refresh-only -input=false -no-color -out=refresh\.tfplan/);
    expect(workflow).toMatch(/dir="cdktf\.out\/stacks\/\$stack"/);
    expect(workflow).toMatch(/terraform_version: \$\{\{ env\.TERRAFORM_VERSION \}\}/);
    expect(workflow).toMatch(/if: steps\.drift\.outputs\.code != '0'\n\s+run: \|\n[^\n]*\n\s+exit 1/);
  });
});
