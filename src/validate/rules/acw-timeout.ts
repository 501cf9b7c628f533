import { quote, type UserRule } from '../rule';

/**
 * UserPhoneConfig.AfterContactWorkTimeLimit: "minimum value of 0 and a maximum value of 2,000,000
 * seconds (24 days). Enter 0 if you don't want to allocate a specific amount of ACW time"
 * (@aws-sdk/client-connect models_1.d.ts). hashicorp/aws only checks `IntAtLeast(0)`, so a
 * larger value would fail at apply.
 */
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
        message: `expected whole seconds from 0 (no limit) to ${MAX_ACW_SECONDS}, got ${quote(user, seconds)}`,
      },
    ];
  },
};
