/**
 * The stack's `defaultTags` (the provider's `default_tags`) count against Connect's 50 tags a
 * user, since the provider sends `tags_all` = default tags merged with the user's own (a user's
 * tag of the same key wins). The tag-limits rule sees only a user's own tags; this sees both.
 * Pure: `readUsers` runs it when given the stack's default tags.
 */
import type { User } from '../model';
import { show, type Problem } from '../problems';
import { describeUnits, utf16Units } from './lengths';
import { MAX_TAG_KEY, MAX_TAG_VALUE, MAX_TAGS, tagKeyProblem } from './rules/tag-limits';

/** One `TAG_COUNT` problem (at the user's file:line) per user whose own tags and the default tags make more than 50 keys. */
export function tagsWithDefaults(users: readonly User[], defaultTags: Readonly<Record<string, string>>): Problem[] {
  const defaults = Object.keys(defaultTags);
  if (defaults.length === 0) return [];
  const problems: Problem[] = [];
  for (const u of users) {
    const own = Object.keys(u.tags);
    // More than 50 of its own is the tag-limits rule's TAG_COUNT already.
    if (own.length > MAX_TAGS) continue;
    const total = new Set([...own, ...defaults]).size;
    if (total <= MAX_TAGS) continue;
    problems.push({
      ...u.source,
      field: 'tags',
      code: 'TAG_COUNT',
      message: `expected at most ${MAX_TAGS} tags counting the stack's ${defaults.length} default tags (defaultTags), got ${total} (${own.length} of the user's own, ${total - own.length} more from the defaults): remove some of either`,
    });
  }
  return problems;
}

/** What is wrong with the stack's defaultTags (the same rules as a user's tags), one message each; empty when they are fine. */
export function defaultTagsProblems(defaultTags: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(defaultTags);
  const messages: string[] = [];
  if (entries.length > MAX_TAGS) messages.push(`expected at most ${MAX_TAGS} default tags, got ${entries.length}`);
  for (const [key, value] of entries) {
    const problem = tagKeyProblem(key);
    if (problem) messages.push(`expected a tag key of 1 to ${MAX_TAG_KEY} characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got ${show(key)}, which ${problem}`);
    if (typeof value !== 'string') messages.push(`expected the value of tag ${show(key)} to be a string, got ${show(value)}`);
    else if (utf16Units(value) > MAX_TAG_VALUE) messages.push(`expected the value of tag ${show(key)} to have at most ${MAX_TAG_VALUE} characters, got ${describeUnits(value)}`);
  }
  return messages;
}
