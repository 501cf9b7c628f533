import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DescribedStack } from '../affected';
import { CommandError } from './common';

/** Asks the app (cdktf.json's command, in this folder) which stacks it has, without synthesizing. */
export function describeStacks(): DescribedStack[] {
  const app = (JSON.parse(readFileSync('cdktf.json', 'utf8')) as { app: string }).app.split(' ');
  const run = spawnSync(app[0] === 'node' ? process.execPath : app[0], app.slice(1), {
    encoding: 'utf8',
    env: { ...process.env, CONNECT_USERS_DESCRIBE: '1' },
  });
  if (run.status !== 0) throw new CommandError(`the app could not list its stacks: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as DescribedStack[];
}
