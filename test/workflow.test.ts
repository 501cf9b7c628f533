import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'connect-users.yml'), 'utf8');

describe('the GitHub Actions workflow', () => {
  it('only calls connect-users commands and options that exist', () => {
    const calls = [...workflow.matchAll(/npx connect-users ([a-z-]+)([^\n|>]*)/g)];
    expect(calls.length >= 6).toBeTruthy();
    for (const [, command, rest] of calls) {
      const help = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), command, '--help'], { encoding: 'utf8' });
      expect(help.status).toBe(0) /* `connect-users ${command} --help` */;
      for (const [option] of rest.matchAll(/--[a-z-]+/g)) expect(help.stdout.includes(option)).toBeTruthy() /* `${command} has no ${option}` */;
    }
  });

  it('pins Terraform, plans on pull requests and deploys on main one stack at a time', () => {
    expect(workflow).toMatch(/TERRAFORM_VERSION: "\d+\.\d+\.\d+"/);
    expect(workflow).toMatch(/terraform_version: \$\{\{ env\.TERRAFORM_VERSION \}\}/);
    expect(workflow).toMatch(/npx cdktf plan "\$stack"/);
    expect(workflow).toMatch(/npx cdktf deploy "\$stack" --auto-approve/);
    expect(workflow).toMatch(/group: connect-users-deploy\n\s+cancel-in-progress: false/);
    expect(workflow).toMatch(/role-to-assume: \$\{\{ vars\.CONNECT_USERS_PLAN_ROLE_ARN \}\}/);
    expect(workflow).toMatch(/id-token: write/);
    expect(/secrets\.AWS_(ACCESS|SECRET)/.test(workflow)).toBeFalsy() /* 'no long-lived AWS keys: OIDC only' */;
  });

  it('checks the plan file that cdktf plan writes', () => {
    expect(workflow).toMatch(/terraform -chdir="cdktf\.out\/stacks\/\$stack" show -json plan > "plans\/\$stack\.json"/);
  });
});
