import { EMAIL_NOT_EXPORTED } from '../../model';
import { quote, type Finding, type UserRule } from '../rule';

/**
 * UserIdentityInfo.SecondaryEmail's documented pattern,
 * `(?=^.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}` (@aws-sdk/client-connect
 * models_1.d.ts), anchored at both ends here (the documented one is not end-anchored). The primary
 * email's shape has no documented pattern; the same one is applied. hashicorp/aws checks neither.
 * The pattern is ASCII, so characters and bytes agree.
 */
const EMAIL = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;
export const MAX_EMAIL = 265;

export const emailFormat: UserRule = {
  name: 'email-format',
  description: `Emails look like name@example.com and have at most ${MAX_EMAIL} characters.`,
  check: (user) => {
    const fields = (['email', 'secondaryEmail'] as const).filter((f) => user[f] !== undefined && user[f] !== '');
    if (fields.length === 0) return 'not-applicable';
    return fields
      .filter((f) => user[f]!.length > MAX_EMAIL || !EMAIL.test(user[f]!))
      .map((field): Finding =>
        user[field] === EMAIL_NOT_EXPORTED
          ? {
              field,
              code: 'EMAIL_NOT_EXPORTED',
              message: `"${EMAIL_NOT_EXPORTED}" stands for an email that \`connect-users export --without-emails\` did not read: write the user's email from Connect here (an empty cell would clear it in Connect at the first apply), or export again without --without-emails`,
            }
          : {
              field,
              code: 'EMAIL_FORMAT',
              message: `expected an email address like name@example.com (at most ${MAX_EMAIL} characters), got ${quote(user, user[field])}`,
            },
      );
  },
};
