import { readFileSync } from 'node:fs';
import { EXAMPLE_ROW_PREFIX, loadCsv, MAX_RECORD_CHARS, unclosedQuoteAt } from '../../src/load/csv';
import { HIDDEN_VALUE } from '../../src/model';
import { formatProblem, type Problem } from '../../src/problems';
import { validateUsers } from '../../src/validate';
import { fixture } from '../helpers';

const load = (name: string) => loadCsv(readFileSync(fixture('csv', name)), `users/${name}`);

/** A problem about a cell: file, line, 1-based column, field and code, and the message. */
const cellProblem = (file: string, line: number, column: number, field: string, code: string, message: string): Problem => ({
  file: `users/${file}`,
  line,
  column,
  field,
  code,
  message,
});

describe('loadCsv: console templates', () => {
  it('reads the previous (16-column) console template with BOM, CRLF and quoted commas and quotes', () => {
    const { users, problems } = load('console-previous.csv');
    expect(problems).toStrictEqual([]);
    expect(users.length).toBe(2);
    const [jane, mary] = users;
    expect(jane).toStrictEqual({
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane.doe@example.com',
      username: 'jane.doe',
      routingProfile: 'Sales',
      securityProfiles: ['Agent', 'Quality Review'],
      hierarchyPath: ['EMEA', 'Lisbon', 'Sales'],
      phoneType: 'SOFT_PHONE',
      autoAccept: true,
      afterContactWorkTimeLimit: 30,
      tags: { team: 'sales', site: 'lisbon' },
      source: { file: 'users/console-previous.csv', line: 2 },
    });
    expect(mary.firstName).toBe('Mary, Kate');
    expect(mary.lastName).toBe('O\'Brien "MK"');
    expect(mary.secondaryEmail).toBe('mk@alt.example.org') /* 'the secondary email column reaches the user' */;
    expect(mary.tags).toStrictEqual({ url: 'https://wiki.example/a:b', shift: '09:00-17:00' }) /* 'key=value tags keep the ":" in their values' */;
    expect(mary.hierarchyPath).toStrictEqual(['EMEA', 'Dublin', 'Support']) /* 'the "agent hierarchy" column holds the path too' */;
    expect(mary.phoneType).toBe('DESK_PHONE');
    expect(mary.deskPhoneNumber).toBe('+353100000000');
    expect(mary.autoAccept).toBe(false);
    expect(mary.afterContactWorkTimeLimit).toBe(undefined) /* 'an empty cell is absent, not 0 or ""' */;
  });

  it('reads the newest console template (persistent connection, audio enhancement; no email, password, auto-accept or ACW)', () => {
    const { users, problems } = load('console-newest.csv');
    expect(problems).toStrictEqual([]);
    expect(users).toStrictEqual([
      {
        firstName: 'Jane',
        lastName: 'Doe',
        username: 'jane.doe',
        routingProfile: 'Sales',
        securityProfiles: ['Agent', 'Quality Review'],
        hierarchyPath: ['EMEA', 'Lisbon', 'Sales'],
        phoneType: 'SOFT_PHONE',
        tags: { team: 'sales', site: 'lisbon' },
        source: { file: 'users/console-newest.csv', line: 2 },
      },
      {
        firstName: 'Ana',
        lastName: 'Silva',
        username: 'ana.silva',
        hierarchyPath: ['EMEA', 'Lisbon', 'Support'],
        routingProfile: 'Support',
        securityProfiles: ['Agent'],
        phoneType: 'DESK_PHONE',
        deskPhoneNumber: '+351210000001',
        source: { file: 'users/console-newest.csv', line: 3 },
      },
    ]);
    // The newest template has no email or password column: its SAML form is the same file.
    expect(validateUsers(users, { identityManagementType: 'CONNECT_MANAGED' }).problems).toStrictEqual([]);
    expect(validateUsers(users, { identityManagementType: 'SAML' }).problems).toStrictEqual([]);
  });

  it('reads the newest template\'s other spellings: "persistent connection (yes/no)", a space before "(", any case', () => {
    const { users, problems } = load('console-newest-spellings.csv');
    expect(problems).toStrictEqual([]);
    expect(users.map((u) => u.username)).toStrictEqual(['jane.doe', 'john.roe']);
  });

  it('refuses a non-default persistent connection or audio enhancement, and a cell it cannot read, at its line and column', () => {
    const f = 'newest-unsupported.csv';
    expect(load(f).problems).toStrictEqual([
      cellProblem(
        f,
        2,
        11,
        'persistentConnection',
        'PERSISTENT_CONNECTION_UNSUPPORTED',
        'persistent connection "yes" cannot be set from a users file: Terraform\'s aws_connect_user has no setting for it. Leave the cell empty (or "no"), and turn persistent connection on for this user in the Connect console once the user exists',
      ),
      cellProblem(
        f,
        3,
        12,
        'audioEnhancement',
        'AUDIO_ENHANCEMENT_UNSUPPORTED',
        'audio enhancement "isolate voice" cannot be set from a users file: Terraform\'s aws_connect_user has no setting for it. Leave the cell empty (or "none"), and choose the enhancement for this user in the Connect console once the user exists',
      ),
      cellProblem(f, 4, 11, 'persistentConnection', 'INVALID_YES_NO', 'expected yes or no (persistent connection), got "maybe"'),
      cellProblem(f, 4, 12, 'audioEnhancement', 'INVALID_AUDIO_ENHANCEMENT', 'expected none, isolate voice or suppress noise, got "loud"'),
    ]);
  });

  const audio: [string, string | undefined][] = [
    ['none', undefined],
    ['No enhancement', undefined],
    ['NONE', undefined],
    ['isolate voice', 'AUDIO_ENHANCEMENT_UNSUPPORTED'],
    ["Isolate Agent's Voice", 'AUDIO_ENHANCEMENT_UNSUPPORTED'],
    ['VOICE_ISOLATION', 'AUDIO_ENHANCEMENT_UNSUPPORTED'],
    ['suppress noise', 'AUDIO_ENHANCEMENT_UNSUPPORTED'],
    ['Suppress Background Noise', 'AUDIO_ENHANCEMENT_UNSUPPORTED'],
    ['NOISE_SUPPRESSION', 'AUDIO_ENHANCEMENT_UNSUPPORTED'],
    ['nonee', 'INVALID_AUDIO_ENHANCEMENT'],
  ];
  it.each(audio)('reads audio enhancement %p as %p', (cell, code) => {
    const { problems } = loadCsv(`username,routingProfile,securityProfiles,phoneType,audioEnhancement\njane,S,A,soft,${cell}\n`, 'users/a.csv');
    expect(problems.map((p) => [p.code, p.line, p.column, p.field])).toStrictEqual(code ? [[code, 2, 5, 'audioEnhancement']] : []);
  });

  const persistent: [string, string | undefined][] = [
    ['no', undefined],
    ['No', undefined],
    ['false', undefined],
    ['yes', 'PERSISTENT_CONNECTION_UNSUPPORTED'],
    ['TRUE', 'PERSISTENT_CONNECTION_UNSUPPORTED'],
    ['on', 'INVALID_YES_NO'],
  ];
  it.each(persistent)('reads persistent connection %p as %p', (cell, code) => {
    const { users, problems } = loadCsv(`username,routingProfile,securityProfiles,phoneType,persistent connection\njane,S,A,soft,${cell}\n`, 'users/a.csv');
    expect(problems.map((p) => [p.code, p.line, p.column, p.field])).toStrictEqual(code ? [[code, 2, 5, 'persistentConnection']] : []);
    expect(Object.keys(users[0]).sort()).toStrictEqual(['phoneType', 'routingProfile', 'securityProfiles', 'source', 'username']) /* 'the cell is checked, not kept' */;
  });

  it('reads the older (11-column) template', () => {
    const { users, problems } = load('console-older.csv');
    expect(problems).toStrictEqual([]);
    expect(users.map((u) => [u.username, u.email, u.securityProfiles, u.phoneType, u.deskPhoneNumber, u.autoAccept, u.afterContactWorkTimeLimit, u.source.line])).toStrictEqual([
      ['jane.doe', 'jane.doe@example.com', ['Agent'], 'SOFT_PHONE', undefined, true, 0, 2],
      ['john.roe', 'john@example.com', ['Agent', 'Admin'], 'DESK_PHONE', '+14155550100', false, 15, 3],
    ]);
  });

  it.each([['console-previous-saml.csv'], ['console-older-saml.csv']])('reads the SAML variant %s (no email address, no password)', (name) => {
    const { users, problems } = load(name);
    expect(problems).toStrictEqual([]);
    expect(users.map((u) => [u.username, u.email, u.password, u.routingProfile, u.phoneType])).toStrictEqual([['jane.doe' + (name.includes('previous') ? '@example.com' : ''), undefined, undefined, 'Sales', 'SOFT_PHONE']]);
  });

  it('reads the previous SAML template\'s secondary email and hierarchy', () => {
    const [jane] = load('console-previous-saml.csv').users;
    expect([jane.secondaryEmail, jane.hierarchyPath, jane.autoAccept, jane.afterContactWorkTimeLimit]).toStrictEqual(['jane@alt.example.com', ['EMEA', 'Lisbon', 'Sales'], true, 30]);
  });

  it('reads the native header set with API-style values', () => {
    const [user] = load('native.csv').users;
    expect(user).toStrictEqual({
      username: 'jane.doe',
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@example.com',
      routingProfile: 'Sales',
      securityProfiles: ['Agent', 'QA'],
      hierarchyPath: ['EMEA', 'Sales'],
      phoneType: 'DESK_PHONE',
      deskPhoneNumber: '+14155550100',
      autoAccept: true,
      afterContactWorkTimeLimit: 20,
      tags: { team: 'sales' },
      source: { file: 'users/native.csv', line: 2 },
    });
  });

  it('copes with odd header spacing and case, blank lines, empty rows, trailing spaces, quoted line breaks, mixed line endings', () => {
    const { users, problems } = load('messy.csv');
    expect(problems).toStrictEqual([]);
    expect(users.map((u) => [u.username, u.firstName, u.routingProfile, u.phoneType, u.source.line])).toStrictEqual([
      ['jane.doe', 'Jane', 'Sales', 'SOFT_PHONE', 3],
      ['ann.lee', 'Ann\nMarie', 'Support, Tier 1', 'DESK_PHONE', 4],
      ['bob.stone', 'Bob', 'Sales', 'SOFT_PHONE', 7],
    ]);
  });

  it('skips empty rows of commas before the header (Excel writes them for empty first lines)', () => {
    const { users, problems } = loadCsv(',,,\n,,,\nusername,routingProfile,securityProfiles,phoneType,firstName\njane,S,A,soft,J\n,,,,\n', 'users/a.csv');
    expect(problems).toStrictEqual([]);
    expect(users.map((u) => [u.username, u.source.line])).toStrictEqual([['jane', 4]]);
  });

  it('a CSV with only a header has no users and no problems', () => {
    expect(load('only-header.csv')).toStrictEqual({ users: [], problems: [] });
  });

  it('drops empty security profile names but keeps empty hierarchy levels for the rules to refuse', () => {
    const [user] = loadCsv('username,routingProfile,securityProfiles,phoneType,hierarchyGroup\njane,S,Agent||QA|,soft,EMEA||Sales\n', 'users/a.csv').users;
    expect([user.securityProfiles, user.hierarchyPath]).toStrictEqual([['Agent', 'QA'], ['EMEA', '', 'Sales']]);
  });

  it('normalizes text to Unicode NFC', () => {
    const [user] = loadCsv('username,firstName,routingProfile,securityProfiles,phoneType,hierarchyGroup\njane,Jose\u0301,Sale\u0301s,A,soft,Se\u0301|Sa\u0301\n', 'users/a.csv').users;
    expect([user.firstName, user.routingProfile, user.hierarchyPath]).toStrictEqual(['Jos\u00e9', 'Sal\u00e9s', ['S\u00e9', 'S\u00e1']]);
  });

  it('ignores the mobile column, whatever it holds', () => {
    const { users, problems } = loadCsv('username,routingProfile,securityProfiles,phoneType,mobile\njane,S,A,soft,+351910000000\n', 'users/a.csv');
    expect(problems).toStrictEqual([]);
    expect(Object.keys(users[0]).sort()).toStrictEqual(['phoneType', 'routingProfile', 'securityProfiles', 'source', 'username']);
  });

  const cells: [string, string, unknown][] = [
    ['autoAccept', 'yes', true],
    ['autoAccept', 'Y', true],
    ['autoAccept', 'TRUE', true],
    ['autoAccept', 'no', false],
    ['autoAccept', 'N', false],
    ['autoAccept', 'False', false],
    ['phoneType', 'Soft', 'SOFT_PHONE'],
    ['phoneType', 'soft phone', 'SOFT_PHONE'],
    ['phoneType', 'DESK_PHONE', 'DESK_PHONE'],
    ['phoneType', 'desk-phone', 'DESK_PHONE'],
    ['afterContactWorkTimeLimit', '0', 0],
    ['afterContactWorkTimeLimit', '123456789012345', 123456789012345],
    ['tags', ' team = sales | site : lisbon ', { team: 'sales', site: 'lisbon' }],
    ['tags', 'team=a||site=b|', { team: 'a', site: 'b' }],
    ['tags', 'a:b=c', { 'a:b': 'c' }],
    ['tags', 'note=x=y', { note: 'x=y' }],
    ['tags', 'empty=', { empty: '' }],
  ];
  it.each(cells)('reads %s %p as %p', (field, cell, value) => {
    const text = `username,routingProfile,securityProfiles,phoneType,${field === 'phoneType' ? 'x' : field}\njane,S,A,${field === 'phoneType' ? cell : 'soft'},${field === 'phoneType' ? '' : `"${cell}"`}\n`;
    const { users, problems } = loadCsv(text.replace(',x\n', ',mobile\n'), 'users/a.csv');
    expect(problems).toStrictEqual([]);
    expect((users[0] as unknown as Record<string, unknown>)[field]).toStrictEqual(value);
  });

  it.each([
    ['afterContactWorkTimeLimit', 'x12', 'INVALID_INTEGER'],
    ['afterContactWorkTimeLimit', '12x', 'INVALID_INTEGER'],
    ['afterContactWorkTimeLimit', '-1', 'INVALID_INTEGER'],
    ['afterContactWorkTimeLimit', '1234567890123456', 'INVALID_INTEGER'],
    ['autoAccept', 'yess', 'INVALID_YES_NO'],
    ['tags', '=x', 'INVALID_TAG'],
    ['tags', 'team:a|team=b', 'DUPLICATE_TAG'],
  ])('refuses %s %p (%s), at its line and column', (field, cell, code) => {
    const { problems } = loadCsv(`username,routingProfile,securityProfiles,phoneType,${field}\njane,S,A,soft,${cell}\n`, 'users/a.csv');
    expect(problems.map((p) => [p.code, p.line, p.column, p.field])).toStrictEqual([[code, 2, 5, field]]);
  });
});

describe('loadCsv: fails when ...', () => {
  it('a column is unknown (suggests the closest name)', () => {
    expect(load('unknown-column.csv').problems).toStrictEqual([
      { file: 'users/unknown-column.csv', line: 1, column: 7, code: 'UNKNOWN_COLUMN', message: 'unknown column "routing profle name": did you mean "routing profile name"?' },
    ]);
  });

  it('a column is unknown and nothing is close', () => {
    expect(loadCsv('username,routingProfile,securityProfiles,phoneType,xyzzy\n', 'users/a.csv').problems.map((p) => [p.column, p.message])).toStrictEqual([
      [5, 'unknown column "xyzzy": see the README for the accepted columns'],
    ]);
  });

  it('two columns fill the same field', () => {
    expect(load('duplicate-header.csv').problems).toStrictEqual([
      {
        file: 'users/duplicate-header.csv',
        line: 1,
        column: 2,
        field: 'username',
        code: 'DUPLICATE_COLUMN',
        message: 'column "user login" fills the same field as column 1 ("username"): keep one of them',
      },
    ]);
  });

  it('both persistent connection spellings are given', () => {
    expect(loadCsv('username,routingProfile,securityProfiles,phoneType,persistent connection,persistent connection (yes/no)\n', 'users/a.csv').problems.map((p) => [p.code, p.column, p.field])).toStrictEqual([
      ['DUPLICATE_COLUMN', 6, 'persistentConnection'],
    ]);
  });

  it('required columns are missing', () => {
    const at = { file: 'users/missing-columns.csv', line: 1, code: 'MISSING_COLUMN' };
    expect(load('missing-columns.csv').problems).toStrictEqual([
      { ...at, field: 'routingProfile', message: 'the header has no "routingProfile" or "routing profile name" column: add it' },
      { ...at, field: 'securityProfiles', message: 'the header has no "securityProfiles" or "security_profile_name_1|security_profile_name_2" column: add it' },
      { ...at, field: 'phoneType', message: 'the header has no "phoneType" or "phone type (soft/desk)" column: add it' },
    ]);
  });

  it('cells cannot be read (every one reported, at its line and column)', () => {
    const f = 'bad-cells.csv';
    expect(load(f).problems).toStrictEqual([
      cellProblem(f, 2, 6, 'phoneType', 'INVALID_PHONE_TYPE', 'expected soft or desk, got "cell"'),
      cellProblem(f, 2, 7, 'autoAccept', 'INVALID_YES_NO', 'expected yes or no, got "maybe"'),
      cellProblem(f, 2, 8, 'afterContactWorkTimeLimit', 'INVALID_INTEGER', 'expected whole seconds (0 to 2000000, 0 for no limit), got "12.5"'),
      cellProblem(f, 2, 9, 'tags', 'INVALID_TAG', 'expected key=value (or key:value) pairs joined with "|", got "noequals"'),
      cellProblem(f, 3, 9, 'tags', 'DUPLICATE_TAG', 'tag key "team" is given twice; keep one'),
    ]);
  });

  it('the two hierarchy columns of one row disagree', () => {
    const text = 'user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),agent hierarchy,user_hierarchy_1|user_hierarchy_2\njane,S,A,soft,EMEA|Sales,EMEA|Support\njohn,S,A,soft,EMEA|Sales,EMEA | Sales\n';
    expect(loadCsv(text, 'users/a.csv').problems).toStrictEqual([
      {
        file: 'users/a.csv',
        line: 2,
        column: 6,
        field: 'hierarchyGroup',
        code: 'CONFLICTING_CELLS',
        message: 'column 5 ("agent hierarchy") and column 6 ("user_hierarchy_1|user_hierarchy_2") give different values ("EMEA|Sales" and "EMEA|Support"): fill in one of them',
      },
    ]);
  });

  it('rows have too few or too many cells (each reported where it starts, parsing goes on)', () => {
    const text = 'username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,J,D,Sales,Agent,soft\njohn,J,D,Sales\nann,"A\nB",D,S,A,soft,x\nbob,B,D,S,A,soft\n';
    const { users, problems } = loadCsv(text, 'users/ragged.csv');
    const message = (n: number) =>
      `the row has ${n} cells and the header 6: put a value holding a comma in quotes ("Doe, Jane"), and give every row one cell (maybe empty) per header column; the row is not read`;
    expect(problems).toStrictEqual([
      { file: 'users/ragged.csv', line: 3, code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', message: message(4) },
      { file: 'users/ragged.csv', line: 4, code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', message: message(7) },
    ]);
    expect(users.map((u) => [u.username, u.source.line])).toStrictEqual([
      ['jane', 2],
      ['bob', 6],
    ]);
  });

  it('a quote is never closed: reported once, at the line and column where it opened', () => {
    const { users, problems } = load('unclosed-quote-line6.csv');
    expect(problems).toStrictEqual([
      {
        file: 'users/unclosed-quote-line6.csv',
        line: 6,
        column: 3,
        field: 'lastName',
        code: 'CSV_QUOTE_NOT_CLOSED',
        message: 'the quote that opens the cell in column 3 ("lastName") is never closed, so the rest of the file reads as one cell: add the closing quote, or double a quote meant as text ("")',
      },
    ]);
    expect(users.map((u) => u.username)).toStrictEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('a quote is never closed in the last row', () => {
    expect(load('unclosed-quote.csv').problems.map((p) => [p.code, p.file, p.line, p.column, p.field])).toStrictEqual([['CSV_QUOTE_NOT_CLOSED', 'users/unclosed-quote.csv', 2, 2, 'firstName']]);
  });

  it('a cell holds an unquoted quote: reported once, with its 1-based column, and the next rows are read', () => {
    const { users, problems } = load('stray-quote.csv');
    expect(problems).toStrictEqual([
      {
        file: 'users/stray-quote.csv',
        line: 3,
        column: 2,
        field: 'firstName',
        code: 'INVALID_OPENING_QUOTE',
        message: 'a quote (") in the middle of the cell in column 2 ("firstName"): put the whole cell in quotes and double each quote inside it ("5"" screen"), or remove the quote',
      },
    ]);
    expect(users.map((u) => u.username)).toStrictEqual(['a1', 'a3']);
  });

  it('two rows hold a stray quote: each is reported', () => {
    const text = 'username,firstName,routingProfile,securityProfiles,phoneType\na1,A"x,S,A,soft\na2,B,S"y,A,soft\na3,C,S,A,soft\n';
    const { users, problems } = loadCsv(text, 'users/a.csv');
    expect(problems.map((p) => [p.code, p.line, p.column, p.field])).toStrictEqual([
      ['INVALID_OPENING_QUOTE', 2, 2, 'firstName'],
      ['INVALID_OPENING_QUOTE', 3, 3, 'routingProfile'],
    ]);
    expect(users.map((u) => u.username)).toStrictEqual(['a3']);
  });

  it('a quoted password goes on after its closing quote: no character of it is shown, and the rows after are not read', () => {
    const { users, problems } = load('closing-quote-password.csv');
    expect(problems).toStrictEqual([
      {
        file: 'users/closing-quote-password.csv',
        line: 2,
        column: 4,
        field: 'password',
        code: 'CSV_INVALID_CLOSING_QUOTE',
        message:
          'the quoted cell in column 4 ("password") goes on after its closing quote: put the whole cell in quotes and double each quote inside it ("Jane ""JJ"" Doe"); the rows after it are not read until it is fixed',
      },
    ]);
    expect(users).toStrictEqual([]);
    expect(problems[0].message.includes('"P"')).toBe(false);
  });

  it('a quoted cell has text after a space after its closing quote', () => {
    const { problems } = loadCsv('username,firstName,routingProfile,securityProfiles,phoneType\njane,"Jane" x,S,A,soft\njohn,J,S,A,soft\n', 'users/a.csv');
    expect(problems.map((p) => [p.code, p.line, p.column, p.field])).toStrictEqual([['CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', 2, 2, 'firstName']]);
    expect(problems[0].message).toBe(
      'the quoted cell in column 2 ("firstName") goes on after its closing quote: put the whole cell in quotes and double each quote inside it ("Jane ""JJ"" Doe"); the rows after it are not read until it is fixed',
    );
  });

  it('the header itself cannot be read: only that is reported', () => {
    expect(loadCsv('username,first"Name,phoneType\njane,J,soft\n', 'users/a.csv')).toStrictEqual({
      users: [],
      problems: [
        {
          file: 'users/a.csv',
          line: 1,
          column: 2,
          code: 'INVALID_OPENING_QUOTE',
          message: 'a quote (") in the middle of the cell in column 2: put the whole cell in quotes and double each quote inside it ("5"" screen"), or remove the quote',
        },
      ],
    });
  });

  it.each([
    ['a console template', 'semicolon-console.csv', 1],
    ['a native file', 'semicolon-native.csv', 1],
  ])('%s is saved with ";" (European Excel): one problem that says so', (_what, name, line) => {
    expect(load(name)).toStrictEqual({
      users: [],
      problems: [
        {
          file: `users/${name}`,
          line,
          code: 'CSV_SEPARATOR',
          message:
            'the header separates its cells with ";", not ",": save the file with commas (LibreOffice: field delimiter ","; Excel writes the list separator of Windows\' Region settings, so set it to "," there, then Save As "CSV UTF-8"). Files with other separators are refused so that every users file, and its git diff, has one format, the one the console\'s template uses',
        },
      ],
    });
  });

  it('a ";" header has blanks around its quoted names', () => {
    expect(loadCsv('"username" ; "routingProfile" ;phoneType\n', 'users/a.csv').problems.map((p) => [p.code, p.file, p.line])).toStrictEqual([['CSV_SEPARATOR', 'users/a.csv', 1]]);
  });

  it('the file is tab-separated, after blank lines', () => {
    expect(loadCsv('\n\nusername\trouting profile name\tphoneType\njane\tS\tsoft\n', 'users/a.csv').problems.map((p) => [p.code, p.line, p.message.slice(0, 50)])).toStrictEqual([
      ['CSV_SEPARATOR', 3, 'the header separates its cells with a tab, not ","'],
    ]);
  });

  it.each([
    ['a header with one known column and a ";" in another', 'username,first;name\n'],
    ['a header with one known name either side of a ";"', 'username;foo\n'],
    ['a comma header with as many known names split on ";" as on ","', 'username;lastName;x,phoneType,routingProfile\n'],
  ])('is not taken for a ";" file: %s', (_what, text) => {
    expect(loadCsv(text, 'users/a.csv').problems.filter((p) => p.code === 'CSV_SEPARATOR')).toStrictEqual([]);
  });

  it('the file is not UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('username,firstName\njane,J\njohn,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const { users, problems } = loadCsv(bytes, 'users/latin1.csv');
    expect(users).toStrictEqual([]);
    expect(problems).toStrictEqual([
      { file: 'users/latin1.csv', line: 3, code: 'INVALID_UTF8', message: 'the file is not valid UTF-8: save it as "CSV UTF-8" (in Excel: Save As > CSV UTF-8)' },
    ]);
  });

  it('the file holds a NUL byte', () => {
    expect(loadCsv(Buffer.from('username\njane\0\n'), 'users/nul.csv').problems).toStrictEqual([
      { file: 'users/nul.csv', line: 2, code: 'NUL_BYTE', message: 'the file contains a NUL byte: save it again as plain UTF-8 CSV' },
    ]);
  });

  it('a line is 1 MB long: fails fast instead of reading it', () => {
    const text = `username,firstName,lastName,routingProfile,securityProfiles,phoneType\n${'x'.repeat(1_000_000)},J,D,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/huge.csv');
    expect(users).toStrictEqual([]);
    expect(problems).toStrictEqual([
      {
        file: 'users/huge.csv',
        line: 2,
        code: 'CSV_MAX_RECORD_SIZE',
        message: `the row is longer than ${MAX_RECORD_CHARS} characters, far beyond any user row (is a quote left open?); the rows after it are not read until it is fixed`,
      },
    ]);
    expect(MAX_RECORD_CHARS < 1_000_000).toBeTruthy();
  });

  it('a quoted cell is 100 KB long, with a coded problem at its line', () => {
    const text = `username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,"${'y'.repeat(100_000)}",D,S,A,soft\njohn,J,D,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/huge-cell.csv');
    expect(users).toStrictEqual([]);
    expect(problems.map((p) => [p.code, p.file, p.line])).toStrictEqual([['CSV_MAX_RECORD_SIZE', 'users/huge-cell.csv', 2]]);
  });

  it.each([['\n\n'], [''], [',,,\n']])('the file is empty (%p)', (text) => {
    expect(loadCsv(text, 'users/empty.csv')).toStrictEqual({
      users: [],
      problems: [{ file: 'users/empty.csv', line: 1, code: 'CSV_NO_HEADER', message: 'the file is empty: expected a header row, then one row per user' }],
    });
  });
});

describe('loadCsv: secrets never reach a message', () => {
  it('a row shifted by an unquoted comma (older template, plaintext passwords) shows none of its values', () => {
    const { users, problems: loadProblems } = load('shifted-password.csv');
    const { problems } = validateUsers(users, { identityManagementType: 'CONNECT_MANAGED', allowPlaintextPasswords: true });
    const all = [...loadProblems, ...problems].map(formatProblem);
    expect(all.filter((line) => line.includes('Tr0ub4dor'))).toStrictEqual([]);
    // Row 3 shifted: its password sits in the user login column, and the username rule says so without the value.
    expect(all).toContain(`users/shifted-password.csv:3: username: expected 1 to 20 characters of letters, digits, _ . @ - (Connect's limit under CONNECT_MANAGED), got ${HIDDEN_VALUE} (USERNAME_FORMAT)`);
    // Row 4 shifted past an empty email: the password cell is empty, but the login holds a value like a password.
    expect(all).toContain(`users/shifted-password.csv:4: username: expected 1 to 20 characters of letters, digits, _ . @ - (Connect's limit under CONNECT_MANAGED), got ${HIDDEN_VALUE} (USERNAME_FORMAT)`);
    // Row 5 has one cell too many: it is not read, and the message has no value.
    expect(loadProblems.map((p) => [p.code, p.line, p.column])).toStrictEqual([
      ['INVALID_PHONE_TYPE', 3, 8],
      ['INVALID_INTEGER', 3, 11],
      ['INVALID_PHONE_TYPE', 4, 8],
      ['INVALID_INTEGER', 4, 11],
      ['CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', 5, undefined],
    ]);
    expect(users.map((u) => [u.source.line, u.hideValues])).toStrictEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
  });

  it('a cell problem in a row with a plaintext password quotes no value', () => {
    const text = 'username,password,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,Secr3t-Pa55,J,D,S,A,cell\n';
    expect(loadCsv(text, 'users/p.csv').problems).toStrictEqual([
      { file: 'users/p.csv', line: 2, column: 7, field: 'phoneType', code: 'INVALID_PHONE_TYPE', message: `expected soft or desk, got ${HIDDEN_VALUE}` },
    ]);
  });

  it('a conflict in such a row quotes neither cell', () => {
    const text = 'username,password,routingProfile,securityProfiles,phoneType,agent hierarchy,user_hierarchy_1|user_hierarchy_2\njane,Secr3t-Pa55,S,A,soft,A|B,A|C\n';
    expect(loadCsv(text, 'users/p.csv').problems.map((p) => p.message)).toStrictEqual([
      `column 6 ("agent hierarchy") and column 7 ("user_hierarchy_1|user_hierarchy_2") give different values (${HIDDEN_VALUE} and ${HIDDEN_VALUE}): fill in one of them`,
    ]);
  });

  const hidden: [string, string, boolean][] = [
    ['the password cell is empty and no cell looks like a password', ',jane.doe,Jane', false],
    ['the password cell is a reference', 'ssm:/connect/Pw1-jane,jane.doe,Jane', false],
    ['the password cell is generate', 'generate,jane.doe,Jane', false],
    ['the password cell is plaintext', 'secret,jane.doe,Jane', true],
    ['another cell could be a Connect password', ',Jane.Doe1,Jane', true],
  ];
  it.each(hidden)('hides the row\'s values when %s: %p', (_when, cells, hide) => {
    const text = `password,username,firstName,routingProfile,securityProfiles,phoneType\n${cells},S,A,soft\n`;
    expect(loadCsv(text, 'users/a.csv').users[0].hideValues).toBe(hide ? true : undefined);
  });

  it('never hides values in a file without a password column', () => {
    expect(loadCsv('username,firstName,routingProfile,securityProfiles,phoneType\nJane.Doe1,Tr0ub4dor&3,S,A,soft\n', 'users/a.csv').users[0].hideValues).toBe(undefined);
  });
});

describe('loadCsv: the template\'s example row', () => {
  it('is refused with one clear problem, at the login\'s column, and gives no user', () => {
    const text = `first name,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk)\nJane,${EXAMPLE_ROW_PREFIX}jane.doe,S,A,soft\nJohn,john.roe,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/new.csv');
    expect(problems).toStrictEqual([
      {
        file: 'users/new.csv',
        line: 2,
        column: 2,
        field: 'username',
        code: 'TEMPLATE_EXAMPLE_ROW',
        message: 'this is the template\'s example row (its user login starts with "example:"): replace it with a real user or delete the row',
      },
    ]);
    expect(users.map((u) => u.username)).toStrictEqual(['john.roe']);
  });

  it('is recognized in any case', () => {
    expect(loadCsv('username,routingProfile,securityProfiles,phoneType\nEXAMPLE:x,S,A,soft\n', 'users/a.csv').problems.map((p) => [p.code, p.file, p.line, p.column, p.field])).toStrictEqual([
      ['TEMPLATE_EXAMPLE_ROW', 'users/a.csv', 2, 1, 'username'],
    ]);
  });
});

describe('unclosedQuoteAt', () => {
  it.each([
    ['no quote', 'a,b\nc,d\n', undefined],
    ['closed quotes, doubled quotes, a quoted line break', 'a,"b ""x"" \n y"\nc,d\n', undefined],
    ['a quote left open on line 3, cell 2', 'a,b\nc,d\ne,"f\ng\n', { line: 3, column: 2 }],
    ['after blanks at the start of a cell', 'a,  "b\n', { line: 1, column: 2 }],
    ['with CRLF line ends and a BOM', '\ufeffa,b\r\nc,"d\r\n', { line: 2, column: 2 }],
    ['a quote inside an unquoted cell does not open one', 'a,b"c,d\ne,"f\n', { line: 2, column: 2 }],
    ['after a closed quote on the same line', '"a",b,"c\n', { line: 1, column: 3 }],
    ['in the first cell', '"a\n', { line: 1, column: 1 }],
    ['in the first cell, after a BOM', '\ufeff"a\n', { line: 1, column: 1 }],
    ['after a tab', 'a,\t"b\n', { line: 1, column: 2 }],
    ['after a quoted cell that spans lines', '"a\nb",c\nd,"e\n', { line: 3, column: 2 }],
    ['with lone CR line ends', 'a,b\rc,"d\r', { line: 2, column: 2 }],
  ])('%s', (_what, text, expected) => {
    expect(unclosedQuoteAt(text)).toStrictEqual(expected);
  });
});
