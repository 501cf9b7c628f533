import { CommandError } from '../../src/commands/common';
import { describeStacks, settingsMessage, targets } from '../../src/commands/stacks';
import { thrown } from '../helpers';

const LINE = 'environment: CONNECT_IDENTITY_MANAGEMENT: expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY (any case), got "saml2": fix the variable or unset it (INVALID_SETTING)';

describe('invalid settings: one header in every command', () => {
  it('settingsMessage: how many, then one line per setting', () => {
    const problem = { file: 'environment', field: 'CONNECT_X', code: 'INVALID_SETTING', message: 'expected a whole number, got "x": fix the variable or unset it' };
    expect(settingsMessage([problem, problem])).toBe(
      '2 problem(s) in the settings:\nenvironment: CONNECT_X: expected a whole number, got "x": fix the variable or unset it (INVALID_SETTING)\nenvironment: CONNECT_X: expected a whole number, got "x": fix the variable or unset it (INVALID_SETTING)',
    );
  });

  it("the app's stacks with an invalid setting: a CommandError with the settings header (exit code 2)", () => {
    const saved = process.env.CONNECT_IDENTITY_MANAGEMENT;
    process.env.CONNECT_IDENTITY_MANAGEMENT = 'saml2';
    try {
      const err = thrown(() => describeStacks());
      expect([err instanceof CommandError, err.message]).toStrictEqual([true, `1 problem(s) in the settings:\n${LINE}`]);
    } finally {
      if (saved === undefined) delete process.env.CONNECT_IDENTITY_MANAGEMENT;
      else process.env.CONNECT_IDENTITY_MANAGEMENT = saved;
    }
  });
});

describe('targets (the folders a command reads)', () => {
  const NAME = 'CONNECT_USERS_TS_TIMEOUT_SECONDS';
  const saved = process.env[NAME];
  afterEach(() => {
    if (saved === undefined) delete process.env[NAME];
    else process.env[NAME] = saved;
  });

  it.each([
    [undefined, 10_000],
    ['', 10_000],
    ['2.5', 2_500],
    ['3600', 3_600_000],
  ])('gives --dir CONNECT_USERS_TS_TIMEOUT_SECONDS=%j as %p ms, as runStacks gives every stack', (value, ms) => {
    if (value === undefined) delete process.env[NAME];
    else process.env[NAME] = value;
    expect(targets({ dir: 'users' }).map((t) => [t.dir, t.single, t.tsTimeoutMs, t.stack])).toStrictEqual([['users', true, ms, undefined]]);
  });

  it('refuses an invalid value with the INVALID_SETTING line (a CommandError: exit code 2)', () => {
    process.env[NAME] = '0';
    const err = thrown(() => targets({ dir: 'users' }));
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toBe(
      '1 problem(s) in the settings:\nenvironment: CONNECT_USERS_TS_TIMEOUT_SECONDS: expected a number of seconds above 0 and at most 3600, e.g. 30 or 2.5, got "0": fix the variable or unset it (INVALID_SETTING)',
    );
  });
});
