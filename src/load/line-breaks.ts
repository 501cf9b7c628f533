/** How many line breaks (`\n`; a CRLF counts once) stand in `text` between `from` and `to`. */
export function lineBreaks(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
