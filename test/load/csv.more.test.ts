import { loadCsv, unclosedQuoteAt } from '../../src/load/csv';

const HEADER = 'username,routingProfile,securityProfiles,phoneType';

describe('loadCsv: what a refused file gives', () => {
  it('no user from a file with a NUL byte', () => {
    expect(loadCsv(`${HEADER}\njane,Sales,Agent,soft\0\n`, 'users/a.csv')).toStrictEqual({
      users: [],
      problems: [{ file: 'users/a.csv', line: 2, code: 'NUL_BYTE', message: 'the file contains a NUL byte: save it again as plain UTF-8 CSV' }],
    });
  });

  it('no user from a file whose header is wrong, only the header problem', () => {
    expect(loadCsv(`${HEADER},colour\njane,Sales,Agent,soft,red\n`, 'users/a.csv')).toStrictEqual({
      users: [],
      problems: [{ file: 'users/a.csv', line: 1, column: 5, code: 'UNKNOWN_COLUMN', message: 'unknown column "colour": see the README for the accepted columns' }],
    });
  });
});

describe('loadCsv: columns that may appear together (the hierarchy columns)', () => {
  it('reads two different hierarchy columns, and refuses a hierarchy column given twice', () => {
    const text = `${HEADER},agent hierarchy,user_hierarchy_1|user_hierarchy_2,Agent Hierarchy\njane,Sales,Agent,soft,EMEA|Sales,EMEA|Sales,EMEA|Sales\n`;
    expect(loadCsv(text, 'users/a.csv').problems).toStrictEqual([
      {
        file: 'users/a.csv',
        line: 1,
        column: 7,
        field: 'hierarchyGroup',
        code: 'DUPLICATE_COLUMN',
        message: 'column "Agent Hierarchy" fills the same field as column 5 ("agent hierarchy"): keep one of them',
      },
    ]);
    const two = loadCsv(`${HEADER},agent hierarchy,user_hierarchy_1|user_hierarchy_2\njane,Sales,Agent,soft,EMEA|Sales,EMEA|Sales\n`, 'users/a.csv');
    expect([two.problems, two.users[0].hierarchyPath]).toStrictEqual([[], ['EMEA', 'Sales']]);
  });

  it('names the first column of a field in a duplicate, with three columns of it', () => {
    const text = `${HEADER},hierarchyGroup,user_hierarchy_1|user_hierarchy_2,hierarchygroup\njane,Sales,Agent,soft,A,A,A\n`;
    expect(loadCsv(text, 'users/a.csv').problems.map((p) => [p.code, p.column, p.message])).toStrictEqual([
      ['DUPLICATE_COLUMN', 7, 'column "hierarchygroup" fills the same field as column 5 ("hierarchyGroup"): keep one of them'],
    ]);
  });
});

describe('loadCsv: where a CSV error is', () => {
  it('in the header: the column by its number only', () => {
    expect(loadCsv('user"name,routingProfile\njane,Sales\n', 'users/a.csv').problems.map((p) => p.message)).toStrictEqual([
      'a quote (") in the middle of the cell in column 1: put the whole cell in quotes and double each quote inside it ("5"" screen"), or remove the quote',
    ]);
  });

  it('in a column whose header is empty: by its number only', () => {
    const { problems } = loadCsv(`username,,routingProfile,securityProfiles,phoneType\njane,a"b,Sales,Agent,soft\n`, 'users/a.csv');
    expect(problems.map((p) => [p.code, p.line, p.column, p.message])).toStrictEqual([
      ['UNKNOWN_COLUMN', 1, 2, 'unknown column "": see the README for the accepted columns'],
      ['INVALID_OPENING_QUOTE', 2, 2, 'a quote (") in the middle of the cell in column 2: put the whole cell in quotes and double each quote inside it ("5"" screen"), or remove the quote'],
    ]);
  });
});

describe('loadCsv: other separators', () => {
  it.each([
    ['two known columns split by ";"', 'username;routingProfile\njane;Sales\n', 1],
    ['after a line of blanks', '   \nusername;routingProfile;phoneType\n', 2],
  ])('refuses %s (CSV_SEPARATOR)', (_what, text, line) => {
    expect(loadCsv(text, 'users/a.csv').problems.map((p) => [p.code, p.line])).toStrictEqual([['CSV_SEPARATOR', line]]);
  });
});

describe('unclosedQuoteAt: more quotes', () => {
  it.each([
    ['a doubled quote inside an open cell', '"a""b\n', { line: 1, column: 1 }],
    ['a doubled quote on a later line', 'x\n"a""b,c\n', { line: 2, column: 1 }],
    ['a quote after a closed quote and a blank: text, not a new cell', '"a" "b\n', undefined],
    ['a quote at the start of a line after a line of text', 'a\n"b\n', { line: 2, column: 1 }],
  ])('%s', (_what, text, expected) => {
    expect(unclosedQuoteAt(text)).toStrictEqual(expected);
  });
});
