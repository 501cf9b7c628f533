import { characters } from '../lengths';
import { quote, type UserRule } from '../rule';

/**
 * HierarchyGroup.Name: "Must not be more than 100 characters" (@aws-sdk/client-connect
 * models_1.d.ts); the resource aws_connect_user_hierarchy_group checks StringLenBetween(1, 100).
 * The groups are only looked up, so, as for routing profiles, we count Unicode characters and
 * refuse only names that cannot exist. A hierarchy has at most five levels (HierarchyPath:
 * LevelOne to LevelFive; the data source's hierarchy_path has level_one to level_five).
 * An empty level (`EMEA||Sales`, `EMEA|Sales|`) is refused: it would silently name another group.
 */
export const MAX_HIERARCHY_GROUP_NAME = 100;
export const MAX_HIERARCHY_LEVELS = 5;

export const hierarchyGroupName: UserRule = {
  name: 'hierarchy-group-name',
  description: `A hierarchy path has 1 to ${MAX_HIERARCHY_LEVELS} levels, each a group name of 1 to ${MAX_HIERARCHY_GROUP_NAME} characters.`,
  check: (user) => {
    const path = user.hierarchyPath;
    if (path === undefined || path.length === 0) return 'not-applicable';
    const fail = (problem: string) => [
      {
        field: 'hierarchyGroup',
        code: 'HIERARCHY_GROUP_NAME',
        message: `expected a path of 1 to ${MAX_HIERARCHY_LEVELS} group names joined with "|", each 1 to ${MAX_HIERARCHY_GROUP_NAME} characters, got ${quote(user, path.join('|'))}, which ${problem}`,
      },
    ];
    if (path.length > MAX_HIERARCHY_LEVELS) return fail(`has ${path.length} levels`);
    const empty = path.indexOf('');
    if (empty >= 0) return fail(`has an empty level (level ${empty + 1}): remove the extra "|"`);
    const long = path.findIndex((name) => characters(name) > MAX_HIERARCHY_GROUP_NAME);
    if (long >= 0) return fail(`has a level of ${characters(path[long])} characters (level ${long + 1})`);
    return [];
  },
};
