import { describeUnits, utf16Units } from '../lengths';
import { quote, type Finding, type UserRule } from '../rule';

/**
 * The Connect API's tag shapes (botocore connect/2017-08-08/service-2.json @ cd920775: TagMap,
 * TagKey, TagValue; API_UserSearchSummary.html): a TagMap holds 1 to 50 entries; a key is 1-128
 * characters of `^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`; a value at most 256 characters, no pattern.
 * hashicorp/aws does not check tags at plan time (tftags.TagsSchema is a plain map), so every
 * tag error would only show at apply: all are checked here.
 *
 * How Connect counts "characters" is not documented (AWS's tagging pages say "Unicode characters
 * in UTF-8"). We count UTF-16 code units, which is never fewer than Unicode characters, so a key or
 * value we accept fits however characters are counted; an emoji counts 2.
 *
 * The stack's `defaultTags` also count against the 50 (the provider merges them into `tags_all`);
 * they are not known here, so the stack checks the sum.
 */
export const MAX_TAGS = 50;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
/** The API's key pattern without its `(?!aws:)`, which RESERVED checks. */
const TAG_KEY_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
/**
 * The API's pattern refuses `aws:` only; AWS's tagging guides reserve every case of it ("Don't
 * use aws:, AWS:, or any upper or lowercase combination of such as a prefix": e.g. AWS Batch,
 * "Tag restrictions"), so we refuse them all.
 */
const RESERVED = /^aws:/i;

export const tagLimits: UserRule = {
  name: 'tag-limits',
  description: `At most ${MAX_TAGS} tags; keys 1-${MAX_TAG_KEY} characters of letters, digits, spaces and _ . : / = + - @, not starting with "aws:"; values at most ${MAX_TAG_VALUE} characters.`,
  check: (user) => {
    const entries = Object.entries(user.tags ?? {});
    if (entries.length === 0) return 'not-applicable';
    const findings: Finding[] = [];
    if (entries.length > MAX_TAGS) {
      findings.push({ field: 'tags', code: 'TAG_COUNT', message: `expected at most ${MAX_TAGS} tags, got ${entries.length}: remove some` });
    }
    for (const [key, value] of entries) {
      const problem = tagKeyProblem(key);
      if (problem) {
        findings.push({
          field: 'tags',
          code: 'TAG_KEY',
          message: `expected a tag key of 1 to ${MAX_TAG_KEY} characters (letters, digits, spaces and _ . : / = + - @) not starting with "aws:", got ${quote(user, key)}, which ${problem}`,
        });
      }
      if (utf16Units(value) > MAX_TAG_VALUE) {
        findings.push({
          field: 'tags',
          code: 'TAG_VALUE',
          message: `expected the value of tag ${quote(user, key)} to have at most ${MAX_TAG_VALUE} characters, got ${describeUnits(value)}`,
        });
      }
    }
    return findings;
  },
};

/** What is wrong with a tag key, as the end of a sentence ("which ..."); undefined when it is fine. Also used for the stack's defaultTags. */
export function tagKeyProblem(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (RESERVED.test(key)) return 'starts with "aws:" (reserved for AWS)';
  if (utf16Units(key) > MAX_TAG_KEY) return `has ${describeUnits(key)}`;
  if (!TAG_KEY_CHARS.test(key)) return 'holds another character';
  return undefined;
}
