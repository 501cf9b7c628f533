import fc from 'fast-check';
import { csvCell, csvLine } from '../src/csv-write';
import { loadCsv } from '../src/load/csv';

describe('csvCell', () => {
  it.each([
    ['plain text', 'Jane', 'Jane'],
    ['an empty cell', '', ''],
    ['inner spaces', 'Jane Doe', 'Jane Doe'],
    ['a comma', 'Doe, Jane', '"Doe, Jane"'],
    ['a quote, doubled', 'Jane "JJ" Doe', '"Jane ""JJ"" Doe"'],
    ['a line feed', 'a\nb', '"a\nb"'],
    ['a lone carriage return', 'a\rb', '"a\rb"'],
    ['a leading space', ' Jane', '" Jane"'],
    ['a trailing space', 'Doe ', '"Doe "'],
    ['a leading tab', '\tx', '"\tx"'],
    ['a trailing no-break space', 'x\u00a0', '"x\u00a0"'],
    ['a leading ideographic space', '\u3000x', '"\u3000x"'],
    ['a leading BOM (csv-parse trims it too)', '\ufeffx', '"\ufeffx"'],
    ['only a space', ' ', '" "'],
  ])('writes %s as %j', (_what, value, cell) => expect(csvCell(value)).toBe(cell));

  it('does not quote a zero-width joiner or a dot at either end (neither is trimmed)', () => {
    expect([csvCell('\u200dx'), csvCell('x.')]).toStrictEqual(['\u200dx', 'x.']);
  });
});

describe('what csvLine writes reads back the same (export is lossless)', () => {
  const HEADER = ['username', 'password', 'firstName', 'lastName', 'routingProfile', 'securityProfiles', 'phoneType'];
  /** The values read back from one data row: the password column keeps its cell exactly; names are NFC-normalized. */
  function readBack(cells: { password: string; firstName: string; lastName: string }) {
    const text = `${csvLine(HEADER)}\n${csvLine(['jane', cells.password, cells.firstName, cells.lastName, 'Sales', 'Agent', 'soft'])}\n`;
    const { users, problems } = loadCsv(text, 'users/a.csv');
    expect(problems).toStrictEqual([]);
    return { password: users[0].password, firstName: users[0].firstName, lastName: users[0].lastName };
  }

  it('keeps leading and trailing white space, commas, quotes and line breaks', () => {
    const values = { password: ' ssm:/p ', firstName: ' Jane "JJ", \n', lastName: '\u00a0Doe\r\n' };
    expect(readBack(values)).toStrictEqual(values);
  });

  it('keeps every character of the BMP at the start and end of a cell (whatever csv-parse trims is quoted)', () => {
    const chars: string[] = [];
    for (let code = 1; code <= 0xffff; code++) if (code < 0xd800 || code > 0xdfff) chars.push(String.fromCharCode(code));
    const rows = chars.map((c) => csvLine(['jane', `${c}x${c}`, 'J', 'D', 'Sales', 'Agent', 'soft']));
    const { users, problems } = loadCsv(`${csvLine(HEADER)}\n${rows.join('\n')}\n`, 'users/a.csv');
    expect(problems).toStrictEqual([]);
    expect(users.filter((u, i) => u.password !== `${chars[i]}x${chars[i]}`)).toStrictEqual([]);
    expect(users).toHaveLength(chars.length);
  });

  it('keeps any text (property: random strings, NUL aside, which makes a file unreadable)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    fc.assert(
      fc.property(text, text, (password, name) => {
        // Non-empty cells: an empty one is "no value", not "".
        const values = { password: `${password}x`, firstName: `x${name}`.normalize('NFC'), lastName: `${name}y`.normalize('NFC') };
        expect(readBack(values)).toStrictEqual(values);
      }),
      { numRuns: 300 },
    );
  });
});
