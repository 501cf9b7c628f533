import { describeLength, utf8Bytes } from '../lengths';
import type { UserRule } from '../rule';

/**
 * hashicorp/aws checks `identity_info.first_name` and `last_name` with
 * `validation.StringLenBetween(1, 100)` for every identity type (TPA internal/service/connect/user.go),
 * counting UTF-8 bytes (see ../lengths.ts). That is the strictest limit: the API allows
 * 1-255 (first) and 1-256 (last) characters for CONNECT_MANAGED and up to 255/300 for SAML
 * (API_UserIdentityInfo.html), but a longer name never gets past `terraform plan`.
 * Names are NFC-normalized by the loaders first (UserIdentityInfo: non-NFC text is not accepted),
 * and counted as normalized.
 */
export const MAX_NAME_BYTES = 100;

export const nameLength: UserRule = {
  name: 'name-length',
  description: `First and last names are at most ${MAX_NAME_BYTES} bytes in UTF-8 (the provider's limit, for every identity type).`,
  check: (user) => {
    const fields = (['firstName', 'lastName'] as const).filter((field) => user[field] !== undefined && user[field] !== '');
    if (fields.length === 0) return 'not-applicable';
    return fields
      .filter((field) => utf8Bytes(user[field]!) > MAX_NAME_BYTES)
      .map((field) => ({
        field,
        code: 'NAME_LENGTH',
        message: `expected at most ${MAX_NAME_BYTES} bytes in UTF-8 (Terraform's provider counts bytes: an accented letter takes 2, most Chinese, Japanese or Korean characters 3), got ${describeLength(user[field]!)}: shorten it`,
      }));
  },
};
