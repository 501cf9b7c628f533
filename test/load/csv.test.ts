import { readFileSync } from 'node:fs';
import { loadCsv, MAX_RECORD_CHARS } from '../../src/load/csv';
import { fixture } from '../helpers';

const load = (name: string) => loadCsv(readFileSync(fixture('csv', name)), `users/${name}`);

describe('loadCsv: console templates', () => {
  it('reads the current console template with BOM, CRLF and quoted commas and quotes', () => {
    const { users, problems } = load('console-current.csv');
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
      source: { file: 'users/console-current.csv', line: 2 },
    });
    expect(mary.firstName).toBe('Mary, Kate');
    expect(mary.lastName).toBe('O\'Brien "MK"');
    expect(mary.hierarchyPath).toStrictEqual(['EMEA', 'Dublin', 'Support']) /* 'the "agent hierarchy" column holds the path too' */;
    expect(mary.phoneType).toBe('DESK_PHONE');
    expect(mary.deskPhoneNumber).toBe('+353100000000');
    expect(mary.autoAccept).toBe(false);
    expect(mary.afterContactWorkTimeLimit).toBe(undefined) /* 'an empty cell is absent, not 0 or ""' */;
    expect(mary.tags).toBe(undefined);
  });

  for (const name of ['console-older.csv', 'console-current-saml.csv', 'console-older-saml.csv', 'native.csv']) {
    it(`reads ${name} without problems`, () => {
      const { users, problems } = load(name);
      expect(problems).toStrictEqual([]);
      expect(users.length >= 1).toBeTruthy();
      expect(users.every((u) => u.username && u.routingProfile && u.securityProfiles?.length && u.phoneType)).toBeTruthy();
    });
  }

  it('reads the native header set with API-style values', () => {
    const [user] = load('native.csv').users;
    expect(user.phoneType).toBe('DESK_PHONE');
    expect(user.autoAccept).toBe(true);
    expect(user.securityProfiles).toStrictEqual(['Agent', 'QA']);
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

  it('a CSV with only a header has no users and no problems', () => {
    expect(load('only-header.csv')).toStrictEqual({ users: [], problems: [] });
  });
});

describe('loadCsv: fails when ...', () => {
  const cases: [string, string, { code: string; line?: number; field?: string; includes?: string }[]][] = [
    ['a column is unknown (suggests the closest name)', 'unknown-column.csv', [{ code: 'UNKNOWN_COLUMN', line: 1, includes: 'did you mean "routing profile name"' }]],
    ['two columns fill the same field', 'duplicate-header.csv', [{ code: 'DUPLICATE_COLUMN', line: 1 }]],
    [
      'required columns are missing',
      'missing-columns.csv',
      [
        { code: 'MISSING_COLUMN', field: 'phoneType' },
        { code: 'MISSING_COLUMN', field: 'routingProfile' },
        { code: 'MISSING_COLUMN', field: 'securityProfiles' },
      ],
    ],
    [
      'cells cannot be read (every one reported)',
      'bad-cells.csv',
      [
        { code: 'INVALID_PHONE_TYPE', line: 2, field: 'phoneType', includes: 'expected soft or desk, got "cell"' },
        { code: 'INVALID_YES_NO', line: 2, field: 'autoAccept' },
        { code: 'INVALID_INTEGER', line: 2, field: 'afterContactWorkTimeLimit' },
        { code: 'INVALID_TAG', line: 2, field: 'tags' },
        { code: 'DUPLICATE_TAG', line: 3, field: 'tags' },
      ],
    ],
    [
      'rows have too few or too many cells (each reported, parsing goes on)',
      'ragged.csv',
      [
        { code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', line: 3 },
        { code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', line: 4 },
      ],
    ],
    ['a quote is never closed', 'unclosed-quote.csv', [{ code: 'CSV_QUOTE_NOT_CLOSED' }]],
  ];
  for (const [when, name, expected] of cases) {
    it(`fails when ${when}`, () => {
      const { problems } = load(name);
      const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code) || (a.field ?? '').localeCompare(b.field ?? ''));
      const want = [...expected].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code) || (a.field ?? '').localeCompare(b.field ?? ''));
      expect(sorted.length).toBe(want.length) /* JSON.stringify(problems, null, 1) */;
      want.forEach((w, i) => {
        const p = sorted[i];
        expect(p.code).toBe(w.code);
        expect(p.file).toBe(`users/${name}`);
        if (w.line !== undefined) expect(p.line).toBe(w.line);
        if (w.field !== undefined) expect(p.field).toBe(w.field);
        if (w.includes) expect(p.message.includes(w.includes)).toBeTruthy() /* p.message */;
      });
    });
  }

  it('fails when the file is not UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('username,firstName\njane,J\njohn,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const { users, problems } = loadCsv(bytes, 'users/latin1.csv');
    expect(users).toStrictEqual([]);
    expect(problems.map((p) => [p.code, p.line])).toStrictEqual([['INVALID_UTF8', 3]]);
  });

  it('fails when the file holds a NUL byte', () => {
    const { problems } = loadCsv(Buffer.from('username\njane\0\n'), 'users/nul.csv');
    expect(problems.map((p) => [p.code, p.line])).toStrictEqual([['NUL_BYTE', 2]]);
  });

  it('fails fast on a 1 MB line instead of reading it', () => {
    const text = `username,firstName,lastName,routingProfile,securityProfiles,phoneType\n${'x'.repeat(1_000_000)},J,D,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/huge.csv');
    expect(users).toStrictEqual([]);
    expect(problems.length).toBe(1);
    expect(problems[0].code).toBe('CSV_MAX_RECORD_SIZE');
    expect(MAX_RECORD_CHARS < 1_000_000).toBeTruthy();
  });

  it('fails on a huge quoted cell (100 KB) with a coded problem and its line', () => {
    const text = `username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,"${'y'.repeat(100_000)}",D,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/huge-cell.csv');
    expect(users).toStrictEqual([]);
    expect(problems.map((p) => p.code)).toStrictEqual(['CSV_MAX_RECORD_SIZE']);
    expect(problems[0].line).toBe(2);
  });

  it('fails when the file is empty', () => {
    expect(loadCsv('\n\n', 'users/empty.csv').problems.map((p) => p.code)).toStrictEqual(['CSV_NO_HEADER']);
  });

  it('never echoes a password cell in a problem', () => {
    const text = 'username,password,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,Secr3t-Pa55,J,D,S,A,cell\n';
    const { problems } = loadCsv(text, 'users/p.csv');
    expect(problems.length).toBe(1);
    expect(JSON.stringify(problems).includes('Secr3t-Pa55')).toBeFalsy();
  });
});
