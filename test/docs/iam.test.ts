/**
 * The example IAM policies of docs/iam (README, "Set up CI"): they parse, they grant every action
 * the README lists for export, drift and deploy, the plan role writes nothing in Connect, and the
 * trust policies accept the OIDC subjects the workflows really present.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { README, section } from './readme';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Condition?: { readonly StringEquals?: Record<string, string | string[]> };
}
interface Policy {
  readonly Version: string;
  readonly Statement: Statement[];
}

const DIR = path.join(ROOT, 'docs', 'iam');
const read = (name: string): Policy => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as Policy;
const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
const text = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

/** Whether an Allow statement's action (IAM wildcards `*` and `?`) covers `action`. */
function allows(policy: Policy, action: string): boolean {
  return policy.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(action)),
  );
}

/** The IAM actions a README section names, as code spans (`connect:SearchUsers`). */
function actionsIn(title: string): string[] {
  return [...section(title).matchAll(/`((?:connect|ssm|secretsmanager|s3|kms|dynamodb):[A-Za-z*]+)`/g)].map((m) => m[1]);
}

function subjects(policy: Policy): string[] {
  return policy.Statement.flatMap((s) => list(s.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub'] ?? []));
}

describe('allows (how the test reads a policy)', () => {
  const policy: Policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['connect:List*', 'ssm:GetParameter'] }, { Effect: 'Deny', Action: 'connect:DeleteUser' }] };
  it.each([
    ['connect:ListUsers', true],
    ['connect:List*', true],
    ['connect:DescribeUser', false],
    ['ssm:GetParameter', true],
    ['ssm:GetParameters', false],
    ['connect:DeleteUser', false],
  ])('%s -> %s', (action, expected) => {
    expect(allows(policy, action)).toBe(expected);
  });
});

describe('docs/iam example policies', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  const plan = read('plan-role-policy.json');
  const deploy = read('deploy-role-policy.json');

  it('are the four files the README links, each a policy of version 2012-10-17', () => {
    expect(files).toStrictEqual(['deploy-role-policy.json', 'github-oidc-trust-deploy.json', 'github-oidc-trust-plan.json', 'plan-role-policy.json']);
    for (const f of files) {
      expect(read(f).Version).toBe('2012-10-17');
      expect(README).toContain(`(docs/iam/${f})`);
    }
  });

  it('the plan role grants what the README says export and drift need', () => {
    const needed = [...actionsIn('Adopting existing users'), ...actionsIn('Drift: what changed in Connect')];
    expect(needed).toEqual(expect.arrayContaining(['connect:SearchUsers', 'connect:DescribeInstance', 'connect:ListInstances']));
    expect(needed.filter((a) => !allows(plan, a))).toStrictEqual([]);
  });

  it('the deploy role grants what the README says a deploy needs, and everything the plan role does', () => {
    const needed = actionsIn('Plan and deploy against a real instance');
    expect(needed).toEqual(expect.arrayContaining(['connect:CreateUser', 'ssm:PutParameter', 'secretsmanager:GetSecretValue']));
    expect(needed.filter((a) => !allows(deploy, a))).toStrictEqual([]);
    const planActions = plan.Statement.flatMap((s) => list(s.Action));
    expect(planActions.filter((a) => !allows(deploy, a))).toStrictEqual([]);
  });

  it('the plan role writes nothing in Connect or SSM', () => {
    for (const write of ['connect:CreateUser', 'connect:DeleteUser', 'connect:UpdateUserRoutingProfile', 'connect:TagResource', 'ssm:PutParameter', 'ssm:DeleteParameter']) {
      expect([write, allows(plan, write)]).toStrictEqual([write, false]);
    }
  });

  it('the trust policies accept the OIDC subjects the workflows present: pull requests and the nightly run on main for the plan role, the production environment for the deploy role', () => {
    const workflow = text(path.join('.github', 'workflows', 'connect-users.yml'));
    const drift = text(path.join('.github', 'workflows', 'connect-users-drift.yml'));
    // A job with an environment presents `environment:<name>` as its subject, not its branch.
    expect(workflow).toMatch(/\n {2}deploy:\n(?: {4}[^\n]*\n)*? {4}environment: production\n/);
    const planJob = /\n {2}plan:\n([\s\S]*?)\n {2}deploy:/.exec(workflow)![1];
    expect(planJob).not.toMatch(/environment:/);
    expect(drift).toMatch(/\n {2}schedule:\n/);
    expect(drift).not.toMatch(/\n {4}environment:/);
    expect(subjects(read('github-oidc-trust-plan.json'))).toStrictEqual(['repo:OWNER/REPO:pull_request', 'repo:OWNER/REPO:ref:refs/heads/main']);
    expect(subjects(read('github-oidc-trust-deploy.json'))).toStrictEqual(['repo:OWNER/REPO:environment:production']);
  });
});
