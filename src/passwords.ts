/**
 * Where a CONNECT_MANAGED user's initial password comes from. Pure, no cdktf.
 *
 * A password cell (CSV) or field (TS) holds a reference, never the password:
 * - `generate`: a random password, also stored as an SSM SecureString for hand-over;
 * - `ssm:/path/name`: an SSM SecureString parameter;
 * - `secretsmanager:name-or-arn` or `secretsmanager:name-or-arn#jsonKey`: a Secrets Manager secret,
 *   or one key of a JSON secret;
 * - `none`: send no password, for a user that exists already (adopted through an import); Connect
 *   needs one to create a CONNECT_MANAGED user, so a new user with `none` fails at apply.
 * Anything else is a plaintext password, refused unless the stack allows them.
 */
export type PasswordSource =
  | { readonly kind: 'generate' }
  | { readonly kind: 'none' }
  | { readonly kind: 'ssm'; readonly name: string }
  | { readonly kind: 'secretsmanager'; readonly secretId: string; readonly jsonKey?: string }
  | { readonly kind: 'plaintext'; readonly value: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** SSM parameter names: letters, digits and `_.-/`, at most 2048 characters. */
const SSM_NAME = /^[a-zA-Z0-9_.\-/]{1,2048}$/;
/** Secret names (or ARNs): letters, digits and `/_+=.@-:`, at most 2048 characters. */
const SECRET_ID = /^[a-zA-Z0-9/_+=.@:-]{1,2048}$/;

export function parsePasswordSource(cell: string): PasswordSource {
  const value = cell.trim();
  if (value.toLowerCase() === 'generate') return { kind: 'generate' };
  if (value.toLowerCase() === 'none') return { kind: 'none' };
  const lower = value.toLowerCase();
  if (lower.startsWith('ssm:')) {
    const name = value.slice(4);
    return SSM_NAME.test(name)
      ? { kind: 'ssm', name }
      : { kind: 'invalid', reason: 'an SSM parameter name after "ssm:" (letters, digits, _ . - /), e.g. ssm:/connect/initial-passwords/jane' };
  }
  if (lower.startsWith('secretsmanager:')) {
    const rest = value.slice('secretsmanager:'.length);
    const hash = rest.lastIndexOf('#');
    const secretId = hash < 0 ? rest : rest.slice(0, hash);
    const jsonKey = hash < 0 ? undefined : rest.slice(hash + 1);
    if (!SECRET_ID.test(secretId) || jsonKey === '') {
      return { kind: 'invalid', reason: 'a secret name or ARN after "secretsmanager:", optionally #key, e.g. secretsmanager:connect/passwords#jane' };
    }
    return jsonKey === undefined ? { kind: 'secretsmanager', secretId } : { kind: 'secretsmanager', secretId, jsonKey };
  }
  return { kind: 'plaintext', value: cell };
}

/**
 * Connect's rule for passwords, as the API model writes it (Password shape, marked sensitive;
 * botocore connect/2017-08-08/service-2.json @ cd920775, "Password"):
 * `^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$`. With the `u` flag JavaScript counts code
 * points, as Java's regex does; JavaScript's `\s` holds more white space than Java's, so this
 * refuses a little more, never less.
 */
const CONNECT_PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/u;

/**
 * hashicorp/aws checks `password` with `validation.StringLenBetween(8, 64)` (TPA
 * internal/service/connect/user.go), and plugin-sdk's StringLenBetween counts bytes (Go's `len`;
 * terraform-plugin-sdk helper/validation/strings.go; the rune-counting fix, PR #1516, is unreleased).
 */
export const MAX_PASSWORD_BYTES = 64;

/** What a plaintext password lacks to meet `meetsConnectPasswordRule`, for the message (never the password itself); empty when it meets it. */
export function passwordRuleFailures(password: string): string[] {
  const failures: string[] = [];
  const characters = [...password].length;
  if (characters < 8) failures.push('fewer than 8 characters');
  if (characters > 64) failures.push('more than 64 characters');
  else if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) failures.push(`more than ${MAX_PASSWORD_BYTES} bytes in UTF-8 (Terraform's provider counts bytes)`);
  if (!/[a-z]/.test(password)) failures.push('no lower-case letter (a-z)');
  if (!/[A-Z]/.test(password)) failures.push('no upper-case letter (A-Z)');
  if (!/\d/.test(password)) failures.push('no digit');
  if (/\s/u.test(password)) failures.push('white space');
  return failures;
}

/** Connect's rule for passwords and the provider's 8-64 bytes. */
export function meetsConnectPasswordRule(password: string): boolean {
  return CONNECT_PASSWORD.test(password) && Buffer.byteLength(password, 'utf8') <= MAX_PASSWORD_BYTES;
}

/**
 * Generated passwords are stored in SSM Parameter Store, one SecureString per user, named
 * prefix + the username encoded so that the name is a valid parameter name and distinct
 * usernames never share one (`a@b` and `a-at-b` once both became `a-at-b`, which failed at
 * apply with ParameterAlreadyExists).
 *
 * SSM's rules (sysman-paramstore-su-create.html#sysman-parameter-name-constraints; PutParameter
 * `Name`): letters, digits and `_ . -`, with `/` separating levels; at most 15 levels; the first
 * level must not start with `aws` or `ssm` (any case); at most 1011 characters counting the
 * parameter's ARN prefix (`arn:<partition>:ssm:<region>:<account>:parameter`, under 64).
 */
export const SSM_MAX_LEVELS = 15;
/** What we allow for a whole generated name: 1011 less a generous 111 for the ARN prefix. */
export const SSM_MAX_NAME = 900;
/**
 * The longest prefix we accept: an encoded username has at most 4 characters per UTF-8 byte
 * (see `encodeUsername`) and a username at most 100 bytes (the provider), so 400 + 500 fits in
 * `SSM_MAX_NAME`.
 */
export const MAX_GENERATED_PASSWORD_PREFIX = 500;

/**
 * A username as one level of an SSM name, injectively: letters, digits, `_` and `.` stand for
 * themselves; `-` is the escape character, so `-` itself becomes `--`, `@` becomes `-at-`
 * (readable, and what the names were before), and any other character `-<hex code point>-`
 * (lower case, e.g. `é` is `-e9-`, `/` is `-2f-`). No code word is the start of another
 * (after `-` comes `-`, `at-`, or hex digits and `-`, and `t` is not a hex digit), so every
 * name decodes to exactly one username. A username without `-` or `@` keeps its own name.
 */
export function encodeUsername(username: string): string {
  let out = '';
  for (const c of username) {
    if (/^[A-Za-z0-9_.]$/.test(c)) out += c;
    else if (c === '-') out += '--';
    else if (c === '@') out += '-at-';
    else out += `-${c.codePointAt(0)!.toString(16)}-`;
  }
  return out;
}

/** The SSM parameter holding a user's generated password: the prefix (which ends in `/`), then the encoded username. */
export function generatedPasswordParameterName(prefix: string, username: string): string {
  return `${prefix}${encodeUsername(username)}`;
}

/**
 * What is wrong with a `generatedPasswordPrefix` (undefined when it is fine): it must be a
 * fully qualified SSM path ending in `/`, with levels of letters, digits and `_ . -`, a first
 * level not starting with `aws` or `ssm`, at most `SSM_MAX_LEVELS - 1` levels (the username is
 * one more) and `MAX_GENERATED_PASSWORD_PREFIX` characters.
 */
export function generatedPasswordPrefixProblem(prefix: string): string | undefined {
  if (!/^\/([A-Za-z0-9_.-]+\/)+$/.test(prefix)) return 'must start and end with "/" and have levels of letters, digits and _ . - (no empty level), e.g. /connect/initial-passwords/';
  const levels = prefix.split('/').length - 2;
  if (levels > SSM_MAX_LEVELS - 1) return `has ${levels} levels; SSM allows ${SSM_MAX_LEVELS} in all, and the username takes one, so at most ${SSM_MAX_LEVELS - 1}`;
  if (/^\/(aws|ssm)/i.test(prefix)) return 'must not start with "aws" or "ssm" (in any case): SSM reserves them';
  if (prefix.length > MAX_GENERATED_PASSWORD_PREFIX) return `has ${prefix.length} characters; at most ${MAX_GENERATED_PASSWORD_PREFIX}, so that every parameter name fits SSM's limit`;
  return undefined;
}
