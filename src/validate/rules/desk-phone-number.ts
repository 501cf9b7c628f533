import { quote, type UserRule } from '../rule';

/**
 * E.164. hashicorp/aws's validDeskPhoneNumber is `\+[1-9]\d{1,14}$` (TPA
 * internal/service/connect/validate.go @ f40137f0) and the API model's PhoneNumber pattern is the
 * same: neither is anchored at the start, so `x+12025550100` would pass the plan. We anchor both
 * ends: a number with anything before or after is refused.
 */
const E164 = /^\+[1-9]\d{1,14}$/;

export const deskPhoneNumber: UserRule = {
  name: 'desk-phone-number',
  description: 'A desk phone user has a desk phone number; any desk phone number is E.164 (+14155550100).',
  check: (user) => {
    const number = user.deskPhoneNumber;
    if (number === undefined || number === '') {
      if (user.phoneType !== 'DESK_PHONE') return 'not-applicable';
      return [
        {
          field: 'deskPhoneNumber',
          code: 'DESK_PHONE_REQUIRED',
          message: 'expected a phone number for a desk phone user, got nothing: fill it in (E.164, e.g. +14155550100) or set the phone type to soft',
        },
      ];
    }
    // The provider runs its validator whatever the phone type, so a soft phone's number is checked too.
    if (E164.test(number)) return [];
    return [
      {
        field: 'deskPhoneNumber',
        code: 'PHONE_NUMBER_FORMAT',
        message: `expected an E.164 number: + then country code and number, no spaces (e.g. +14155550100), got ${quote(user, number)}`,
      },
    ];
  },
};
