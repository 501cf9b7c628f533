import type { IdentityManagementType } from '../model';
import { escapeControls, formatProblem, type Problem } from '../problems';
import { appStacks, type StackDescription } from '../run-stacks';
import { readSetting, secondsToMs, SettingsError, type SettingName, type SettingValue } from '../settings';
import { CommandError } from './common';

/** Asks the app (cdktf.json's command, in this folder) which stacks it has, without synthesizing; a failure is a CommandError (exit code 2). */
export function describeStacks(): StackDescription[] {
  try {
    return appStacks();
  } catch (err) {
    // Invalid settings: said as every command says them, not a word about the app. Otherwise the
    // app's stderr, which may hold anything (a main.ts that throws): each line shown escaped, the lines kept.
    const message = err instanceof SettingsError ? settingsMessage(err.problems) : (err as Error).message;
    throw new CommandError(message.split('\n').map(escapeControls).join('\n'));
  }
}

/**
 * Invalid settings, as every command says them (src/cli.ts too, for its options'
 * variables): `N problem(s) in the settings:` and one line per setting.
 */
export function settingsMessage(problems: readonly Problem[]): string {
  return `${problems.length} problem(s) in the settings:\n${problems.map(formatProblem).join('\n')}`;
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
  /** The stack as the app describes it (not for --dir): its props, which `validate` checks as synth does. */
  readonly stack?: StackDescription;
  /** The stack's instance (not for --dir): stacks on one instance must not share a username. */
  readonly instance?: string;
  /** The stack's props that readUsers checks as synth does (not for --dir). */
  readonly defaultPassword?: string;
  readonly generatedPasswordTier?: StackDescription['generatedPasswordTier'];
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** The time limit for each TypeScript user file: the stack's, or with --dir CONNECT_USERS_TS_TIMEOUT_SECONDS. */
  readonly tsTimeoutMs?: number;
}

/**
 * The folders a command works on: the one given with --dir, or every stack's
 * folder from main.ts, each with its own identity type unless one is given.
 * --dir takes the variables main.ts reads for its production stack
 * (CONNECT_IDENTITY_MANAGEMENT, CONNECT_ALLOW_PLAINTEXT_PASSWORDS) as defaults,
 * and CONNECT_USERS_TS_TIMEOUT_SECONDS as runStacks does for every stack.
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
        tsTimeoutMs: secondsToMs(setting('CONNECT_USERS_TS_TIMEOUT_SECONDS')),
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
    stack: s,
    instance: s.instance,
    defaultPassword: s.defaultPassword,
    generatedPasswordTier: s.generatedPasswordTier,
    defaultTags: s.defaultTags,
    tsTimeoutMs: s.tsTimeoutMs,
  }));
}

/** A setting from the environment; an invalid value is a CommandError (exit code 2). */
function setting<K extends SettingName>(name: K): SettingValue<K> {
  const read = readSetting(name, process.env);
  if ('problem' in read) throw new CommandError(settingsMessage([read.problem]));
  return read.value;
}
