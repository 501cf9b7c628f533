import { CommandError } from '../../src/commands/common';
import { targets } from '../../src/commands/stacks';
import { thrown } from '../helpers';

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
      'invalid setting:\nenvironment: CONNECT_USERS_TS_TIMEOUT_SECONDS: expected a number of seconds above 0 and at most 3600, e.g. 30 or 2.5, got "0": fix the variable or unset it (INVALID_SETTING)',
    );
  });
});
