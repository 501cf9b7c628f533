import type { IdentityManagementType, RawUser } from '../../src/model';
import { explainUser, USER_RULES } from '../../src/validate';

/** A user that passes every rule on a CONNECT_MANAGED instance. */
const base: RawUser = {
  username: 'jane.doe',
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane.doe@example.com',
  routingProfile: 'Sales',
  securityProfiles: ['Agent'],
  phoneType: 'SOFT_PHONE',
  source: { file: 'users/a.csv', line: 2 },
};

type Case = [when: string, rule: string, change: Partial<RawUser>, code: string, imt?: IdentityManagementType, allowPlaintext?: boolean];

const FAILS: Case[] = [
  ['the username is missing', 'required-fields', { username: undefined }, 'REQUIRED'],
  ['the routing profile is empty', 'required-fields', { routingProfile: '' }, 'REQUIRED'],
  ['the phone type is missing', 'required-fields', { phoneType: undefined }, 'REQUIRED'],
  ['a CONNECT_MANAGED username is longer than 20', 'username-format', { username: 'a'.repeat(21) }, 'USERNAME_FORMAT'],
  ['a username has a space', 'username-format', { username: 'jane doe' }, 'USERNAME_FORMAT'],
  ['a SAML username is longer than 64', 'username-format', { username: 'a'.repeat(65), email: undefined }, 'USERNAME_FORMAT', 'SAML'],
  ['a SAML username has @ outside email form', 'username-format', { username: 'jane@doe', email: undefined }, 'USERNAME_FORMAT', 'SAML'],
  ['a directory username has white space', 'username-format', { username: 'jane doe' }, 'USERNAME_FORMAT', 'EXISTING_DIRECTORY'],
  ['the first name is missing', 'names-required', { firstName: undefined }, 'NAME_REQUIRED'],
  ['the last name is blank under SAML', 'names-required', { lastName: '  ', email: undefined }, 'NAME_REQUIRED', 'SAML'],
  ['a SAML first name is longer than 100', 'name-length', { firstName: 'x'.repeat(101), email: undefined }, 'NAME_LENGTH', 'SAML'],
  ['a CONNECT_MANAGED last name is longer than 300', 'name-length', { lastName: 'x'.repeat(301) }, 'NAME_LENGTH'],
  ['a SAML user has a primary email', 'email-not-allowed', {}, 'EMAIL_NOT_ALLOWED', 'SAML'],
  ['the email has no domain', 'email-format', { email: 'jane@' }, 'EMAIL_FORMAT'],
  ['the secondary email is not an address', 'email-format', { secondaryEmail: 'jane at example' }, 'EMAIL_FORMAT'],
  ['an email is longer than 265', 'email-format', { email: `${'a'.repeat(260)}@example.com` }, 'EMAIL_FORMAT'],
  ['a SAML user has a password', 'password-not-allowed', { password: 'ssm:/p', email: undefined }, 'PASSWORD_NOT_ALLOWED', 'SAML'],
  ['a directory user has a password', 'password-not-allowed', { password: 'generate' }, 'PASSWORD_NOT_ALLOWED', 'EXISTING_DIRECTORY'],
  ['a CONNECT_MANAGED password is plaintext', 'password-source', { password: 'Secr3tPass' }, 'PLAINTEXT_PASSWORD'],
  ['an ssm: reference has no valid name', 'password-source', { password: 'ssm:' }, 'PASSWORD_REFERENCE'],
  ['a secretsmanager: reference has an empty key', 'password-source', { password: 'secretsmanager:connect/pw#' }, 'PASSWORD_REFERENCE'],
  ['an allowed plaintext password is too weak', 'password-source', { password: 'weakpass' }, 'PASSWORD_COMPLEXITY', 'CONNECT_MANAGED', true],
  ['there is no security profile', 'security-profiles-count', { securityProfiles: [] }, 'SECURITY_PROFILES_COUNT'],
  ['security profiles are missing', 'security-profiles-count', { securityProfiles: undefined }, 'SECURITY_PROFILES_COUNT'],
  ['there are 11 security profiles', 'security-profiles-count', { securityProfiles: Array.from({ length: 11 }, (_, i) => `P${i}`) }, 'SECURITY_PROFILES_COUNT'],
  ['a security profile is listed twice', 'security-profiles-count', { securityProfiles: ['Agent', 'Agent'] }, 'SECURITY_PROFILES_COUNT'],
  ['a desk phone user has no number', 'desk-phone-number', { phoneType: 'DESK_PHONE' }, 'DESK_PHONE_REQUIRED'],
  ['a desk phone number is not E.164', 'desk-phone-number', { phoneType: 'DESK_PHONE', deskPhoneNumber: '415 555 0100' }, 'PHONE_NUMBER_FORMAT'],
  ['the ACW timeout is negative', 'acw-timeout', { afterContactWorkTimeLimit: -1 }, 'ACW_RANGE'],
  ['the ACW timeout is above 2,000,000', 'acw-timeout', { afterContactWorkTimeLimit: 2_000_001 }, 'ACW_RANGE'],
  ['the ACW timeout is not whole', 'acw-timeout', { afterContactWorkTimeLimit: 1.5 }, 'ACW_RANGE'],
  ['there are 51 tags', 'tag-limits', { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, 'TAG_COUNT'],
  ['a tag key starts with aws:', 'tag-limits', { tags: { 'aws:team': 'x' } }, 'TAG_KEY'],
  ['a tag key is longer than 128', 'tag-limits', { tags: { ['k'.repeat(129)]: 'x' } }, 'TAG_KEY'],
  ['a tag value is longer than 256', 'tag-limits', { tags: { team: 'v'.repeat(257) } }, 'TAG_VALUE'],
  ['a directory user id is given outside EXISTING_DIRECTORY', 'directory-user-id', { directoryUserId: 'abc' }, 'DIRECTORY_USER_ID_NOT_ALLOWED'],
];

const PASSES: [when: string, rule: string, change: Partial<RawUser>, imt?: IdentityManagementType][] = [
  ['a 20-character username', 'username-format', { username: 'a'.repeat(20) }],
  ['a SAML username in email form', 'username-format', { username: 'jane.doe@example.com', email: undefined }, 'SAML'],
  ['a SAML user with only a secondary email', 'email-not-allowed', { email: undefined, secondaryEmail: 'j@example.org' }, 'SAML'],
  ['10 security profiles', 'security-profiles-count', { securityProfiles: Array.from({ length: 10 }, (_, i) => `P${i}`) }],
  ['a desk phone with an E.164 number', 'desk-phone-number', { phoneType: 'DESK_PHONE', deskPhoneNumber: '+14155550100' }],
  ['generate', 'password-source', { password: 'generate' }],
  ['none (an existing user)', 'password-source', { password: 'none' }],
  ['an SSM parameter', 'password-source', { password: 'ssm:/connect/initial-passwords/jane' }],
  ['a Secrets Manager key', 'password-source', { password: 'secretsmanager:connect/passwords#jane.doe' }],
  ['a Secrets Manager ARN', 'password-source', { password: 'secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:pw-AbCdEf' }],
  ['ACW of 0 (no limit) and of 2,000,000', 'acw-timeout', { afterContactWorkTimeLimit: 2_000_000 }],
  ['a directory user id on EXISTING_DIRECTORY', 'directory-user-id', { directoryUserId: 'abc' }, 'EXISTING_DIRECTORY'],
];

const NOT_APPLICABLE: [when: string, rule: string, change: Partial<RawUser>, imt?: IdentityManagementType][] = [
  ['names on EXISTING_DIRECTORY', 'names-required', { firstName: undefined }, 'EXISTING_DIRECTORY'],
  ['email rule off SAML', 'email-not-allowed', {}],
  ['password rule on CONNECT_MANAGED', 'password-not-allowed', { password: 'generate' }],
  ['password sources on SAML', 'password-source', { password: 'Secr3tPass', email: undefined }, 'SAML'],
  ['password sources without a password', 'password-source', {}],
  ['desk number rule for a soft phone without number', 'desk-phone-number', {}],
  ['tags rule without tags', 'tag-limits', {}],
  ['ACW rule without a value', 'acw-timeout', {}],
];

describe('user rules', () => {
  it('every rule has a unique name and a description', () => {
    const names = USER_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(USER_RULES.every((r) => r.description.length > 10)).toBeTruthy();
  });

  it('the base user passes every rule', () => {
    const failing = Object.entries(explainUser(base, { identityManagementType: 'CONNECT_MANAGED' })).filter(([, r]) => r !== 'not-applicable' && r.length > 0);
    expect(failing).toStrictEqual([]);
  });

  for (const [when, rule, change, code, imt = 'CONNECT_MANAGED', allowPlaintextPasswords = false] of FAILS) {
    it(`${rule} fails when ${when}`, () => {
      const results = explainUser({ ...base, ...change }, { identityManagementType: imt, allowPlaintextPasswords });
      const result = results[rule];
      expect(result).not.toBe('not-applicable');
      const codes = (result as readonly { code: string }[]).map((f) => f.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes).toStrictEqual(codes.map(() => code));
      // Only the rule under test fails: each case changes one thing.
      const others = Object.entries(results).filter(([n, r]) => n !== rule && r !== 'not-applicable' && r.length > 0);
      expect(others).toStrictEqual([]);
      if (change.password && !/^(ssm|secretsmanager):/.test(change.password)) {
        expect(JSON.stringify(result).includes(change.password)).toBeFalsy() /* 'the password is not echoed' */;
      }
    });
  }

  for (const [when, rule, change, imt = 'CONNECT_MANAGED'] of PASSES) {
    it(`${rule} passes ${when}`, () => {
      expect(explainUser({ ...base, ...change }, { identityManagementType: imt })[rule]).toStrictEqual([]);
    });
  }

  for (const [when, rule, change, imt = 'CONNECT_MANAGED'] of NOT_APPLICABLE) {
    it(`${rule} is not applicable: ${when}`, () => {
      expect(explainUser({ ...base, ...change }, { identityManagementType: imt })[rule]).toBe('not-applicable');
    });
  }
});
