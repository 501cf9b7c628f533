import { HIDDEN_VALUE } from '../../../src/model';
import { chars, problem, problemsFor, ruleResult } from './helpers';

const RULE = 'expected a path of 1 to 5 group names joined with "|", each 1 to 100 characters, got';

describe('hierarchy-group-name', () => {
  it.each([
    ['the path has 6 levels', ['A', 'B', 'C', 'D', 'E', 'F'], `${RULE} "A|B|C|D|E|F", which has 6 levels`],
    ['a middle level is empty', ['EMEA', '', 'Sales'], `${RULE} "EMEA||Sales", which has an empty level (level 2): remove the extra "|"`],
    ['the last level is empty', ['EMEA', 'Sales', ''], `${RULE} "EMEA|Sales|", which has an empty level (level 3): remove the extra "|"`],
    ['a level has 101 characters', ['EMEA', chars(101)], `${RULE} "EMEA|${chars(55)}…", which has a level of 101 characters (level 2)`],
  ])('fails when %s', (_when, hierarchyPath, message) => {
    expect(problemsFor({ hierarchyPath })).toStrictEqual([problem('hierarchyGroup', 'HIERARCHY_GROUP_NAME', message)]);
  });
  it.each([
    ['5 levels', ['A', 'B', 'C', 'D', 'E']],
    ['one group name', ['Sales']],
    ['a 100-character name', [chars(100)]],
    ['100 accented characters (counted as characters)', [chars(100, 'é')]],
  ])('passes %s', (_when, hierarchyPath) => {
    expect(ruleResult('hierarchy-group-name', { hierarchyPath })).toStrictEqual([]);
  });
  it.each([[undefined], [[]]])('is not applicable without a hierarchy (%p)', (hierarchyPath) => {
    expect(ruleResult('hierarchy-group-name', { hierarchyPath })).toBe('not-applicable');
  });
  it('never quotes the path of a row that may hold a password', () => {
    expect(problemsFor({ hierarchyPath: ['A', ''], hideValues: true })[0].message).toBe(`${RULE} ${HIDDEN_VALUE}, which has an empty level (level 2): remove the extra "|"`);
  });
});
