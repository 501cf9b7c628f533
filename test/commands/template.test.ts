import { cannotWrite } from '../../src/commands/template';

describe('template --out: why the file cannot be written', () => {
  it.each([
    ['EEXIST', 'users/new.csv exists already: delete it or choose another --out'],
    ['ENOENT', 'cannot write users/new.csv: its folder does not exist (create it first)'],
    ['EISDIR', 'cannot write users/new.csv: it is a folder'],
    ['EACCES', 'cannot write users/new.csv (EACCES)'],
    [undefined, 'cannot write users/new.csv (error)'],
  ])('%s: %s', (code, message) => {
    expect(cannotWrite('users/new.csv', code)).toBe(message);
  });

  it('shows a control character of the name escaped', () => {
    expect(cannotWrite('a\u001b[2J.csv', 'EEXIST')).toBe('a\\u001b[2J.csv exists already: delete it or choose another --out');
  });
});
