import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers';

const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'connect-users.yml'), 'utf8');

describe('the GitHub Actions workflow', () => {
  it('only calls connect-users commands and options that exist', () => {
    const calls = [...workflow.matchAll(/npx connect-users ([a-z-]+)([^\n|>]*)/g)];
    assert.ok(calls.length >= 6);
    for (const [, command, rest] of calls) {
      const help = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), command, '--help'], { encoding: 'utf8' });
      assert.equal(help.status, 0, `connect-users ${command} --help`);
      for (const [option] of rest.matchAll(/--[a-z-]+/g)) assert.ok(help.stdout.includes(option), `${command} has no ${option}`);
    }
  });

  it('pins Terraform, plans on pull requests and deploys on main one stack at a time', () => {
    assert.match(workflow, /TERRAFORM_VERSION: "\d+\.\d+\.\d+"/);
    assert.match(workflow, /terraform_version: \$\{\{ env\.TERRAFORM_VERSION \}\}/);
    assert.match(workflow, /npx cdktf plan "\$stack"/);
    assert.match(workflow, /npx cdktf deploy "\$stack" --auto-approve/);
    assert.match(workflow, /group: connect-users-deploy\n\s+cancel-in-progress: false/);
    assert.match(workflow, /role-to-assume: \$\{\{ vars\.CONNECT_USERS_PLAN_ROLE_ARN \}\}/);
    assert.match(workflow, /id-token: write/);
    assert.ok(!/secrets\.AWS_(ACCESS|SECRET)/.test(workflow), 'no long-lived AWS keys: OIDC only');
  });

  it('checks the plan file that cdktf plan writes', () => {
    assert.match(workflow, /terraform -chdir="cdktf\.out\/stacks\/\$stack" show -json plan > "plans\/\$stack\.json"/);
  });
});
