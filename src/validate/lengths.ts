/**
 * How lengths are counted, since the limits we check count differently:
 * - hashicorp/aws validates with plugin-sdk's `StringLenBetween`, which counts UTF-8 **bytes**
 *   (Go's `len`; terraform-plugin-sdk helper/validation/strings.go, every release; the
 *   rune-counting change, PR #1516, is unreleased): `name`, `first_name`, `last_name`, `password`.
 * - Connect's API documents limits in "characters"; how it counts them is not documented.
 */

/** UTF-8 bytes: how the provider counts. */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Unicode characters (code points): what a person counts. */
export function characters(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** `66 characters, 132 bytes in UTF-8`, or `66 characters` when both counts agree. */
export function describeLength(value: string): string {
  const chars = characters(value);
  const bytes = utf8Bytes(value);
  const unit = chars === 1 ? 'character' : 'characters';
  return bytes === chars ? `${chars} ${unit}` : `${chars} ${unit}, ${bytes} bytes in UTF-8`;
}

/**
 * UTF-16 code units (a JavaScript or Java string's length): how we count where the API's
 * counting is not documented and a too-long value only fails at apply (tags). Never fewer than
 * `characters`: a character outside the Basic Multilingual Plane (most emoji) counts 2.
 */
export function utf16Units(value: string): number {
  return value.length;
}

/** `130 characters`, or `100 characters, counted as 130 (...)` when some count twice. */
export function describeUnits(value: string): string {
  const chars = characters(value);
  const units = utf16Units(value);
  return units === chars ? `${chars} characters` : `${chars} characters, counted as ${units} (an emoji or other character outside the Basic Multilingual Plane counts 2)`;
}
