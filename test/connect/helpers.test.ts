import { awsSetupMessage, describeError, isAwsError, isCredentialsError, isRegionMissing } from '../../src/connect/errors';
import { progressText, throttledProgress } from '../../src/connect/progress';

describe('throttledProgress', () => {
  it('on a terminal: a line at most every second', () => {
    const written: string[] = [];
    let now = 0;
    const progress = throttledProgress({ isTTY: true, write: (t: string) => written.push(t) }, () => now);
    for (const t of [0, 500, 999, 1000, 1500, 2100]) {
      now = t;
      progress(() => `at ${t}`);
    }
    expect(written).toStrictEqual(['at 0\n', 'at 1000\n', 'at 2100\n']);
  });

  it('not a terminal (CI): nothing, and the line is not even built', () => {
    const written: string[] = [];
    const progress = throttledProgress({ isTTY: false, write: (t: string) => written.push(t) });
    progress(() => {
      throw new Error('not called');
    });
    expect(written).toStrictEqual([]);
  });
});

describe('progressText', () => {
  it.each([
    [{ phase: 'users', done: 100, total: 250 }, 'read 100/250 users'],
    [{ phase: 'users', done: 100 }, 'read 100 users'],
    [{ phase: 'emails', done: 3, total: 9 }, 'read the emails of 3/9 users'],
    [{ phase: 'profiles', done: 0 }, 'reading profile names...'],
    [{ phase: 'hierarchy', done: 0, total: 4 }, 'reading hierarchy groups...'],
  ] as const)('%j: %s', (p, text) => {
    expect(progressText(p)).toBe(text);
  });
});

describe('isAwsError and describeError', () => {
  const error = (props: object, message = 'm') => Object.assign(new Error(message), props);

  it.each<[string, unknown, boolean]>([
    ['a service exception', error({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }), true],
    ['missing credentials', error({ name: 'CredentialsProviderError' }), true],
    ['an SSO token to renew', error({ name: 'TokenProviderError' }), true],
    ['a timeout', error({ name: 'TimeoutError' }), true],
    ['no region', error({ name: 'Error' }, 'Region is missing'), true],
    ['a refused connection', error({ code: 'ECONNREFUSED' }), true],
    ['an unknown host', error({ code: 'ENOTFOUND' }), true],
    ['a bug', new TypeError('x is undefined'), false],
    ['a file error', error({ code: 'ENOSPC', syscall: 'write' }), false],
    ['not an Error', { $metadata: {} }, false],
    ['nothing', undefined, false],
  ])('%s: %s', (_, err, expected) => {
    expect(isAwsError(err)).toBe(expected);
  });

  it('says the name, the message and the HTTP status', () => {
    expect(describeError(error({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } }, 'Rate exceeded'))).toBe('ThrottlingException: Rate exceeded (HTTP 429)');
    expect(describeError(error({ name: 'CredentialsProviderError' }, 'Could not load credentials'))).toBe('CredentialsProviderError: Could not load credentials');
  });
});

describe('isRegionMissing, isCredentialsError and awsSetupMessage', () => {
  const error = (props: object, message = 'm') => Object.assign(new Error(message), props);

  it('tells the two errors the SDK throws before sending anything', () => {
    expect(isRegionMissing(new Error('Region is missing'))).toBe(true);
    expect(isRegionMissing(new Error('Region is missing in the profile'))).toBe(false);
    expect(isRegionMissing({ message: 'Region is missing' })).toBe(false);
    expect(isCredentialsError(error({ name: 'CredentialsProviderError' }))).toBe(true);
    expect(isCredentialsError(error({ name: 'TokenProviderError' }))).toBe(true);
    expect(isCredentialsError(error({ name: 'ExpiredTokenException' }))).toBe(false);
    expect(isCredentialsError({ name: 'CredentialsProviderError' })).toBe(false);
  });

  it('says what to set, and names AWS_DEFAULT_REGION only when it is set', () => {
    expect(awsSetupMessage({ kind: 'region' }, undefined, {})).toBe('no AWS region: pass --region or set AWS_REGION');
    expect(awsSetupMessage({ kind: 'region' }, 'set AWS_REGION', { AWS_DEFAULT_REGION: ' ' })).toBe('no AWS region: set AWS_REGION');
    expect(awsSetupMessage({ kind: 'region' }, 'set AWS_REGION', { AWS_DEFAULT_REGION: 'eu-west-2' })).toBe(
      'no AWS region: set AWS_REGION (AWS_DEFAULT_REGION is set, but the AWS SDK for JavaScript reads only AWS_REGION)',
    );
    expect(awsSetupMessage({ kind: 'credentials', error: error({ name: 'CredentialsProviderError' }, 'Could not load credentials from any providers') }, undefined, {})).toMatch(
      /^no usable AWS credentials \(CredentialsProviderError: Could not load credentials from any providers\): set AWS_PROFILE or pass --profile /,
    );
  });
});
