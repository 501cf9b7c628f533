import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { scanCodes } from './codes';
import { codeBlocks, codeSpans, README, section, sources, table } from './readme';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../../scripts/typecheck.js') as {
  check(rootNames: string[], virtualFiles: Record<string, string>): { file?: { fileName: string; getLineAndCharacterOfPosition(p: number): { line: number } }; start?: number; code: number; messageText: unknown }[];
};

/**
 * csv-parse's own error codes that a file can cause, from the module src/load/csv.ts loads: it
 * passes them on as problem codes. Left out: the codes about csv-parse's options and column
 * definitions (CSV_INVALID_OPTION_*, ...), which only our fixed options could cause, never a file.
 */
function csvParseCodes(): string[] {
  const text = readFileSync(require.resolve('csv-parse/sync', { paths: [ROOT] }), 'utf8');
  const all = [...new Set([...text.matchAll(/new CsvError\(\s*["']([A-Z_]+)["']/g)].map((m) => m[1]))];
  return all.filter((c) => !/OPTION|COLUMN_DEFINITION|COLUMN_MAPPING|REQUIRES_COLUMNS|INCONSISTENT_COLUMNS/.test(c)).sort();
}

describe('scanCodes (how the codes test finds codes)', () => {
  const scan = (text: string) => scanCodes([{ name: 'x.ts', text }]);

  it('finds literals, conditionals, variables and helper parameters', () => {
    const { codes, unresolved } = scan(`
      const A = { code: 'LITERAL_ONE', message: '' };
      const b = (x: boolean) => ({ code: x ? 'WHEN_TRUE' : 'WHEN_FALSE' });
      const c = (e: { code?: string }) => ({ code: e.code ?? 'FALLBACK' });
      const kind = 'FROM_VARIABLE';
      const d = { code: kind };
      function problem(file: string, c: string) { return { file, code: c }; }
      problem('f', 'THROUGH_HELPER');
      function relay(what: string) { return problem('f', what); }
      relay('THROUGH_TWO_HELPERS');
      class Failure { constructor(readonly code: string) {} }
      new Failure('THROUGH_CONSTRUCTOR');
      const shorthand = (code: string) => ({ code });
      shorthand('THROUGH_SHORTHAND');
      void [A, b, c, d];
    `);
    expect([...codes].sort()).toStrictEqual(
      ['FALLBACK', 'FROM_VARIABLE', 'LITERAL_ONE', 'THROUGH_CONSTRUCTOR', 'THROUGH_HELPER', 'THROUGH_SHORTHAND', 'THROUGH_TWO_HELPERS', 'WHEN_FALSE', 'WHEN_TRUE'].sort(),
    );
    expect(unresolved).toStrictEqual([]);
  });

  it('says what it cannot follow', () => {
    expect(scan('const p = (k: string) => ({ code: `CSV_${k}` });').unresolved).toStrictEqual(['x.ts: `CSV_${k}`']);
    expect(scan("const p = { code: codeFor('x') };").unresolved).toStrictEqual(["x.ts: codeFor('x')"]);
    expect(scan("const p = { code: 'not a code' };").unresolved).toStrictEqual(["x.ts: 'not a code' (not a code)"]);
  });
});

describe("README's codes table (What is validated) and the codes the source emits", () => {
  const rows = table(section('What is validated'), 'code');
  const documented = rows.flatMap((r) => codeSpans(r[0]));
  const literal = documented.filter((c) => !c.endsWith('*'));
  const wildcards = documented.filter((c) => c.endsWith('*')).map((c) => c.slice(0, -1));
  const files = ['main.ts', ...sources('src')];
  const scan = scanCodes(files.map((name) => ({ name, text: readFileSync(path.join(ROOT, name), 'utf8') })));
  const csvParse = csvParseCodes();

  it('the scan follows every code in the source', () => {
    expect(scan.unresolved).toStrictEqual([]);
    expect(scan.codes.has('NO_USERS')).toBe(true);
    expect(csvParse).toContain('CSV_QUOTE_NOT_CLOSED');
  });

  it('every code the source emits is in the table, by name', () => {
    expect([...scan.codes].filter((c) => !literal.includes(c)).sort()).toStrictEqual([]);
  });

  it("every csv-parse code (passed on by the CSV loader) is in the table, by name or as CSV_*", () => {
    expect(csvParse.filter((c) => !literal.includes(c) && !wildcards.some((w) => c.startsWith(w)))).toStrictEqual([]);
  });

  it('every code in the table is emitted, and every wildcard stands for csv-parse codes', () => {
    expect(literal.filter((c) => !scan.codes.has(c) && !csvParse.includes(c))).toStrictEqual([]);
    expect(wildcards.filter((w) => !csvParse.some((c) => c.startsWith(w)))).toStrictEqual([]);
  });
});

describe("README's TypeScript snippets", () => {
  const blocks = codeBlocks('ts');
  const PARTIAL = /^\/\/ snippet: partial \(.{10,}\)\n/;

  it('a snippet marked partial says why', () => {
    const marked = blocks.filter((b) => b.code.startsWith('// snippet: partial'));
    expect(marked.filter((b) => !PARTIAL.test(b.code)).map((b) => `README.md:${b.line}`)).toStrictEqual([]);
    expect(codeBlocks('typescript')).toStrictEqual([]); // one spelling, so none is missed
  });

  it("every other snippet compiles with the project's tsconfig, as a file at the project root", () => {
    const complete = blocks.filter((b) => !PARTIAL.test(b.code));
    expect(complete.length).toBeGreaterThanOrEqual(3);
    const virtual: Record<string, string> = {};
    for (const b of complete) virtual[path.join(ROOT, `README.md-line-${b.line}.ts`)] = b.code;
    // A snippet with a mistake, to show that mistakes are found.
    const canary = path.join(ROOT, 'README.md-canary.ts');
    virtual[canary] = "import { defineUsers } from 'connect-users/define';\nexport default defineUsers([{ username: 'a', routingProfile: 'r', securityProfiles: ['s'], phoneType: 'SOFT' }]);\n";
    const errors = check([], virtual).map((d) => {
      const file = d.file ? path.basename(d.file.fileName) : '?';
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const at = file.replace(/^README\.md-line-(\d+)\.ts$/, (_, start) => `README.md:${Number(start) + 1 + line}`);
      const text = typeof d.messageText === 'string' ? d.messageText : (d.messageText as { messageText: string }).messageText;
      return `${at}: TS${d.code} ${text}`;
    });
    expect(errors.filter((e) => e.startsWith('README.md-canary.ts')).map((e) => e.slice(0, 30))).toStrictEqual(['README.md-canary.ts: TS2322 Ty']);
    expect(errors.filter((e) => !e.startsWith('README.md-canary.ts'))).toStrictEqual([]);
  });

  it('the snippets include a TypeScript user file and main.ts', () => {
    expect(blocks.some((b) => b.code.includes("from 'connect-users/define'"))).toBe(true);
    expect(blocks.some((b) => b.code.includes("from './src/run-stacks'"))).toBe(true);
    expect(README.includes('```ts\n')).toBe(true);
  });
});
