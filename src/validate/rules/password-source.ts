import { parsePasswordSource, passwordRuleFailures } from '../../passwords';
import type { UserRule } from '../rule';

export const passwordSource: UserRule = {
  name: 'password-source',
  description:
    'On CONNECT_MANAGED, a password cell holds a reference (generate, ssm:..., secretsmanager:..., none), not a password; plaintext only when the stack allows it, and then it meets Connect\'s rule.',
  check: (user, { identityManagementType, allowPlaintextPasswords }) => {
    if (identityManagementType !== 'CONNECT_MANAGED' || user.password === undefined || user.password === '') return 'not-applicable';
    const source = parsePasswordSource(user.password);
    if (source.kind === 'invalid') {
      return [{ field: 'password', code: 'PASSWORD_REFERENCE', message: `expected ${source.reason}; got a reference that cannot be read` }];
    }
    if (source.kind !== 'plaintext') return [];
    if (!allowPlaintextPasswords) {
      return [
        {
          field: 'password',
          code: 'PLAINTEXT_PASSWORD',
          message:
            'expected a password reference, got what looks like a password (not shown). Passwords must not be in git: clear the cell to get a generated one, or write generate, ssm:/parameter/name, secretsmanager:secret#key, or none for an existing user. A team migrating from the console template can set allowPlaintextPasswords on the stack for a while',
        },
      ];
    }
    // Connect's pattern and the provider's 8-64 bytes: see src/passwords.ts.
    const failures = passwordRuleFailures(source.value);
    if (failures.length === 0) return [];
    return [
      {
        field: 'password',
        code: 'PASSWORD_COMPLEXITY',
        message: `expected 8 to 64 characters (at most 64 bytes in UTF-8) with a lower-case letter, an upper-case letter and a digit, no white space; the password given (not shown) has ${failures.join(', ')}`,
      },
    ];
  },
};
