import { HIDDEN_VALUE } from '../../src/model';
import { instanceOf, usernamesAcrossStacks } from '../../src/validate/across-stacks';
import { makeUser } from '../helpers';

const at = (file: string, line: number) => ({ source: { file, line } });

describe('usernamesAcrossStacks', () => {
  it('reports a username defined by two stacks on one instance (ignoring case), at the later one, naming the first', () => {
    const problems = usernamesAcrossStacks([
      { id: 'sales', instance: 'i-1', users: [makeUser('amy', at('users/sales/a.csv', 2)), makeUser('bob', at('users/sales/a.csv', 3))] },
      { id: 'support', instance: 'i-1', users: [makeUser('Amy', at('users/support/b.csv', 4))] },
    ]);
    expect(problems).toStrictEqual([
      {
        file: 'users/support/b.csv',
        line: 4,
        field: 'username',
        code: 'DUPLICATE_USERNAME_ACROSS_STACKS',
        message: '"Amy" is also defined at users/sales/a.csv:2 (stack sales) on the same instance: keep it in one stack',
      },
    ]);
  });

  it('names the first definition at every later one', () => {
    const problems = usernamesAcrossStacks([
      { id: 'a', instance: 'i', users: [makeUser('amy', at('a.csv', 2))] },
      { id: 'b', instance: 'i', users: [makeUser('amy', at('b.csv', 2))] },
      { id: 'c', instance: 'i', users: [makeUser('amy', at('c.csv', 5))] },
    ]);
    expect(problems.map((p) => [p.file, p.message.slice(0, 40)])).toStrictEqual([
      ['b.csv', '"amy" is also defined at a.csv:2 (stack '],
      ['c.csv', '"amy" is also defined at a.csv:2 (stack '],
    ]);
  });

  it.each([
    ['the later row', false, true],
    ['the first row', true, false],
  ])('does not quote the username when %s may hold a password (hideValues), like every other message', (_which, firstHides, laterHides) => {
    const [problem] = usernamesAcrossStacks([
      { id: 'a', instance: 'i', users: [makeUser('amy', { ...at('a.csv', 2), hideValues: firstHides })] },
      { id: 'b', instance: 'i', users: [makeUser('AMY', { ...at('b.csv', 4), hideValues: laterHides })] },
    ]);
    expect(problem.message).toBe(`${HIDDEN_VALUE} is also defined at a.csv:2 (stack a) on the same instance: keep it in one stack`);
  });

  it('escapes the location it names', () => {
    const [problem] = usernamesAcrossStacks([
      { id: 'a', instance: 'i', users: [makeUser('amy', at('users\u001b/a.csv', 2))] },
      { id: 'b', instance: 'i', users: [makeUser('amy', at('b.csv', 4))] },
    ]);
    expect(problem.message).toBe('"amy" is also defined at users\\u001b/a.csv:2 (stack a) on the same instance: keep it in one stack');
  });

  it('allows the same username on different instances, and different usernames on one', () => {
    expect(
      usernamesAcrossStacks([
        { id: 'prod', instance: 'i-1', users: [makeUser('amy')] },
        { id: 'dev', instance: 'i-2', users: [makeUser('amy')] },
        { id: 'other', instance: 'i-1', users: [makeUser('amy.b')] },
      ]),
    ).toStrictEqual([]);
  });
});

describe('instanceOf', () => {
  it('is the instance id, or the alias marked as one', () => {
    expect(instanceOf({ instanceId: 'i-1', instanceAlias: 'x' })).toBe('i-1');
    expect(instanceOf({ instanceAlias: 'my-centre' })).toBe('alias:my-centre');
  });
});
