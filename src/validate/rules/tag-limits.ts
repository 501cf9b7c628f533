import { show } from '../../problems';
import type { Finding, UserRule } from '../rule';

export const tagLimits: UserRule = {
  name: 'tag-limits',
  description: 'At most 50 tags; keys 1-128 characters not starting with "aws:"; values at most 256 characters.',
  check: (user) => {
    const entries = Object.entries(user.tags ?? {});
    if (entries.length === 0) return 'not-applicable';
    const findings: Finding[] = [];
    if (entries.length > 50) {
      findings.push({ field: 'tags', code: 'TAG_COUNT', message: `expected at most 50 tags, got ${entries.length}: remove some` });
    }
    for (const [key, value] of entries) {
      if (key.length < 1 || key.length > 128 || key.toLowerCase().startsWith('aws:')) {
        findings.push({
          field: 'tags',
          code: 'TAG_KEY',
          message: `expected a tag key of 1 to 128 characters not starting with "aws:", got ${show(key)}`,
        });
      }
      if (value.length > 256) {
        findings.push({ field: 'tags', code: 'TAG_VALUE', message: `expected the value of tag ${show(key)} to have at most 256 characters, got ${value.length}` });
      }
    }
    return findings;
  },
};
