import { loadCsv } from '../../../src/load/csv';
import type { RawUser } from '../../../src/model';
import { validateUsers } from '../../../src/validate';
import { controlCharacters } from '../../../src/validate/rules/control-characters';

const base: RawUser = {
  username: 'jane.doe',
  firstName: 'Jane',
  lastName: 'Doe',
  routingProfile: 'Sales',
  securityProfiles: ['Agent'],
  phoneType: 'SOFT_PHONE',
  source: { file: 'users/a.ts', line: 3 },
};
const check = (change: Partial<RawUser>) => controlCharacters.check({ ...base, ...change }, { identityManagementType: 'CONNECT_MANAGED' });

describe('control-characters', () => {
  // [when, change, field, message]
  const FAILS: [string, Partial<RawUser>, string, string][] = [
    ['a username holds a bell', { username: 'ja\u0007ne' }, 'username', 'contains the control character \\u0007 at position 3 ("ja\\u0007ne"): remove it'],
    ['a first name holds a NUL (the first C0)', { firstName: '\u0000Jane' }, 'firstName', 'contains the control character \\u0000 at position 1 ("\\u0000Jane"): remove it'],
    ['a last name holds a tab', { lastName: 'Do\te' }, 'lastName', 'contains the control character \\u0009 at position 3 ("Do\\te"): remove it'],
    ['an email holds a line break', { email: 'jane@example.com\n' }, 'email', 'contains the control character \\u000a at position 17 ("jane@example.com\\n"): remove it'],
    ['a secondary email holds a unit separator (the last C0)', { secondaryEmail: 'a\u001f@example.com' }, 'secondaryEmail', 'contains the control character \\u001f at position 2 ("a\\u001f@example.com"): remove it'],
    ['a routing profile holds DEL', { routingProfile: 'Sales\u007f' }, 'routingProfile', 'contains the control character \\u007f at position 6 ("Sales\\u007f"): remove it'],
    ['a desk phone number holds a C1 control (U+0080)', { deskPhoneNumber: '+1\u0080' }, 'deskPhoneNumber', 'contains the control character \\u0080 at position 3 ("+1\\u0080"): remove it'],
    ['a directory user id holds U+009F (the last C1)', { directoryUserId: 'x\u009f' }, 'directoryUserId', 'contains the control character \\u009f at position 2 ("x\\u009f"): remove it'],
    ['a security profile holds an escape sequence', { securityProfiles: ['Agent', 'Q\u001b[31mA'] }, 'securityProfiles', 'security profile #2 contains the control character \\u001b at position 2 ("Q\\u001b[31mA"): remove it'],
    ['a hierarchy level holds a carriage return', { hierarchyPath: ['EMEA', 'Lis\rbon'] }, 'hierarchyGroup', 'hierarchy level #2 contains the control character \\u000d at position 4 ("Lis\\rbon"): remove it'],
    ['a tag key holds a NEL (U+0085)', { tags: { 'te\u0085am': 'a' } }, 'tags', 'a tag key contains the control character \\u0085 at position 3 ("te\\u0085am"): remove it'],
    ['a tag value holds a backspace', { tags: { team: 'a\b' } }, 'tags', 'the value of tag "team" contains the control character \\u0008 at position 2 ("a\\b"): remove it'],
    ['a control character follows an emoji (positions count characters)', { firstName: '\u{1F600}\u0007' }, 'firstName', 'contains the control character \\u0007 at position 2 ("\u{1F600}\\u0007"): remove it'],
    ['a password holds one (never shown)', { password: 'ssm:/pw\u0007Secr3t' }, 'password', 'contains a control character (not shown: it is a password): remove it'],
  ];
  it.each(FAILS)('fails when %s', (_when, change, field, message) => {
    expect(check(change)).toStrictEqual([{ field, code: 'CONTROL_CHARACTER', message }]);
  });

  it('passes printable text: space, "~" (before DEL), no-break space (after C1), accents, emoji, other scripts', () => {
    expect(check({ firstName: 'Jo ~\u00a0\u00e9\u{1F600}', lastName: '\u674e', tags: { 'k ~': '\u00a0v' }, securityProfiles: ['A B'], hierarchyPath: ['\u00a0'] })).toStrictEqual([]);
  });

  it('reports each field that has one, and the password without a position or its characters', () => {
    const findings = check({ firstName: 'a\u0001', lastName: 'b\u0002', password: 'Xq\u0003Zw' });
    expect(findings === 'not-applicable' ? [] : findings.map((f) => f.field)).toStrictEqual(['firstName', 'lastName', 'password']);
    expect(JSON.stringify(findings)).not.toMatch(/Xq|Zw|position 3/);
  });

  it('refuses them in CSV cells too, with the file and line', () => {
    const { users, problems } = loadCsv('username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane.doe,"Ja\u0007ne",Doe,Sales,Agent,soft\n', 'users/a.csv');
    expect(problems).toStrictEqual([]);
    const checked = validateUsers(users, { identityManagementType: 'CONNECT_MANAGED' });
    expect(checked.problems.map((p) => [p.code, p.field, p.file, p.line])).toStrictEqual([['CONTROL_CHARACTER', 'firstName', 'users/a.csv', 2]]);
  });
});
