import { loadCsv } from '../../../src/load/csv';
import { HIDDEN_VALUE, type RawUser } from '../../../src/model';
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
    ['a first name holds a right-to-left override (reordered text)', { firstName: 'Jane\u202eeoD' }, 'firstName', 'contains the control character \\u202e at position 5 ("Jane\\u202eeoD"): remove it'],
    ['a last name holds a left-to-right embedding (U+202A, the first)', { lastName: '\u202aDoe' }, 'lastName', 'contains the control character \\u202a at position 1 ("\\u202aDoe"): remove it'],
    ['a routing profile holds a left-to-right isolate (U+2066, the first)', { routingProfile: 'Sales\u2066' }, 'routingProfile', 'contains the control character \\u2066 at position 6 ("Sales\\u2066"): remove it'],
    ['a security profile holds a pop directional isolate (U+2069, the last)', { securityProfiles: ['A\u2069'] }, 'securityProfiles', 'security profile #1 contains the control character \\u2069 at position 2 ("A\\u2069"): remove it'],
    ['a hierarchy level holds a right-to-left mark', { hierarchyPath: ['\u200fEMEA'] }, 'hierarchyGroup', 'hierarchy level #1 contains the control character \\u200f at position 1 ("\\u200fEMEA"): remove it'],
    ['a username holds a left-to-right mark', { username: 'jane\u200e' }, 'username', 'contains the control character \\u200e at position 5 ("jane\\u200e"): remove it'],
    ['a tag value holds an Arabic letter mark', { tags: { team: '\u061c' } }, 'tags', 'the value of tag "team" contains the control character \\u061c at position 1 ("\\u061c"): remove it'],
    ['an email holds a line separator', { email: 'a@b.co\u2028' }, 'email', 'contains the control character \\u2028 at position 7 ("a@b.co\\u2028"): remove it'],
    ['a directory user id holds a paragraph separator', { directoryUserId: '\u2029' }, 'directoryUserId', 'contains the control character \\u2029 at position 1 ("\\u2029"): remove it'],
  ];
  it.each(FAILS)('fails when %s', (_when, change, field, message) => {
    expect(check(change)).toStrictEqual([{ field, code: 'CONTROL_CHARACTER', message }]);
  });

  it('passes printable text: space, "~" (before DEL), no-break space (after C1), accents, emoji, other scripts', () => {
    expect(check({ firstName: 'Jo ~\u00a0\u00e9\u{1F600}', lastName: '\u674e', tags: { 'k ~': '\u00a0v' }, securityProfiles: ['A B'], hierarchyPath: ['\u00a0'] })).toStrictEqual([]);
  });

  it('passes the characters next to the bidi controls and separators, and the zero-width joiner of emoji sequences', () => {
    expect(check({ firstName: '\u061b\u061d\u200d\u2010', lastName: '\u2027\u202f\u2065\u206a', tags: { k: '\u{1F468}\u200d\u{1F469}' } })).toStrictEqual([]);
  });

  it('hides the value, not the character, in a row that may hold a password', () => {
    expect(check({ firstName: 'Ja\u202ene', hideValues: true })).toStrictEqual([
      { field: 'firstName', code: 'CONTROL_CHARACTER', message: `contains the control character \\u202e at position 3 (${HIDDEN_VALUE}): remove it` },
    ]);
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
