import type { RawUser } from '../model';
import { formatLocation, type Problem } from '../problems';
import { quote } from './rule';

/**
 * A username may be defined once in the whole users folder. Connect compares
 * usernames without regard to case, so `Jane.Doe` and `jane.doe` clash too.
 * Each place is reported, naming the other.
 */
export function duplicateUsernames(users: readonly RawUser[]): Problem[] {
  const byKey = new Map<string, RawUser[]>();
  for (const user of users) {
    if (!user.username) continue;
    const key = user.username.toLowerCase();
    const same = byKey.get(key);
    if (same) same.push(user);
    else byKey.set(key, [user]);
  }
  const problems: Problem[] = [];
  for (const same of byKey.values()) {
    if (same.length < 2) continue;
    // One of them may be a row whose values are hidden: the shared username is then hidden in every message.
    const hideValues = same.some((u) => u.hideValues);
    for (const user of same) {
      const others = same.filter((u) => u !== user).map((u) => formatLocation(u.source));
      problems.push({
        ...user.source,
        field: 'username',
        code: 'DUPLICATE_USERNAME',
        message: `${quote({ hideValues }, user.username)} is also defined at ${others.join(', ')} (usernames are compared ignoring case): keep one`,
      });
    }
  }
  return problems;
}
