import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { IdentityManagementType } from '../model';
import { formatProblem } from '../problems';
import type { StackDescription } from '../run-stacks';
import { readSetting, type SettingName, type SettingValue } from '../settings';
import { CommandError } from './common';

/** Asks the app (cdktf.json's command, in this folder) which stacks it has, without synthesizing. */
export function describeStacks(): StackDescription[] {
  const app = (JSON.parse(readFileSync('cdktf.json', 'utf8')) as { app: string }).app.split(' ');
  const run = spawnSync(app[0] === 'node' ? process.execPath : app[0], app.slice(1), {
    encoding: 'utf8',
    env: { ...process.env, CONNECT_USERS_DESCRIBE: '1' },
  });
  if (run.status !== 0) throw new CommandError(`the app (${app.join(' ')}) could not list its stacks:\n${run.stderr.trim()}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as StackDescription[];
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
  /** The stack's instance (not for --dir): stacks on one instance must not share a username. */
  readonly instance?: string;
  /** The stack's props that readUsers checks as synth does (not for --dir). */
  readonly defaultPassword?: string;
  readonly generatedPasswordTier?: StackDescription['generatedPasswordTier'];
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/**
 * The folders a command works on: the one given with --dir, or every stack's
 * folder from main.ts, each with its own identity type unless one is given.
 * --dir takes the variables main.ts reads for its production stack
 * (CONNECT_IDENTITY_MANAGEMENT, CONNECT_ALLOW_PLAINTEXT_PASSWORDS) as defaults.
 */
export function targets(opts: { dir?: string; identityManagement?: IdentityManagementType; allowPlaintextPasswords?: boolean }): Target[] {
  if (opts.dir) {
    return [
      {
        id: opts.dir,
        name: opts.dir,
        dir: opts.dir,
        identityManagementType: opts.identityManagement ?? setting('CONNECT_IDENTITY_MANAGEMENT'),
        allowPlaintextPasswords: opts.allowPlaintextPasswords ?? setting('CONNECT_ALLOW_PLAINTEXT_PASSWORDS'),
        single: true,
      },
    ];
  }
  return describeStacks().map((s) => ({
    id: s.id,
    name: `${s.id} (${s.usersDir})`,
    dir: s.usersDir,
    identityManagementType: opts.identityManagement ?? s.identityManagementType,
    allowPlaintextPasswords: opts.allowPlaintextPasswords ?? s.allowPlaintextPasswords,
    single: false,
    instance: s.instance,
    defaultPassword: s.defaultPassword,
    generatedPasswordTier: s.generatedPasswordTier,
    defaultTags: s.defaultTags,
  }));
}

/** A setting from the environment; an invalid value is a CommandError (exit code 2). */
function setting<K extends SettingName>(name: K): SettingValue<K> {
  const read = readSetting(name, process.env);
  if ('problem' in read) throw new CommandError(`invalid setting:\n${formatProblem(read.problem)}`);
  return read.value;
}
