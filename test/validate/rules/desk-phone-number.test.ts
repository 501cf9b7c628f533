import { HIDDEN_VALUE } from '../../../src/model';
import { problem, problemsFor, ruleResult } from './helpers';

const FORMAT = 'expected an E.164 number: + then country code and number, no spaces (e.g. +14155550100), got';

describe('desk-phone-number', () => {
  it('fails when a desk phone user has no number', () => {
    expect(problemsFor({ phoneType: 'DESK_PHONE' })).toStrictEqual([
      problem(
        'deskPhoneNumber',
        'DESK_PHONE_REQUIRED',
        'expected a phone number for a desk phone user, got nothing: fill it in (E.164, e.g. +14155550100) or set the phone type to soft',
      ),
    ]);
  });
  it.each([
    ['has spaces', '415 555 0100'],
    ['has junk before it (the provider does not anchor the start)', 'x+14155550100'],
    ['has junk after it', '+14155550100x'],
    ['has no +', '14155550100'],
    ['starts with +0', '+04155550100'],
    ['has 16 digits', '+1234567890123456'],
    ['has one digit', '+1'],
  ])('fails when the number %s', (_when, deskPhoneNumber) => {
    expect(problemsFor({ phoneType: 'DESK_PHONE', deskPhoneNumber })).toStrictEqual([problem('deskPhoneNumber', 'PHONE_NUMBER_FORMAT', `${FORMAT} ${JSON.stringify(deskPhoneNumber)}`)]);
  });
  it('checks a soft phone user\'s number too (the provider does)', () => {
    expect(problemsFor({ deskPhoneNumber: '555' })).toStrictEqual([problem('deskPhoneNumber', 'PHONE_NUMBER_FORMAT', `${FORMAT} "555"`)]);
  });
  it.each([
    ['15 digits', '+123456789012345'],
    ['2 digits', '+12'],
    ['a usual number', '+14155550100'],
  ])('passes %s', (_when, deskPhoneNumber) => {
    expect(ruleResult('desk-phone-number', { phoneType: 'DESK_PHONE', deskPhoneNumber })).toStrictEqual([]);
  });
  it.each([[undefined], ['']])('is not applicable for a soft phone without a number (%p)', (deskPhoneNumber) => {
    expect(ruleResult('desk-phone-number', { deskPhoneNumber })).toBe('not-applicable');
  });
  it('never quotes the number of a row that may hold a password', () => {
    expect(problemsFor({ deskPhoneNumber: 'Tr0ub4dor&3', hideValues: true })[0].message).toBe(`${FORMAT} ${HIDDEN_VALUE}`);
  });
});
