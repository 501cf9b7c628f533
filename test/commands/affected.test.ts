import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { affectedCommand } from '../../src/commands/affected';
import { gitRepo } from '../helpers';

/** A project whose app (cdktf.json) has one stack, users in users/. */
const APP = `process.stdout.write(JSON.stringify([{ id: 'sales', usersDir: 'users', identityManagementType: 'CONNECT_MANAGED', instance: 'i' }]) + '\\n');\n`;

async function affected(cwd: string, args: string[]) {
  const saved = { cwd: process.cwd(), exitCode: process.exitCode, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.chdir(cwd);
  try {
    await affectedCommand().parseAsync(args, { from: 'user' });
    return { stdout, stderr, exitCode: process.exitCode };
  } finally {
    process.chdir(saved.cwd);
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exitCode = saved.exitCode;
  }
}

describe('connect-users affected', () => {
  it('no stack affected: stdout empty (nothing to plan), a note on stderr, exit 0; a change in the working tree (not committed) counts', async () => {
    const repo = gitRepo({ 'cdktf.json': '{ "app": "node app.js" }', 'app.js': APP, 'users/a.csv': 'x\n', 'docs.md': 'x\n' });
    writeFileSync(path.join(repo.dir, 'docs.md'), 'changed\n');
    expect(await affected(repo.dir, ['--base', 'HEAD'])).toStrictEqual({ stdout: '', stderr: 'connect-users: no stack is affected by the change (nothing to plan)\n', exitCode: undefined });
    writeFileSync(path.join(repo.dir, 'users', 'a.csv'), 'y\n');
    expect(await affected(repo.dir, ['--base', 'HEAD'])).toStrictEqual({ stdout: 'sales\n', stderr: '', exitCode: undefined });
  });
});
