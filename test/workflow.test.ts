import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { affectedCommand } from '../src/commands/affected';
import { planCheckCommand } from '../src/commands/plan-check';
import { planSummaryCommand } from '../src/commands/plan-summary';
import { checkCommand, diffCommand } from '../src/commands/review';
import { validateCommand } from '../src/commands/validate';
import { codeBlocks, section } from './docs/readme';
import { ROOT } from './helpers';

const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'connect-users.yml'), 'utf8');

/** The workflow's top-level jobs, as text (`  plan:` up to the next job). */
function job(name: string): string {
  const start = workflow.indexOf(`\n  ${name}:\n`);
  expect(start).toBeGreaterThan(0);
  const next = workflow.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
  return next < 0 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

/** Where `pattern` first appears in `text` (fails when it does not). */
function at(text: string, pattern: RegExp): number {
  const i = text.search(pattern);
  expect(i >= 0).toBe(true) /* String(pattern) */;
  return i;
}

/** Every `npx connect-users <command> --option` in `text` is a command with that option (fails otherwise); returns the calls. */
function expectKnownCalls(text: string): string[] {
  const commands: Command[] = [validateCommand(), diffCommand(), checkCommand(), affectedCommand(), planSummaryCommand(), planCheckCommand()];
  const calls = [...text.matchAll(/npx connect-users ([a-z-]+)([^\n|>]*)/g)];
  for (const [, name, rest] of calls) {
    const command = commands.find((c) => c.name() === name);
    expect(command?.name()).toBe(name);
    for (const [option] of rest.matchAll(/--[a-z-]+/g)) expect(command!.options.some((o) => o.long === option)).toBe(true) /* `${name} has no ${option}` */;
  }
  return calls.map((c) => c[1]);
}

describe('the GitHub Actions workflow', () => {
  it('only calls connect-users commands and options that exist', () => {
    const calls = [...workflow.matchAll(/npx connect-users ([a-z-]+)([^\n|>]*)/g)];
    expect(calls.length >= 12).toBe(true);
    expectKnownCalls(workflow);
    // ...and the executable has them all.
    const help = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), '--help'], { encoding: 'utf8' });
    for (const [, name] of calls) expect(help.stdout).toMatch(new RegExp(`\\n {2}${name} `));
  });

  it('pins Terraform, runs on Node 22, authenticates through OIDC, and holds no secret', () => {
    expect(workflow).toMatch(/TERRAFORM_VERSION: "\d+\.\d+\.\d+"/);
    expect(workflow.match(/terraform_version: \$\{\{ env\.TERRAFORM_VERSION \}\}/g)).toHaveLength(2);
    expect(workflow.match(/node-version: (\S+)/g)).toStrictEqual(['node-version: 22', 'node-version: 22']);
    expect(job('plan')).toMatch(/role-to-assume: \$\{\{ vars\.CONNECT_USERS_PLAN_ROLE_ARN \}\}/);
    expect(job('deploy')).toMatch(/role-to-assume: \$\{\{ vars\.CONNECT_USERS_DEPLOY_ROLE_ARN \}\}/);
    expect(workflow).toMatch(/id-token: write/);
    expect(/\$\{\{\s*secrets\./.test(workflow)).toBe(false);
    expect(/AWS_(ACCESS_KEY|SECRET)/.test(workflow)).toBe(false);
  });

  it('PR: plans each affected stack to a file, shows it as JSON, checks it, and summarizes it', () => {
    const plan = job('plan');
    const synth = at(plan, /npx cdktf synth/);
    const init = at(plan, /terraform -chdir="cdktf\.out\/stacks\/\$stack" init -input=false/);
    const planned = at(plan, /terraform -chdir="cdktf\.out\/stacks\/\$stack" plan -input=false [^\n]*-refresh="\$refresh" -out=plan\.tfplan/);
    const shown = at(plan, /terraform -chdir="cdktf\.out\/stacks\/\$stack" show -json plan\.tfplan > "plans\/\$stack\.json"/);
    const checked = at(plan, /npx connect-users plan-check plans\/\*\.json --require-privilege-ack --format markdown > plan-check\.md \|\| status=\$\?/);
    expect(synth < init && init < planned && planned < shown && shown < checked).toBe(true);
    // The check's exit code (3/4) fails the job, after its report reached the summary.
    expect(plan).toMatch(/cat plan-check\.md >> "\$GITHUB_STEP_SUMMARY"\n\s+exit "\$status"/);
    expect(plan).toMatch(/npx connect-users plan-summary plans\/\*\.json --format markdown > plan-summary\.md/);
    expect(plan).not.toMatch(/cdktf (plan|deploy)/);
  });

  it.each([
    ['plan', 'CONNECT_USERS_PLAN_ROLE_ARN'],
    ['deploy', 'CONNECT_USERS_DEPLOY_ROLE_ARN'],
  ])("%s: synth (which runs the TypeScript user files) runs before any AWS credentials, init and plan after", (name, role) => {
    const text = job(name);
    const synth = at(text, /\n {6}- name: Synthesize \(offline, no AWS credentials yet\)\n {8}if: steps\.affected\.outputs\.stacks != ''\n {8}run: \|\n {10}npx cdktf synth\n {10}npx connect-users validate --json > users\.json\n/);
    const credentials = at(text, new RegExp(`uses: aws-actions/configure-aws-credentials@v4\\n[^\\n]*\\n\\s+with:\\n\\s+role-to-assume: \\$\\{\\{ vars\\.${role} \\}\\}`));
    const init = at(text, /terraform -chdir="cdktf\.out\/stacks\/\$stack" init -input=false/);
    expect(synth < credentials && credentials < init).toBe(true);
    // Synthesized once, in that step only; one role per job.
    expect(text.match(/npx cdktf synth/g)).toHaveLength(1);
    expect(text.match(/configure-aws-credentials/g)).toHaveLength(1);
  });

  it('passes the state lock table to main.ts, so CI locks the state as local runs do', () => {
    expect(workflow).toMatch(/\n {2}CONNECT_STATE_LOCK_TABLE: \$\{\{ vars\.CONNECT_STATE_LOCK_TABLE \}\}\n/);
  });

  it('PR: labels acknowledge, for check and plan-check alike', () => {
    expect(job('plan')).toMatch(/CONNECT_USERS_ALLOW_REMOVALS: \$\{\{ contains\(github\.event\.pull_request\.labels\.\*\.name, 'connect-users\/allow-removals'\) && '1000000' \|\| '' \}\}/);
    expect(job('plan')).toMatch(/CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: \$\{\{ contains\(github\.event\.pull_request\.labels\.\*\.name, 'connect-users\/allow-privilege-changes'\) && 'true' \|\| '' \}\}/);
    expect(job('plan')).toMatch(/npx connect-users check --base "\$BASE" --require-privilege-ack/);
  });

  it('deploy: applies exactly the saved plan it checked, never a new one', () => {
    const deploy = job('deploy');
    const planned = at(deploy, /terraform -chdir="cdktf\.out\/stacks\/\$stack" plan -input=false [^\n]*-refresh="\$refresh" -out=plan\.tfplan/);
    const shown = at(deploy, /show -json plan\.tfplan > "plans\/\$stack\.json"/);
    const checked = at(deploy, /npx connect-users plan-check "plans\/\$stack\.json" --require-privilege-ack/);
    const applied = at(deploy, /terraform -chdir="cdktf\.out\/stacks\/\$stack" apply -input=false -lock-timeout=5m plan\.tfplan\n/);
    expect(planned < shown && shown < checked && checked < applied).toBe(true);
    // A refused check stops before the apply, with its exit code.
    expect(deploy.slice(checked, applied)).toMatch(/\|\| \{ status=\$\?; [^}]*exit "\$status"; \}/);
    expect(deploy).not.toMatch(/auto-approve|cdktf deploy/);
    expect(deploy.match(/terraform [^\n]* apply /g)).toHaveLength(1);
    expect(deploy).toMatch(/gh api "repos\/\$GITHUB_REPOSITORY\/commits\/\$GITHUB_SHA\/pulls"/);
    expect(deploy).toMatch(/group: connect-users-deploy\n\s+cancel-in-progress: false/);
  });

  it('fast plans: a setting (auto by default, above 500 users) that skips the refresh in both jobs', () => {
    expect(workflow).toMatch(/CONNECT_USERS_FAST_PLAN: \$\{\{ vars\.CONNECT_USERS_FAST_PLAN \|\| 'auto' \}\}/);
    expect(workflow).toMatch(/CONNECT_USERS_FAST_PLAN_ABOVE: \$\{\{ vars\.CONNECT_USERS_FAST_PLAN_ABOVE \|\| '500' \}\}/);
    for (const name of ['plan', 'deploy']) {
      const text = job(name);
      expect(text).toMatch(/npx connect-users validate --json > users\.json/);
      expect(text).toMatch(/always\) echo false ;;\n\s+never\) echo true ;;\n\s+auto\) if \[ "\$\(jq -r --arg s "\$1" '\.\[\$s\]\.users \/\/ 0' users\.json\)" -gt "\$CONNECT_USERS_FAST_PLAN_ABOVE" \]; then echo false; else echo true; fi ;;\n\s+\*\) [^\n]*return 2 ;;/);
      expect(text).toMatch(/refresh=\$\(refresh_for "\$stack"\)/);
    }
  });

  it('uploads the full reports, never the plans (they hold secrets)', () => {
    expect(workflow).toMatch(/uses: actions\/upload-artifact@v4\n\s+if: always\(\)\n\s+with:\n\s+name: connect-users-reports\n\s+path: reports\/\n/);
    expect(/path: [^\n]*plan/.test(workflow)).toBe(false);
  });

  it('keeps the PR comment within GitHub\'s 65,536 characters', () => {
    expect(job('plan')).toMatch(/if \[ "\$\(wc -m < comment\.md\)" -gt 65536 \]; then/);
  });
});

describe("README's parallel plan jobs (CI workflow)", () => {
  const blocks = codeBlocks('yaml', section('CI workflow'));
  const snippet = blocks[0]?.code ?? '';

  it('is one YAML block of jobs, indented as under `jobs:` of the workflow', () => {
    expect(blocks.length).toBe(1);
    expect(snippet.split('\n').filter((l) => /^\S/.test(l))).toStrictEqual([]);
    expect([...snippet.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1])).toStrictEqual(['plan', 'plan-stack']);
    expect(snippet).not.toMatch(/\t/);
  });

  it("lets affected --json choose the stacks, as a JSON list in the plan job's output, and plans each in a matrix job", () => {
    expect(snippet).toContain(`run: echo "stacks=$(npx connect-users affected --base "$BASE" --json | jq -c '[.[].id]')" >> "$GITHUB_OUTPUT"`);
    expect(snippet).toMatch(/\n {4}outputs:\n {6}stacks: \$\{\{ steps\.affected\.outputs\.stacks \}\}\n/);
    expect(snippet).toMatch(/\n {2}plan-stack:\n {4}needs: plan\n {4}if: needs\.plan\.outputs\.stacks != '\[\]'\n/);
    expect(snippet).toMatch(/\n {4}strategy:\n {6}fail-fast: false\n {6}matrix:\n {8}stack: \$\{\{ fromJSON\(needs\.plan\.outputs\.stacks\) \}\}\n/);
    expect(snippet).toMatch(/\n {6}STACK: \$\{\{ matrix\.stack \}\}\n/);
    // The stack reaches the script through the environment only, never spliced into it.
    expect(snippet.match(/\$\{\{ matrix\.stack \}\}/g)).toHaveLength(2);
    expect(snippet).not.toMatch(/run:[^\n]*\$\{\{/);
  });

  it("runs the workflow's own steps: commands and options that exist, synth before the credentials, the same fast-plan rule, the labels' acknowledgements", () => {
    expect(expectKnownCalls(snippet)).toStrictEqual(['affected', 'validate', 'plan-summary', 'plan-check']);
    const synth = at(snippet, /npx cdktf synth/);
    const credentials = at(snippet, /configure-aws-credentials@v4\n\s+with:\n\s+role-to-assume: \$\{\{ vars\.CONNECT_USERS_PLAN_ROLE_ARN \}\}/);
    const init = at(snippet, /terraform -chdir="cdktf\.out\/stacks\/\$STACK" init -input=false/);
    const checked = at(snippet, /npx connect-users plan-check "plans\/\$STACK\.json" --require-privilege-ack/);
    expect(synth < credentials && credentials < init && init < checked).toBe(true);
    const refreshFor = (text: string) => /refresh_for\(\) \{\n([\s\S]*?)\n\s*\}\n/.exec(text)![1].replace(/^\s+/gm, '');
    expect(refreshFor(snippet)).toBe(refreshFor(job('plan')));
    for (const ack of ['CONNECT_USERS_ALLOW_REMOVALS', 'CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES']) {
      expect(snippet).toContain(new RegExp(`\\n\\s+(${ack}: [^\\n]+)\\n`).exec(job('plan'))![1]);
    }
    for (const uses of workflow.match(/uses: [^\n]+/g)!.filter((u) => !/upload-artifact/.test(u))) expect(snippet).toContain(uses);
  });
});
