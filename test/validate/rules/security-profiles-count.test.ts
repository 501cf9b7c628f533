import { problem, problemsFor, ruleResult } from './helpers';

const RULE = 'expected 1 to 10 distinct names (joined with "|" in CSV), got';
const names = (n: number) => Array.from({ length: n }, (_, i) => `P${i}`);

describe('security-profiles-count', () => {
  it.each([
    ['there is none', [], `${RULE} 0`],
    ['they are missing', undefined, `${RULE} 0`],
    ['there are 11', names(11), `${RULE} 11`],
    ['one is listed twice', ['Agent', 'Agent'], `${RULE} 2 with repeats`],
    ['one is empty', ['Agent', ''], `${RULE} an empty name`],
  ])('fails when %s', (_when, securityProfiles, message) => {
    expect(problemsFor({ securityProfiles })).toStrictEqual([problem('securityProfiles', 'SECURITY_PROFILES_COUNT', message)]);
  });
  it.each([
    ['1', ['Agent']],
    ['10', names(10)],
  ])('passes %s', (_when, securityProfiles) => {
    expect(ruleResult('security-profiles-count', { securityProfiles })).toStrictEqual([]);
  });
});
