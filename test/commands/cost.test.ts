import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCost } from '../../src/commands/cost';
import { csv, gitRepo, tempFolder } from '../helpers';

async function run(options: Partial<Parameters<typeof runCost>[0]>) {
  const saved = { exitCode: process.exitCode, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    runCost({ changed: 1, rate: 2, format: 'json', ...options });
    return { json: stdout ? JSON.parse(stdout) : undefined, stdout, stderr, exitCode: process.exitCode };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exitCode = saved.exitCode;
  }
}

const rows = ['ann,Ann,Lee,,Sales,Agent,EMEA|Sales,soft,,', 'bob,Bob,Ray,,Support,Agent|Admin,,soft,,'];

describe('connect-users cost', () => {
  it('estimates a folder offline, with the instance sizes given', async () => {
    const dir = tempFolder({ 'a.csv': csv(...rows) });
    const { json, exitCode } = await run({ dir, instanceRoutingProfiles: 130, changed: 2 });
    expect(exitCode).toBeUndefined();
    expect(json[0].stack).toBe(dir);
    expect(json[0].names).toStrictEqual({ routingProfiles: 2, securityProfiles: 2, hierarchyGroups: 1 });
    expect(json[0].lookups.detail.ListRoutingProfiles).toBe(6);
    expect(json[0].fastPlan.detail.DescribeUser).toBe(2);
  });

  it('--base counts the users changed since a git revision for the fast plan', async () => {
    const repo = gitRepo({ 'users/a.csv': csv(...rows) });
    writeFileSync(path.join(repo.dir, 'users/a.csv'), csv('ann,Ann,Lee,,Support,Agent,EMEA|Sales,soft,,', 'cy,Cy,Tan,,Sales,Agent,,soft,,'));
    const cwd = process.cwd();
    process.chdir(repo.dir);
    try {
      const { json } = await run({ dir: 'users', base: 'HEAD' });
      // ann changed, bob removed, cy added.
      expect(json[0].fastPlan.detail.DescribeUser).toBe(3);
      expect(json[0].changedSince).toBe('HEAD');
      const bad = await run({ dir: 'users', base: 'no-such-revision' });
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toMatch(/^connect-users: /);
    } finally {
      process.chdir(cwd);
    }
  });

  it('exits 1 on problems in the user files, 2 for an unknown stack', async () => {
    const broken = await run({ dir: tempFolder({ 'a.csv': csv('ann,Ann,Lee,,,Agent,,soft,,') }) });
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/\(REQUIRED\)/);
    const dir = tempFolder({ 'a.csv': csv(...rows) });
    const unknown = await run({ dir, stack: ['nope'] });
    expect([unknown.exitCode, unknown.stderr]).toStrictEqual([2, `connect-users: no stack nope: the stacks are ${dir}\n`]);
  });
});
