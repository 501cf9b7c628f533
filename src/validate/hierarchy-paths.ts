import { hierarchyGroupOf, type RawUser } from '../model';
import { formatLocation, type Problem } from '../problems';
import { quote } from './rule';

/**
 * Hierarchy groups are looked up by name (the last element of a path), so one
 * name must mean one group: `EMEA|Lisbon|Sales` and `US|Austin|Sales` in the
 * same folder would both look up "Sales". A bare name (a path of one element)
 * agrees with any path ending in it. Each user whose path differs from the
 * first one seen for that name is reported, naming where that one is.
 */
export function hierarchyPathConflicts(users: readonly RawUser[]): Problem[] {
  const first = new Map<string, RawUser>();
  const problems: Problem[] = [];
  for (const user of users) {
    const path = user.hierarchyPath;
    // A path with an empty level is refused by the hierarchy-group-name rule; comparing it would only add noise.
    if (!path || path.length < 2 || path.includes('')) continue;
    const name = hierarchyGroupOf(user)!;
    const seen = first.get(name);
    if (!seen) {
      first.set(name, user);
      continue;
    }
    const seenPath = seen.hierarchyPath!.join('|');
    if (seenPath === path.join('|')) continue;
    const q = { hideValues: user.hideValues || seen.hideValues };
    problems.push({
      ...user.source,
      field: 'hierarchyGroup',
      code: 'HIERARCHY_PATH_CONFLICT',
      message: `${quote(q, path.join('|'))} and ${quote(q, seenPath)} (at ${formatLocation(seen.source)}) both end in the group ${quote(q, name)}; groups are looked up by name, so give the groups distinct names or use one path`,
    });
  }
  return problems;
}
