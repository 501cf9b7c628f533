import { show } from '../../problems';
import type { UserRule } from '../rule';

export const MAX_ACW_SECONDS = 2_000_000;

export const acwTimeout: UserRule = {
  name: 'acw-timeout',
  description: `The after-contact-work timeout is whole seconds from 0 (no limit) to ${MAX_ACW_SECONDS}.`,
  check: (user) => {
    const seconds = user.afterContactWorkTimeLimit;
    if (seconds === undefined) return 'not-applicable';
    if (Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_ACW_SECONDS) return [];
    return [
      {
        field: 'afterContactWorkTimeLimit',
        code: 'ACW_RANGE',
        message: `expected whole seconds from 0 (no limit) to ${MAX_ACW_SECONDS}, got ${show(seconds)}`,
      },
    ];
  },
};
