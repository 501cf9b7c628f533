import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DescribedStack } from '../review/affected';
import type { IdentityManagementType } from '../model';
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

/** A users folder to check, with the rules of its stack. */
export interface Target {
  /** The stack id, or the folder given with --dir: the key in --json output. */
  readonly id: string;
  /** How the target is named in messages. */
  readonly name: string;
  readonly dir: string;
  readonly identityManagementType?: IdentityManagementType;
  readonly allowPlaintextPasswords?: boolean;
  /** Whether it came from --dir (one folder) rather than the app's stacks. */
  readonly single: boolean;
}

/**
 * The folders a command works on: the one given with --dir, or every stack's
 * folder from main.ts, each with its own identity type unless one is given.
 */
export function targets(opts: { dir?: string; identityManagement?: IdentityManagementType; allowPlaintextPasswords?: boolean }): Target[] {
  if (opts.dir) {
    return [{ id: opts.dir, name: opts.dir, dir: opts.dir, identityManagementType: opts.identityManagement, allowPlaintextPasswords: opts.allowPlaintextPasswords, single: true }];
  }
  return describeStacks().map((s) => ({
    id: s.id,
    name: `${s.id} (${s.usersDir})`,
    dir: s.usersDir,
    identityManagementType: opts.identityManagement ?? s.identityManagementType,
    allowPlaintextPasswords: opts.allowPlaintextPasswords ?? s.allowPlaintextPasswords,
    single: false,
  }));
}
