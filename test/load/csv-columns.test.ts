import { columnFor, columnName, CSV_COLUMNS, headerKey, KNOWN_HEADERS, splitList } from '../../src/load/csv-columns';

describe('splitList', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['Agent', ['Agent']],
    [' EMEA | Lisbon |Sales ', ['EMEA', 'Lisbon', 'Sales']],
    ['EMEA||Sales', ['EMEA', '', 'Sales']],
    ['EMEA|Sales|', ['EMEA', 'Sales', '']],
    ['Se\u0301', ['S\u00e9']],
  ])('splits %p into %p (empty entries kept for the rules to refuse)', (cell, list) => {
    expect(splitList(cell)).toStrictEqual(list);
  });
});

describe('the column table', () => {
  it('matches headers ignoring case and white space', () => {
    expect(headerKey(' Phone Type (Soft/Desk) ')).toBe('phonetype(soft/desk)');
    expect(columnFor('AUDIO ENHANCEMENT (none/isolate voice/suppress noise)')?.headers[0]).toBe('audioEnhancement');
    expect(columnFor('audio enhancement(none/isolate voice/suppress noise)')?.headers[0]).toBe('audioEnhancement');
    expect(columnFor('persistent connection')?.headers[0]).toBe('persistentConnection');
    expect(columnFor('Persistent Connection (yes/no)')?.headers[0]).toBe('persistentConnection');
    expect(columnFor('no such column')).toBe(undefined);
  });

  it('names each column by its native name, and no header belongs to two columns', () => {
    expect(CSV_COLUMNS.map(columnName)).toStrictEqual([
      'username',
      'firstName',
      'lastName',
      'email',
      'secondaryEmail',
      'password',
      'routingProfile',
      'securityProfiles',
      'hierarchyGroup',
      'phoneType',
      'deskPhoneNumber',
      'autoAccept',
      'afterContactWorkTimeLimit',
      'tags',
      'directoryUserId',
      'mobile',
      'persistentConnection',
      'audioEnhancement',
    ]);
    for (const column of CSV_COLUMNS) for (const h of column.headers) expect(columnFor(h)).toBe(column);
    expect(KNOWN_HEADERS.length).toBe(CSV_COLUMNS.reduce((n, c) => n + c.headers.length, 0));
  });
});

describe('the tags column', () => {
  const parse = (cell: string) => CSV_COLUMNS.find((c) => c.field === 'tags')!.parse!(cell, (v) => JSON.stringify(v));
  it.each<[string, unknown]>([
    ['team=sales| |site:lisbon', { value: { team: 'sales', site: 'lisbon' } }],
    [' =x | a=b', { code: 'INVALID_TAG', message: 'expected key=value (or key:value) pairs joined with "|", got "=x"' }],
    ['a=b|  novalue  ', { code: 'INVALID_TAG', message: 'expected key=value (or key:value) pairs joined with "|", got "novalue"' }],
  ])('reads %p', (cell, expected) => {
    expect(parse(cell)).toStrictEqual(expected);
  });
});
