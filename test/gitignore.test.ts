/**
 * .gitignore keeps out of git what holds secrets: Terraform state, plans (binary and their
 * `show -json`, which hold generated initial passwords in clear) and the reports folder of the
 * workflow. Checked by git itself, in a temp repository holding only the project's .gitignore.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempFolder } from './helpers';

/** The paths of `paths` that git ignores under the project's .gitignore. */
function ignored(paths: string[]): string[] {
  const dir = tempFolder({ '.gitignore': readFileSync(path.join(ROOT, '.gitignore'), 'utf8') });
  execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'pipe' });
  try {
    const out = execFileSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: dir, input: paths.join('\n') + '\n', encoding: 'utf8' });
    return out.split('\n').filter((line) => line !== '');
  } catch (err: any) {
    if (err.status === 1) return []; // none ignored
    throw err;
  }
}

describe('.gitignore', () => {
  const secrets = [
    'plans/connect-users.json', // README "Plan summary": terraform show -json plan.tfplan > plans/<stack>.json
    'plans/connect-users-dev.json',
    'plan.tfplan',
    'cdktf.out/stacks/connect-users/plan.tfplan',
    'refresh.tfplan',
    'terraform.connect-users.tfstate',
    'terraform.connect-users.tfstate.backup',
    'reports/plan-summary.txt', // the workflow's text reports
    'reports/diff.txt',
  ];
  const kept = ['users/agents.csv', 'users/supervisors.ts', 'users-dev/testers.csv', 'main.ts', 'src/review/plan-summary.ts', 'test/fixtures/plan/plan.json', 'plans.md', 'tfplan.md'];

  it('ignores every plan, state and report file', () => {
    expect(ignored(secrets)).toStrictEqual(secrets);
  });

  it('keeps the user files, the code and the plan fixtures', () => {
    expect(ignored(kept)).toStrictEqual([]);
  });
});
