import { describeLength, characters, utf8Bytes } from '../lengths';
import { quote, type UserRule } from '../rule';

/**
 * The characters CreateUser documents for usernames, "[a-zA-Z0-9_-.\@]+" (API_CreateUser.html,
 * Username; the CloudFormation schema aws-connect-user.json @ 038d66d3 has the same pattern).
 */
const CHARS = /^[a-zA-Z0-9_.@-]+$/;
/** "Username can include @ only if used in an email format" ("Incorrect: testuser@example"): CreateUser, Username. */
const EMAIL_FORM = /^[a-zA-Z0-9_.-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;

/**
 * hashicorp/aws: `name` is `validation.StringLenBetween(1, 100)` (TPA internal/service/connect/user.go),
 * counted in UTF-8 bytes (see ../lengths.ts), for every identity type; the API model's
 * AgentUsername is 1-100 too (botocore service-2.json, "AgentUsername").
 */
export const MAX_USERNAME_BYTES = 100;
/**
 * CreateUser, Username: "For instances not using SAML for identity management, the user name can
 * include up to 20 characters." The model allows 100 and the provider does not check it; no
 * primary source says the service accepts more, so 20 stays the limit for CONNECT_MANAGED.
 */
export const MAX_CONNECT_MANAGED_USERNAME = 20;
/** CreateUser, Username: "If you are using SAML ..., the user name can include up to 64 characters from [a-zA-Z0-9_-.\@]+." */
export const MAX_SAML_USERNAME = 64;

export const usernameFormat: UserRule = {
  name: 'username-format',
  description: `Every username is at most ${MAX_USERNAME_BYTES} bytes in UTF-8. CONNECT_MANAGED: 1-${MAX_CONNECT_MANAGED_USERNAME} characters of a-z A-Z 0-9 _ . @ -. SAML: up to ${MAX_SAML_USERNAME} of those. Both: @ only in email form. EXISTING_DIRECTORY: no white space.`,
  check: (user, { identityManagementType }) => {
    const name = user.username;
    if (name === undefined || name === '') return 'not-applicable';
    const fail = (expected: string) => [
      {
        field: 'username',
        code: 'USERNAME_FORMAT',
        message: `expected ${expected}, got ${user.hideValues ? quote(user, name) : `${quote(user, name)} (${describeLength(name)})`}`,
      },
    ];
    if (utf8Bytes(name) > MAX_USERNAME_BYTES) return fail(`at most ${MAX_USERNAME_BYTES} bytes in UTF-8 (Terraform's provider limit, for every identity type)`);
    switch (identityManagementType) {
      case 'CONNECT_MANAGED':
      case 'SAML': {
        const max = identityManagementType === 'SAML' ? MAX_SAML_USERNAME : MAX_CONNECT_MANAGED_USERNAME;
        if (!CHARS.test(name) || characters(name) > max) return fail(`1 to ${max} characters of letters, digits, _ . @ - (Connect's limit under ${identityManagementType})`);
        if (name.includes('@') && !EMAIL_FORM.test(name)) return fail('"@" only in email form (name@example.com)');
        return [];
      }
      case 'EXISTING_DIRECTORY':
        if (/\s/.test(name)) return fail('the directory login, without white space');
        return [];
    }
  },
};
