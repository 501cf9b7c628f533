/**
 * Every environment variable connect-users reads, in one table: what it means,
 * its default and how its value is read. main.ts (through `runStacks`) and the
 * CLI both read them here, so a value means the same everywhere:
 *
 * - a variable set to '' (or only white space) counts as unset: CI writes ''
 *   for an unset repository variable;
 * - a switch is on for `1`, `true` or `yes` and off for `0`, `false` or `no`
 *   (any case);
 * - a count is a whole number (digits only); a time in seconds may have
 *   decimals (`2.5`);
 * - any other value is a problem (`INVALID_SETTING`) naming the variable and
 *   the value: never a stack trace, never a silent default.
 *
 * Pure: reads only the environment object it is given.
 */
import { IDENTITY_MANAGEMENT_TYPES, type IdentityManagementType } from './model';
import { show, type Problem } from './problems';

/** What a parser makes of a value: the value, or what was expected instead. */
export type Parsed<T> = { readonly value: T } | { readonly expected: string };

export interface Setting<T> {
  /** What it is for, and who reads it (the README's Configuration table says the same). */
  readonly meaning: string;
  /** The default as the README shows it. */
  readonly defaultText: string;
  /** The value when the variable is unset (and no fallback is set). */
  readonly default: T;
  /** Another variable whose value counts when this one is unset. */
  readonly fallback?: string;
  /** Reads a set value (trimmed, never ''). */
  parse(text: string): Parsed<T>;
}

const ON = /^(1|true|yes)$/i;
const OFF = /^(0|false|no)$/i;

/** A switch: on for 1, true, yes; off for 0, false, no; unset is off. */
export function parseSwitch(text: string): Parsed<boolean> {
  if (ON.test(text)) return { value: true };
  if (OFF.test(text)) return { value: false };
  return { expected: 'true, 1 or yes (on), or false, 0, no or nothing (off)' };
}

/** A whole number, 0 or more, in digits. */
export function parseWholeNumber(text: string): Parsed<number> {
  return /^\d+$/.test(text) ? { value: Number(text) } : { expected: 'a whole number, e.g. 5' };
}

/** CONNECT_MANAGED, SAML or EXISTING_DIRECTORY, in any case. */
export function parseIdentityManagementType(text: string): Parsed<IdentityManagementType> {
  const upper = text.toUpperCase();
  return (IDENTITY_MANAGEMENT_TYPES as readonly string[]).includes(upper)
    ? { value: upper as IdentityManagementType }
    : { expected: `one of ${IDENTITY_MANAGEMENT_TYPES.join(', ')} (any case)` };
}

const parseText = (text: string): Parsed<string> => ({ value: text });

function text(meaning: string, defaultText: string, fallback?: string): Setting<string | undefined> {
  return { meaning, defaultText, default: undefined, fallback, parse: parseText };
}

function textWithDefault(meaning: string, defaultValue: string, defaultText = `\`${defaultValue}\``): Setting<string> {
  return { meaning, defaultText, default: defaultValue, parse: parseText };
}

function switchSetting(meaning: string): Setting<boolean> {
  return { meaning, defaultText: 'off', default: false, parse: parseSwitch };
}

function identityType(meaning: string): Setting<IdentityManagementType> {
  return { meaning, defaultText: '`CONNECT_MANAGED`', default: 'CONNECT_MANAGED', parse: parseIdentityManagementType };
}

function wholeNumber(meaning: string, defaultText: string): Setting<number | undefined> {
  return { meaning, defaultText, default: undefined, parse: parseWholeNumber };
}

/** How long a TypeScript user file may take to load unless configured, in seconds. */
export const DEFAULT_TS_TIMEOUT_SECONDS = 10;
/** The longest time limit accepted for loading a TypeScript user file, in seconds. */
export const MAX_TS_TIMEOUT_SECONDS = 3600;

/** A time limit: seconds above 0 and at most an hour, in digits with optional decimals (`30`, `2.5`). */
export function parseTimeLimit(text: string): Parsed<number> {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  return seconds > 0 && seconds <= MAX_TS_TIMEOUT_SECONDS
    ? { value: seconds }
    : { expected: `a number of seconds above 0 and at most ${MAX_TS_TIMEOUT_SECONDS}, e.g. 30 or 2.5` };
}

/** Whole milliseconds, at least 1: 1.1 s is 1100 ms (not 1100.0000000000002), 0.0001 s is 1 ms (not 0, which is no limit). */
export function secondsToMs(seconds: number): number {
  return Math.max(1, Math.round(seconds * 1000));
}

/**
 * The sample main.ts's instance ids when CONNECT_INSTANCE_ID / CONNECT_DEV_INSTANCE_ID are unset:
 * clearly fake, so `npm run synth` works offline. No command may send them to Connect (`drift`
 * refuses them, naming the variable to set).
 */
export const PLACEHOLDER_INSTANCE_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_DEV_INSTANCE_ID = '11111111-1111-1111-1111-111111111111';

/** Each placeholder instance id, and the variable that replaces it. */
export const PLACEHOLDER_INSTANCE_IDS: Readonly<Record<string, 'CONNECT_INSTANCE_ID' | 'CONNECT_DEV_INSTANCE_ID'>> = {
  [PLACEHOLDER_INSTANCE_ID]: 'CONNECT_INSTANCE_ID',
  [PLACEHOLDER_DEV_INSTANCE_ID]: 'CONNECT_DEV_INSTANCE_ID',
};

/**
 * The variables, in the order of the README's Configuration table. The
 * sample main.ts reads the first ones for its two stacks; a variable read
 * only by CLI commands says which.
 */
export const SETTINGS = {
  CONNECT_INSTANCE_ID: textWithDefault(
    'the Connect instance of the `connect-users` stack',
    PLACEHOLDER_INSTANCE_ID,
    `\`${PLACEHOLDER_INSTANCE_ID}\` (a placeholder: offline synth only)`,
  ),
  CONNECT_IDENTITY_MANAGEMENT: identityType(
    "the identity management type of `connect-users`: `CONNECT_MANAGED`, `SAML` or `EXISTING_DIRECTORY` (any case); also the CLI's with `--dir`",
  ),
  CONNECT_USERS_DIR: textWithDefault('the users folder of `connect-users`', 'users'),
  AWS_REGION: text("the instances' AWS region; also `export --region` and `drift --region` (with `--dir`)", "the AWS provider's default"),
  AWS_PROFILE: text("the AWS profile of `export` and `drift` (the AWS SDK's own variable; also `--profile`)", "the SDK's default chain"),
  CONNECT_ALLOW_PLAINTEXT_PASSWORDS: switchSetting('accept plaintext passwords in the users folder of `connect-users` (migration only); also for the CLI with `--dir`'),
  CONNECT_DEV_INSTANCE_ID: textWithDefault(
    'the Connect instance of the `connect-users-dev` stack',
    PLACEHOLDER_DEV_INSTANCE_ID,
    `\`${PLACEHOLDER_DEV_INSTANCE_ID}\` (a placeholder)`,
  ),
  CONNECT_DEV_REGION: text("the dev instance's region", '`AWS_REGION`', 'AWS_REGION'),
  CONNECT_STATE_BUCKET: text("an S3 bucket for every stack's Terraform state (see [Many stacks](#many-stacks))", 'a local state file'),
  CONNECT_STATE_REGION: text("the state bucket's region (one for every stack)", '`AWS_REGION`', 'AWS_REGION'),
  CONNECT_STATE_KMS_KEY_ID: text("a KMS key for the state's encryption", "the bucket's default"),
  CONNECT_STATE_LOCK_TABLE: text('a DynamoDB table for state locking', "S3's own lock file"),
  CONNECT_USERS_TS_TIMEOUT_SECONDS: {
    meaning:
      'how long each TypeScript user file may take to load, in seconds, above 0 and at most 3600 (`2.5` allowed): synth and every command that reads user files (see [TypeScript](#typescript))',
    defaultText: `\`${DEFAULT_TS_TIMEOUT_SECONDS}\``,
    default: DEFAULT_TS_TIMEOUT_SECONDS,
    parse: parseTimeLimit,
  } satisfies Setting<number>,
  CONNECT_USERS_BASE: text('a git revision (e.g. `origin/main`): synth runs the deletion guard against it', 'no guard at synth'),
  CONNECT_USERS_MAX_REMOVALS: wholeNumber('users a change may remove without acknowledgement (synth with `CONNECT_USERS_BASE`, `check`, `plan-check`)', '`5`'),
  CONNECT_USERS_MAX_REMOVAL_PERCENT: wholeNumber('the same, as a % of the users before the change (synth with `CONNECT_USERS_BASE`, `check`, `plan-check`)', '`10`'),
  CONNECT_USERS_ALLOW_REMOVALS: wholeNumber('acknowledges up to this many removals (synth with `CONNECT_USERS_BASE`, `check`, `plan-check`)', 'none acknowledged'),
  CONNECT_USERS_PRIVILEGED_PROFILES: text('security profiles whose grant is a privilege change, comma-separated (`diff`, `check`, `plan-check`)', '`Admin,CallCenterManager`'),
  CONNECT_USERS_REQUIRE_PRIVILEGE_ACK: switchSetting('`check` and `plan-check` refuse privilege changes (exit 4) unless acknowledged'),
  CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: switchSetting('acknowledges privilege changes (`check`, `plan-check`)'),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<K extends SettingName> = (typeof SETTINGS)[K]['default'];

/** The settings as values, each read (and checked) when main.ts first uses it. */
export type Env = { readonly [K in SettingName]: SettingValue<K> };

export function isSettingName(name: string): name is SettingName {
  return Object.prototype.hasOwnProperty.call(SETTINGS, name);
}

/** A variable's raw value: undefined when unset or only white space. */
function raw(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/** Reads one variable: its value (the default when unset), or a problem naming the variable and the value. */
export function readSetting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv): { value: SettingValue<K> } | { problem: Problem } {
  const setting: Setting<SettingValue<K>> = SETTINGS[name];
  const text = raw(env, name);
  if (text === undefined) {
    if (setting.fallback && isSettingName(setting.fallback)) return readSetting(setting.fallback, env) as { value: SettingValue<K> } | { problem: Problem };
    return { value: setting.default };
  }
  return parseSetting(name, text, setting.parse);
}

/** Reads `text`, the value of variable `name`, with `parse`: the value, or a problem naming the variable and the value. */
export function parseSetting<T>(name: string, text: string, parse: (text: string) => Parsed<T>): { value: T } | { problem: Problem } {
  const parsed = parse(text.trim());
  if ('value' in parsed) return { value: parsed.value };
  return { problem: settingProblem(name, `expected ${parsed.expected}, got ${show(text)}`) };
}

/** A problem with a setting: `environment: NAME: what is wrong (INVALID_SETTING)`. */
export function settingProblem(name: string, message: string): Problem {
  return { file: 'environment', field: name, code: 'INVALID_SETTING', message: `${message}: fix the variable or unset it` };
}

/** Thrown by the helpers below for a combination of settings that cannot work. */
export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  }
}

/**
 * The settings of `env` as an object whose properties are read on first use:
 * each invalid value read is added to `problems` (once) and reads as its
 * default, so every bad value is reported together, and a variable nobody
 * reads is never checked.
 */
export function envSettings(env: NodeJS.ProcessEnv, problems: Problem[]): Env {
  const settings = {} as Record<SettingName, unknown>;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    let read: { value: unknown } | undefined;
    Object.defineProperty(settings, name, {
      enumerable: true,
      get: () => {
        if (!read) {
          const result = readSetting(name, env);
          if ('problem' in result) problems.push(result.problem);
          read = { value: 'value' in result ? result.value : SETTINGS[name].default };
        }
        return read.value;
      },
    });
  }
  return settings as Env;
}

/** The S3 state backend when CONNECT_STATE_BUCKET is set (CI); undefined means a local state file. */
export function stateBackend(env: Env): { bucket: string; region: string; kmsKeyId?: string; dynamodbTable?: string } | undefined {
  const bucket = env.CONNECT_STATE_BUCKET;
  if (!bucket) return undefined;
  // One region for the state of every stack: a stack's own region (CONNECT_DEV_REGION) may not be the bucket's.
  const region = env.CONNECT_STATE_REGION;
  if (!region) {
    throw new SettingsError([
      {
        file: 'environment',
        field: 'CONNECT_STATE_REGION',
        code: 'INVALID_SETTING',
        message: "CONNECT_STATE_BUCKET is set but not the bucket's region: set CONNECT_STATE_REGION (or AWS_REGION)",
      },
    ]);
  }
  return { bucket, region, kmsKeyId: env.CONNECT_STATE_KMS_KEY_ID, dynamodbTable: env.CONNECT_STATE_LOCK_TABLE };
}

/** The deletion guard at synth when CONNECT_USERS_BASE is set (e.g. origin/main). */
export function removalGuard(
  env: Env,
): { base: string; maxRemovals?: number; maxRemovalPercent?: number; allowRemovals?: number; acknowledgeWith: 'env' } | undefined {
  const base = env.CONNECT_USERS_BASE;
  if (!base) return undefined;
  return {
    base,
    // A refusal then names CONNECT_USERS_ALLOW_REMOVALS, the variable this reads.
    acknowledgeWith: 'env',
    maxRemovals: env.CONNECT_USERS_MAX_REMOVALS,
    maxRemovalPercent: env.CONNECT_USERS_MAX_REMOVAL_PERCENT,
    allowRemovals: env.CONNECT_USERS_ALLOW_REMOVALS,
  };
}
