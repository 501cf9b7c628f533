import { UNSAFE_CHARACTER, unicodeEscape } from '../../problems';
import { quote, type Finding, type UserRule } from '../rule';

const TEXT_FIELDS = ['username', 'firstName', 'lastName', 'email', 'secondaryEmail', 'password', 'routingProfile', 'deskPhoneNumber', 'directoryUserId'] as const;

/**
 * Refuses the characters that are never printed raw (`UNSAFE_CHARACTER`: C0
 * and C1 controls, DEL, the line and paragraph separators, the bidirectional
 * controls): none belongs in a user's data, and a bidi control such as
 * U+202E would make a name read differently in the console, a plan or a
 * review than what it is.
 */
export const controlCharacters: UserRule = {
  name: 'control-characters',
  description:
    'No field holds a control character (NUL, tab, a line break, an escape, DEL, a C1 control), a line or paragraph separator, or a bidirectional control (U+202E...), in CSV and TS alike.',
  check: (user) => {
    const findings: Finding[] = [];
    /** How a value is quoted in these messages: escaped and cut short, or hidden in a row whose values may be a shifted password. */
    const shown = (value: string): string => quote(user, value);
    const check = (field: string, value: string, what: string): void => {
      const at = value.search(UNSAFE_CHARACTER);
      if (at < 0) return;
      const message =
        field === 'password'
          ? 'contains a control character (not shown: it is a password): remove it'
          : `${what}contains the control character ${unicodeEscape(value[at])} at position ${[...value.slice(0, at)].length + 1} (${shown(value)}): remove it`;
      findings.push({ field, code: 'CONTROL_CHARACTER', message });
    };
    for (const field of TEXT_FIELDS) {
      const value = user[field];
      if (typeof value === 'string') check(field, value, '');
    }
    user.securityProfiles?.forEach((name, i) => check('securityProfiles', name, `security profile #${i + 1} `));
    user.hierarchyPath?.forEach((name, i) => check('hierarchyGroup', name, `hierarchy level #${i + 1} `));
    for (const [key, value] of Object.entries(user.tags ?? {})) {
      check('tags', key, 'a tag key ');
      check('tags', value, `the value of tag ${shown(key)} `);
    }
    return findings;
  },
};
