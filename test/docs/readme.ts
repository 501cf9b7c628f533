/** Reading the README in tests: its sections, tables and code blocks. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';

export const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The text of the `## title` section, up to the next `## ` heading. */
export function section(title: string, text = README): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `## ${title}`);
  if (start < 0) throw new Error(`README has no section "## ${title}"`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first Markdown table whose header's first cell is `firstHeader`, as cells (header and separator left out). */
export function table(text: string, firstHeader: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|') && cells(l)[0] === firstHeader);
  if (start < 0) throw new Error(`no table starting with "| ${firstHeader} |"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

function cells(line: string): string[] {
  // A `|` escaped as `\|` (e.g. in code spans) does not split cells.
  return line
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The words in backticks of a table cell: "`A`, `B`" -> ['A', 'B']. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** Fenced code blocks of the given language, with the line each starts on. */
export function codeBlocks(lang: string, text = README): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```' + lang) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

/** The project's TypeScript sources under `dir` (relative to the root), fixtures left out. */
export function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}
