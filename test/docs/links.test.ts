import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { README } from './readme';

/** GitHub's anchor for a heading: lower case, punctuation dropped (not `-` or `_`), spaces as `-`. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown text's headings (a repeated one gets -1, -2, ...), fenced code left out. */
function anchors(text: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    let anchor = base;
    for (let n = 1; found.has(anchor); n++) anchor = `${base}-${n}`;
    found.add(anchor);
  }
  return found;
}

/** The targets of a text's Markdown links `[text](target)`, fenced code left out. */
function links(text: string): string[] {
  const outside = text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  return [...outside.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe('slug and anchors (how the links test reads headings)', () => {
  it.each([
    ['Reviewing a change: `diff` and `check`', 'reviewing-a-change-diff-and-check'],
    ['What a plan costs, and when to split a stack', 'what-a-plan-costs-and-when-to-split-a-stack'],
    ['Drift: what changed in Connect', 'drift-what-changed-in-connect'],
    ['Exit codes', 'exit-codes'],
    ['`TF_CLI_CONFIG_FILE` warnings', 'tf_cli_config_file-warnings'],
  ])('%s -> %s', (heading, expected) => {
    expect(slug(heading)).toBe(expected);
  });

  it('numbers a repeated heading and skips fenced code', () => {
    expect([...anchors('## A\n```sh\n# not a heading\n```\n### A\n')]).toStrictEqual(['a', 'a-1']);
  });
});

describe("README's links", () => {
  const targets = links(README);

  it('every #anchor is a heading of the README', () => {
    const known = anchors(README);
    const local = targets.filter((t) => t.startsWith('#')).map((t) => t.slice(1));
    expect(local.length).toBeGreaterThan(20);
    expect(local.filter((a) => !known.has(a))).toStrictEqual([]);
  });

  it('every relative link names a file of the project (and its #anchor, in a Markdown file, a heading there)', () => {
    const relative = targets.filter((t) => !t.startsWith('#') && !/^[a-z]+:/.test(t));
    expect(relative.length).toBeGreaterThan(0);
    const broken = relative.filter((t) => {
      const [file, anchor] = t.split('#');
      const full = path.join(ROOT, file);
      if (!existsSync(full)) return true;
      if (!anchor || !file.endsWith('.md')) return false;
      return !anchors(readFileSync(full, 'utf8')).has(anchor);
    });
    expect(broken).toStrictEqual([]);
  });
});
