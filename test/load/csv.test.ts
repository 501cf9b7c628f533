import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadCsv, MAX_RECORD_CHARS } from '../../src/load/csv';
import { fixture } from '../helpers';

const load = (name: string) => loadCsv(readFileSync(fixture('csv', name)), `users/${name}`);

describe('loadCsv: console templates', () => {
  it('reads the current console template with BOM, CRLF and quoted commas and quotes', () => {
    const { users, problems } = load('console-current.csv');
    assert.deepEqual(problems, []);
    assert.equal(users.length, 2);
    const [jane, mary] = users;
    assert.deepEqual(jane, {
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
    assert.equal(mary.firstName, 'Mary, Kate');
    assert.equal(mary.lastName, 'O\'Brien "MK"');
    assert.deepEqual(mary.hierarchyPath, ['EMEA', 'Dublin', 'Support'], 'the "agent hierarchy" column holds the path too');
    assert.equal(mary.phoneType, 'DESK_PHONE');
    assert.equal(mary.deskPhoneNumber, '+353100000000');
    assert.equal(mary.autoAccept, false);
    assert.equal(mary.afterContactWorkTimeLimit, undefined, 'an empty cell is absent, not 0 or ""');
    assert.equal(mary.tags, undefined);
  });

  for (const name of ['console-older.csv', 'console-current-saml.csv', 'console-older-saml.csv', 'native.csv']) {
    it(`reads ${name} without problems`, () => {
      const { users, problems } = load(name);
      assert.deepEqual(problems, []);
      assert.ok(users.length >= 1);
      assert.ok(users.every((u) => u.username && u.routingProfile && u.securityProfiles?.length && u.phoneType));
    });
  }

  it('reads the native header set with API-style values', () => {
    const [user] = load('native.csv').users;
    assert.equal(user.phoneType, 'DESK_PHONE');
    assert.equal(user.autoAccept, true);
    assert.deepEqual(user.securityProfiles, ['Agent', 'QA']);
  });

  it('copes with odd header spacing and case, blank lines, empty rows, trailing spaces, quoted line breaks, mixed line endings', () => {
    const { users, problems } = load('messy.csv');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      users.map((u) => [u.username, u.firstName, u.routingProfile, u.phoneType, u.source.line]),
      [
        ['jane.doe', 'Jane', 'Sales', 'SOFT_PHONE', 3],
        ['ann.lee', 'Ann\nMarie', 'Support, Tier 1', 'DESK_PHONE', 4],
        ['bob.stone', 'Bob', 'Sales', 'SOFT_PHONE', 7],
      ],
    );
  });

  it('a CSV with only a header has no users and no problems', () => {
    assert.deepEqual(load('only-header.csv'), { users: [], problems: [] });
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
      assert.equal(sorted.length, want.length, JSON.stringify(problems, null, 1));
      want.forEach((w, i) => {
        const p = sorted[i];
        assert.equal(p.code, w.code);
        assert.equal(p.file, `users/${name}`);
        if (w.line !== undefined) assert.equal(p.line, w.line);
        if (w.field !== undefined) assert.equal(p.field, w.field);
        if (w.includes) assert.ok(p.message.includes(w.includes), p.message);
      });
    });
  }

  it('fails when the file is not UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('username,firstName\njane,J\njohn,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const { users, problems } = loadCsv(bytes, 'users/latin1.csv');
    assert.deepEqual(users, []);
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['INVALID_UTF8', 3]]);
  });

  it('fails when the file holds a NUL byte', () => {
    const { problems } = loadCsv(Buffer.from('username\njane\0\n'), 'users/nul.csv');
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['NUL_BYTE', 2]]);
  });

  it('fails fast on a 1 MB line instead of reading it', () => {
    const text = `username,firstName,lastName,routingProfile,securityProfiles,phoneType\n${'x'.repeat(1_000_000)},J,D,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/huge.csv');
    assert.deepEqual(users, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'CSV_MAX_RECORD_SIZE');
    assert.ok(MAX_RECORD_CHARS < 1_000_000);
  });

  it('fails on a huge quoted cell (100 KB) with a coded problem and its line', () => {
    const text = `username,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,"${'y'.repeat(100_000)}",D,S,A,soft\n`;
    const { users, problems } = loadCsv(text, 'users/huge-cell.csv');
    assert.deepEqual(users, []);
    assert.deepEqual(problems.map((p) => p.code), ['CSV_MAX_RECORD_SIZE']);
    assert.equal(problems[0].line, 2);
  });

  it('fails when the file is empty', () => {
    assert.deepEqual(loadCsv('\n\n', 'users/empty.csv').problems.map((p) => p.code), ['CSV_NO_HEADER']);
  });

  it('never echoes a password cell in a problem', () => {
    const text = 'username,password,firstName,lastName,routingProfile,securityProfiles,phoneType\njane,Secr3t-Pa55,J,D,S,A,cell\n';
    const { problems } = loadCsv(text, 'users/p.csv');
    assert.equal(problems.length, 1);
    assert.ok(!JSON.stringify(problems).includes('Secr3t-Pa55'));
  });
});
