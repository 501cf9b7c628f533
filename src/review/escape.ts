import { escapeControls } from '../problems';

/**
 * Escaping for what the review commands print: user files and plans hold
 * text written by anyone who can open a pull request, and CI logs, terminals
 * and GitHub interpret some of it. Pure.
 *
 * - Text (terminals, CI logs): control characters (C0, DEL, C1), the
 *   Unicode line separators and the bidirectional controls are shown as
 *   escapes (`\n`, `\u001b`; see `UNSAFE_CHARACTER` in problems.ts), so a
 *   value can neither start a new log line (a GitHub workflow command such
 *   as `::error::` or `::stop-commands::` must begin a line), nor send a
 *   terminal escape sequence, nor reorder what is shown.
 * - Markdown (PR comments, job summaries): the same, then Markdown and HTML
 *   are neutralised: punctuation is backslash-escaped (tables, emphasis, links,
 *   `&lt;` entities), and `@mentions`, `#123` references and autolinks
 *   (`https://`, `www.`, emails) are broken with an invisible zero-width
 *   joiner so GitHub neither notifies nor links.
 */

/** GitHub's limit for a comment (and a practical one for a job summary), in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const ZWJ = '\u200d';

/**
 * One line of plain text: every unsafe character (C0, DEL, C1, the line and
 * paragraph separators, the bidi controls) made visible as an escape (`\n`,
 * `\u001b`). The same function as `escapeControls` (problems.ts), which holds
 * the one definition of those characters.
 */
export const escapeText: (value: string) => string = escapeControls;

/** ASCII punctuation that Markdown or GitHub may interpret (CommonMark lets any of it be backslash-escaped). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]<>()#+!|~&.:=-]/g;

/**
 * A value for Markdown text or a table cell: shown literally, whatever it
 * holds. The backslashes of `escapeText`'s escapes are themselves escaped,
 * so `\n` renders as `\n`.
 */
export function escapeMarkdown(value: string): string {
  return (
    escapeText(value)
      .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
      // @mention, team mention and email autolink: nothing GitHub links follows an "@" any more.
      .replace(/@/g, `@${ZWJ}`)
      // Issue and pull request references (#123, escaped above as \#123).
      .replace(/\\#(?=\d)/g, `\\#${ZWJ}`)
      // Autolinks: scheme:// and www. (the dot and colon are escaped above).
      .replace(/([a-zA-Z])\\:(?=\/\/)/g, `$1${ZWJ}\\:`)
      .replace(/\b(www)\\\./gi, `$1${ZWJ}\\.`)
  );
}

/**
 * Cuts Markdown to GitHub's comment limit at a line break, ending with a
 * note that says it was cut and where the whole report is.
 */
export function capMarkdown(markdown: string, where: string, limit = GITHUB_COMMENT_LIMIT): string {
  if (markdown.length <= limit) return markdown;
  const note = `\n\n> :scissors: This report was cut at ${limit.toLocaleString('en-US')} characters (GitHub's limit). ${where}\n`;
  let room = limit - note.length;
  const cut = markdown.lastIndexOf('\n', room);
  if (cut > 0) room = cut;
  else if (/[\ud800-\udbff]/.test(markdown[room - 1])) room--; // never split a surrogate pair
  return `${markdown.slice(0, room)}${note}`;
}

/** Where the whole report is when the Markdown is cut (the workflow uploads it as an artifact). */
export const FULL_REPORT_HINT =
  'The full report is in the workflow run\'s artifacts ("connect-users-reports"), or run the same command with `--format text`.';
