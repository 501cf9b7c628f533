import { problem, problemsFor, ruleResult } from './helpers';

describe('acw-timeout', () => {
  it.each([
    ['negative', -1, '-1'],
    ['above 2,000,000', 2_000_001, '2000001'],
    ['not whole', 1.5, '1.5'],
  ])('fails when it is %s', (_when, afterContactWorkTimeLimit, shown) => {
    expect(problemsFor({ afterContactWorkTimeLimit })).toStrictEqual([
      problem('afterContactWorkTimeLimit', 'ACW_RANGE', `expected whole seconds from 0 (no limit) to 2000000, got ${shown}`),
    ]);
  });
  it.each([[0], [1], [2_000_000]])('passes %p', (afterContactWorkTimeLimit) => {
    expect(ruleResult('acw-timeout', { afterContactWorkTimeLimit })).toStrictEqual([]);
  });
  it('is not applicable without a value', () => expect(ruleResult('acw-timeout', {})).toBe('not-applicable'));
});
