import { Command, Option } from 'commander';
import { checkEnv } from '../src/cli';

/** A command with a switch, a number and an unregistered switch, all read from variables. */
function command(): Command {
  return new Command('x')
    .addOption(new Option('--allow-privilege-changes').env('CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES'))
    .addOption(new Option('--allow-removals <n>').env('CONNECT_USERS_ALLOW_REMOVALS'))
    .addOption(new Option('--other').env('SOME_OTHER_SWITCH'));
}

describe('checkEnv: the CLI reads variables as main.ts does (src/settings.ts)', () => {
  it.each(['', '  ', '0', 'false', 'no', 'FALSE'])('a switch set to %j is off: the variable is removed, so commander does not turn the flag on', (value) => {
    const env: NodeJS.ProcessEnv = { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: value, SOME_OTHER_SWITCH: value };
    expect(checkEnv(command(), env)).toStrictEqual([]);
    expect(env).toStrictEqual({});
  });

  it.each(['1', 'true', 'yes', 'Yes'])('a switch set to %j stays on', (value) => {
    const env: NodeJS.ProcessEnv = { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: value };
    expect(checkEnv(command(), env)).toStrictEqual([]);
    expect(env).toStrictEqual({ CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: value });
  });

  it('an empty value is unset; a good one stays for commander', () => {
    const empty: NodeJS.ProcessEnv = { CONNECT_USERS_ALLOW_REMOVALS: '' };
    expect(checkEnv(command(), empty)).toStrictEqual([]);
    expect(empty).toStrictEqual({});
    const good: NodeJS.ProcessEnv = { CONNECT_USERS_ALLOW_REMOVALS: '6' };
    expect(checkEnv(command(), good)).toStrictEqual([]);
    expect(good).toStrictEqual({ CONNECT_USERS_ALLOW_REMOVALS: '6' });
  });

  it('reports every invalid value with the variable and the value', () => {
    const env: NodeJS.ProcessEnv = { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: 'ture', CONNECT_USERS_ALLOW_REMOVALS: '-1', SOME_OTHER_SWITCH: 'on', UNRELATED: 'x' };
    expect(checkEnv(command(), env).map((p) => `${p.field}: ${p.message} (${p.code})`)).toStrictEqual([
      'CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: expected true, 1 or yes (on), or false, 0, no or nothing (off), got "ture": fix the variable or unset it (INVALID_SETTING)',
      'CONNECT_USERS_ALLOW_REMOVALS: expected a whole number, e.g. 5, got "-1": fix the variable or unset it (INVALID_SETTING)',
      'SOME_OTHER_SWITCH: expected true, 1 or yes (on), or false, 0, no or nothing (off), got "on": fix the variable or unset it (INVALID_SETTING)',
    ]);
  });
});
