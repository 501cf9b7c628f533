import type { Command } from 'commander';
import { costCommand } from '../src/commands/cost';
import { driftCommand } from '../src/commands/drift';
import { exportCommand } from '../src/commands/export';
import { planCheckCommand } from '../src/commands/plan-check';
import { checkCommand, diffCommand } from '../src/commands/review';
import { validateCommand } from '../src/commands/validate';
import type { Problem } from '../src/problems';
import {
  envSettings,
  parseIdentityManagementType,
  parseSwitch,
  parseTimeLimit,
  parseWholeNumber,
  readSetting,
  removalGuard,
  secondsToMs,
  SETTINGS,
  SettingsError,
  stateBackend,
} from '../src/settings';
import { thrown } from './helpers';

describe('parsers', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['Yes', true],
    ['0', false],
    ['false', false],
    ['False', false],
    ['no', false],
    ['NO', false],
  ])('a switch reads %j as %j', (text, value) => {
    expect(parseSwitch(text)).toStrictEqual({ value });
  });

  it.each(['2', 'on', 'off', 'y', 'truee', ' true', 'true ', 'xtrue', 'falsex'])('a switch refuses %j', (text) => {
    expect(parseSwitch(text)).toStrictEqual({ expected: 'true, 1 or yes (on), or false, 0, no or nothing (off)' });
  });

  it.each([
    ['0', 0],
    ['5', 5],
    ['007', 7],
    ['1000000', 1000000],
  ])('a whole number reads %j as %j', (text, value) => {
    expect(parseWholeNumber(text)).toStrictEqual({ value });
  });

  it.each(['-1', '1.5', '5x', 'x5', '1e3', ' 5', '', 'five'])('a whole number refuses %j', (text) => {
    expect(parseWholeNumber(text)).toStrictEqual({ expected: 'a whole number, e.g. 5' });
  });

  it.each([
    ['saml', 'SAML'],
    ['Connect_Managed', 'CONNECT_MANAGED'],
    ['EXISTING_DIRECTORY', 'EXISTING_DIRECTORY'],
  ])('an identity management type reads %j as %j', (text, value) => {
    expect(parseIdentityManagementType(text)).toStrictEqual({ value });
  });

  it.each(['saml2', 'LDAP', 'xSAML', 'SAMLx'])('an identity management type refuses %j', (text) => {
    expect(parseIdentityManagementType(text)).toStrictEqual({ expected: 'one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY (any case)' });
  });

  it.each([
    ['30', 30],
    ['2.5', 2.5],
    ['0.001', 0.001],
    ['007', 7],
    ['3600', 3600],
    ['3600.0', 3600],
  ])('a time limit reads %j as %j seconds', (text, value) => {
    expect(parseTimeLimit(text)).toStrictEqual({ value });
  });

  it.each(['0', '0.0', '3600.5', '3601', '-5', '30s', 'x30', '1e3', '.5', '5.', ' 30', 'ten', ''])('a time limit refuses %j', (text) => {
    expect(parseTimeLimit(text)).toStrictEqual({ expected: 'a number of seconds above 0 and at most 3600, e.g. 30 or 2.5' });
  });

  it.each([
    [10, 10_000],
    [2.5, 2_500],
    [1.1, 1_100],
    [0.0004, 1],
    [3600, 3_600_000],
  ])('a time limit of %p s is %p whole milliseconds (at least 1: 0 would be no limit)', (seconds, ms) => {
    expect(secondsToMs(seconds)).toBe(ms);
  });
});

describe('CONNECT_USERS_TS_TIMEOUT_SECONDS', () => {
  it('is 10 s unless set, read with its decimals, and an invalid value is a problem naming it', () => {
    expect(readSetting('CONNECT_USERS_TS_TIMEOUT_SECONDS', {})).toStrictEqual({ value: 10 });
    expect(readSetting('CONNECT_USERS_TS_TIMEOUT_SECONDS', { CONNECT_USERS_TS_TIMEOUT_SECONDS: ' 2.5 ' })).toStrictEqual({ value: 2.5 });
    expect(readSetting('CONNECT_USERS_TS_TIMEOUT_SECONDS', { CONNECT_USERS_TS_TIMEOUT_SECONDS: 'abc' })).toStrictEqual({
      problem: {
        file: 'environment',
        field: 'CONNECT_USERS_TS_TIMEOUT_SECONDS',
        code: 'INVALID_SETTING',
        message: 'expected a number of seconds above 0 and at most 3600, e.g. 30 or 2.5, got "abc": fix the variable or unset it',
      },
    });
  });
});

describe("each setting's meaning names the commands that read it", () => {
  // Every command with an option read from a variable (commander's .env()).
  const commands: Command[] = [validateCommand(), diffCommand(), checkCommand(), planCheckCommand(), exportCommand(), driftCommand(), costCommand()];
  const readers = new Map<string, string[]>();
  for (const command of commands) {
    for (const option of command.options) if (option.envVar) readers.set(option.envVar, [...(readers.get(option.envVar) ?? []), command.name()]);
  }

  it('finds the variables of check and plan-check', () => {
    expect(readers.get('CONNECT_USERS_MAX_REMOVALS')).toStrictEqual(['check', 'plan-check']);
    expect(readers.get('CONNECT_USERS_PRIVILEGED_PROFILES')).toStrictEqual(['diff', 'check', 'plan-check']);
  });

  it.each([...readers])('%s: read by %j', (name, names) => {
    const meaning = SETTINGS[name as keyof typeof SETTINGS].meaning;
    expect(names.filter((command) => !meaning.includes(`\`${command}\``) && !meaning.includes(`\`${command} `))).toStrictEqual([]);
  });
});

describe('readSetting', () => {
  it('gives the default when the variable is unset, empty or white space', () => {
    for (const env of [{}, { CONNECT_USERS_DIR: '' }, { CONNECT_USERS_DIR: '  ' }]) {
      expect(readSetting('CONNECT_USERS_DIR', env)).toStrictEqual({ value: 'users' });
    }
    expect(readSetting('CONNECT_IDENTITY_MANAGEMENT', {})).toStrictEqual({ value: 'CONNECT_MANAGED' });
    expect(readSetting('CONNECT_ALLOW_PLAINTEXT_PASSWORDS', {})).toStrictEqual({ value: false });
    expect(readSetting('CONNECT_USERS_MAX_REMOVALS', {})).toStrictEqual({ value: undefined });
  });

  it('trims the value', () => {
    expect(readSetting('CONNECT_USERS_MAX_REMOVALS', { CONNECT_USERS_MAX_REMOVALS: ' 7\n' })).toStrictEqual({ value: 7 });
    expect(readSetting('CONNECT_INSTANCE_ID', { CONNECT_INSTANCE_ID: ' abc ' })).toStrictEqual({ value: 'abc' });
  });

  it('takes the fallback variable when unset, and its own value when set', () => {
    expect(readSetting('CONNECT_STATE_REGION', { AWS_REGION: 'eu-west-1' })).toStrictEqual({ value: 'eu-west-1' });
    expect(readSetting('CONNECT_STATE_REGION', { AWS_REGION: 'eu-west-1', CONNECT_STATE_REGION: '' })).toStrictEqual({ value: 'eu-west-1' });
    expect(readSetting('CONNECT_STATE_REGION', { AWS_REGION: 'eu-west-1', CONNECT_STATE_REGION: 'us-east-1' })).toStrictEqual({ value: 'us-east-1' });
    expect(readSetting('CONNECT_DEV_REGION', { AWS_REGION: 'eu-west-1' })).toStrictEqual({ value: 'eu-west-1' });
    expect(readSetting('CONNECT_DEV_REGION', {})).toStrictEqual({ value: undefined });
  });

  it('turns an invalid value into a problem naming the variable and the value, control characters escaped', () => {
    const expected: Problem = {
      file: 'environment',
      field: 'CONNECT_USERS_ALLOW_REMOVALS',
      code: 'INVALID_SETTING',
      message: 'expected a whole number, e.g. 5, got "1\\u001b0": fix the variable or unset it',
    };
    expect(readSetting('CONNECT_USERS_ALLOW_REMOVALS', { CONNECT_USERS_ALLOW_REMOVALS: '1\u001b0' })).toStrictEqual({ problem: expected });
  });
});

describe('envSettings', () => {
  it('reads each variable when first used, reports each invalid one once, and reads it as its default', () => {
    const problems: Problem[] = [];
    const env = envSettings({ CONNECT_IDENTITY_MANAGEMENT: 'saml2', CONNECT_USERS_MAX_REMOVALS: 'x', CONNECT_INSTANCE_ID: 'i-1' }, problems);
    expect(problems).toStrictEqual([]);
    expect(env.CONNECT_IDENTITY_MANAGEMENT).toBe('CONNECT_MANAGED');
    expect(env.CONNECT_IDENTITY_MANAGEMENT).toBe('CONNECT_MANAGED');
    expect(env.CONNECT_INSTANCE_ID).toBe('i-1');
    expect(problems.map((p) => p.field)).toStrictEqual(['CONNECT_IDENTITY_MANAGEMENT']);
    expect(env.CONNECT_USERS_MAX_REMOVALS).toBe(undefined);
    expect(problems.map((p) => p.field)).toStrictEqual(['CONNECT_IDENTITY_MANAGEMENT', 'CONNECT_USERS_MAX_REMOVALS']);
  });

  it('has a property for every setting', () => {
    expect(Object.keys(envSettings({}, []))).toStrictEqual(Object.keys(SETTINGS));
  });
});

describe('stateBackend', () => {
  it('is undefined (a local state file) without a bucket', () => {
    expect(stateBackend(envSettings({ CONNECT_STATE_REGION: 'eu-west-1' }, []))).toBe(undefined);
  });

  it('takes one region for every stack: CONNECT_STATE_REGION, else AWS_REGION, never a stack region', () => {
    const env = { CONNECT_STATE_BUCKET: 'b', AWS_REGION: 'eu-west-1', CONNECT_DEV_REGION: 'us-east-1', CONNECT_STATE_KMS_KEY_ID: 'k', CONNECT_STATE_LOCK_TABLE: 't' };
    expect(stateBackend(envSettings(env, []))).toStrictEqual({ bucket: 'b', region: 'eu-west-1', kmsKeyId: 'k', dynamodbTable: 't' });
    expect(stateBackend(envSettings({ ...env, CONNECT_STATE_REGION: 'eu-central-1' }, []))?.region).toBe('eu-central-1');
  });

  it('refuses a bucket without a region', () => {
    const err = thrown(() => stateBackend(envSettings({ CONNECT_STATE_BUCKET: 'b', CONNECT_DEV_REGION: 'us-east-1' }, [])));
    expect(err).toBeInstanceOf(SettingsError);
    expect(err.problems).toStrictEqual([
      {
        file: 'environment',
        field: 'CONNECT_STATE_REGION',
        code: 'INVALID_SETTING',
        message: "CONNECT_STATE_BUCKET is set but not the bucket's region: set CONNECT_STATE_REGION (or AWS_REGION)",
      },
    ]);
  });
});

describe('removalGuard', () => {
  it('is undefined without CONNECT_USERS_BASE, and never reads the numbers then', () => {
    const problems: Problem[] = [];
    expect(removalGuard(envSettings({ CONNECT_USERS_MAX_REMOVALS: 'x' }, problems))).toBe(undefined);
    expect(problems).toStrictEqual([]);
  });

  it('carries the base and the numbers', () => {
    const env = { CONNECT_USERS_BASE: 'origin/main', CONNECT_USERS_MAX_REMOVALS: '3', CONNECT_USERS_MAX_REMOVAL_PERCENT: '0', CONNECT_USERS_ALLOW_REMOVALS: '12' };
    expect(removalGuard(envSettings(env, []))).toStrictEqual({ base: 'origin/main', acknowledgeWith: 'env', maxRemovals: 3, maxRemovalPercent: 0, allowRemovals: 12 });
  });
});
