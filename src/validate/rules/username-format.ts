import { show } from '../../problems';
import type { UserRule } from '../rule';

const CHARS = /^[a-zA-Z0-9_.@-]+$/;
const EMAIL_FORM = /^[a-zA-Z0-9_.-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;

export const usernameFormat: UserRule = {
  name: 'username-format',
  description:
    'CONNECT_MANAGED: 1-20 characters of a-z A-Z 0-9 _ . @ -. SAML: up to 64 of those, with @ only in email form. EXISTING_DIRECTORY: as in the directory (1-100 characters, no white space).',
  check: (user, { identityManagementType }) => {
    const name = user.username;
    if (name === undefined || name === '') return 'not-applicable';
    const fail = (expected: string) => [
      { field: 'username', code: 'USERNAME_FORMAT', message: `expected ${expected}, got ${show(name)}` },
    ];
    switch (identityManagementType) {
      case 'CONNECT_MANAGED':
        if (!CHARS.test(name) || name.length > 20) return fail('1 to 20 characters of letters, digits, _ . @ -');
        return [];
      case 'SAML':
        if (!CHARS.test(name) || name.length > 64) return fail('1 to 64 characters of letters, digits, _ . @ -');
        if (name.includes('@') && !EMAIL_FORM.test(name)) return fail('"@" only in email form (name@example.com)');
        return [];
      case 'EXISTING_DIRECTORY':
        if (/\s/.test(name) || name.length > 100) return fail('the directory login: 1 to 100 characters, no white space');
        return [];
    }
  },
};
