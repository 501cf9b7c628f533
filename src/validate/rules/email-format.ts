import { show } from '../../problems';
import type { UserRule } from '../rule';

const EMAIL = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;
const MAX = 265;

export const emailFormat: UserRule = {
  name: 'email-format',
  description: `Emails look like name@example.com and have at most ${MAX} characters.`,
  check: (user) => {
    const fields = (['email', 'secondaryEmail'] as const).filter((f) => user[f] !== undefined && user[f] !== '');
    if (fields.length === 0) return 'not-applicable';
    return fields
      .filter((f) => user[f]!.length > MAX || !EMAIL.test(user[f]!))
      .map((field) => ({
        field,
        code: 'EMAIL_FORMAT',
        message: `expected an email address like name@example.com (at most ${MAX} characters), got ${show(user[field])}`,
      }));
  },
};
