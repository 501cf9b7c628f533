/**
 * `bytes` as UTF-8 text, or the 1-based line of the first sequence that is not
 * UTF-8 (never a silent U+FFFD): a file saved in another encoding must be
 * reported, not read as something else.
 */
export function decodeUtf8(bytes: Uint8Array): string | { readonly invalidLine: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    for (let start = 0, i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    return { invalidLine: line };
  }
}
