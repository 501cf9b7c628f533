/**
 * The TypeScript loader child. `loadTypeScriptFiles` (typescript.ts) runs this
 * file in a separate Node process, so that a user file can neither end nor
 * hang the process that validates or synthesizes: whatever a file does
 * (exit, loop, crash, leave a promise rejected), the parent gets a result per
 * file or knows which file was loading when the child stopped.
 *
 * Protocol. stdin: `{"files": ["/abs/a.ts", ...]}`. fd 3: one JSON line
 * `{"ready":true}` once the TypeScript hook is in place, then per file in
 * order `{"i":0,"export":<encoded default export>}` (see ts-export.ts) or
 * `{"i":0,"problem":{"code","message","line"?,"column"?}}`. A file's line is
 * written before the next file starts, so the first file without one is the
 * file that was loading when the child stopped. stdout and stderr carry only
 * what the user files print.
 *
 * Bundled into dist/typescript-child.js by scripts/build.js; run from the
 * sources through tsx (jest, ts-node users).
 */
import { readFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { escapeControls, show } from '../problems';
import { describeThrown, encodeProperty, errorMessage, lineIn } from './ts-export';

const RESULTS_FD = 3;
// Taken before any user file runs, so that none can change how results are sent.
const write = writeSync;
const stringify = JSON.stringify;
const nextTurn = setImmediate;
const NativePromise = Promise;

interface ChildProblem {
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** What happened while one file loaded, besides what `require` returned or threw. */
interface FileState {
  exit?: { readonly call: string; readonly line?: number };
  rejection?: { readonly reason: unknown };
  uncaught?: { readonly error: unknown };
}

/** Thrown by the replaced `process.exit`, so that the file stops where it called it. */
class ExitCalled extends Error {}

function send(message: object): void {
  const bytes = Buffer.from(`${stringify(message)}\n`, 'utf8');
  for (let done = 0; done < bytes.length; ) done += write(RESULTS_FD, bytes, done);
}

async function main(): Promise<void> {
  const files = (JSON.parse(readFileSync(0, 'utf8')) as { files: string[] }).files;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!require.extensions['.ts']) require('tsx/cjs/api').register();

  // Kept before any user file runs: what the file may replace, we do not use.
  const reallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit.bind(process);
  let current = '';
  let state: FileState = {};
  process.exit = ((code?: unknown) => {
    state.exit ??= { call: `process.exit(${code === undefined ? '' : show(code, 20)})`, line: lineIn(new Error(), current) };
    throw new ExitCalled('process.exit was called');
  }) as typeof process.exit;
  process.on('unhandledRejection', (reason) => {
    state.rejection ??= { reason };
  });
  process.on('uncaughtException', (error) => {
    state.uncaught ??= { error };
  });
  send({ ready: true });

  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    current = file;
    state = {};
    let encoded: unknown;
    let thrown: { error: unknown } | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports: unknown = require(file);
      encoded = encodeProperty(exports, 'default', file);
    } catch (error) {
      thrown = { error };
    }
    // Let the promises the file left behind settle, so a rejection is seen as this file's.
    await new NativePromise((resolve) => nextTurn(resolve));
    const problem = problemOf(file, state, thrown);
    send(problem ? { i, problem } : { i, export: encoded });
  }
  // Straight out: no exit handler or timer a file left behind may run, or hold the child.
  reallyExit(0);
}

function problemOf(file: string, state: FileState, thrown: { error: unknown } | undefined): ChildProblem | undefined {
  if (state.exit) {
    return {
      code: 'TS_EXIT',
      line: state.exit.line,
      message: `the file calls ${state.exit.call}: a user file must only export its users; remove the call`,
    };
  }
  if (thrown) return syntaxError(file, thrown.error) ?? loadError(file, thrown.error, 'the file failed to load');
  if (state.rejection) {
    const { reason } = state.rejection;
    return {
      code: 'TS_UNHANDLED_REJECTION',
      line: lineIn(reason, file),
      message: `a promise of the file was rejected and nothing handled it: ${describeThrown(reason)}. Users must be exported as a plain array, not awaited`,
    };
  }
  if (state.uncaught) return loadError(file, state.uncaught.error, 'the file threw after loading (in a callback)');
  return undefined;
}

function loadError(file: string, error: unknown, what: string): ChildProblem {
  return { code: 'TS_LOAD_ERROR', line: lineIn(error, file), message: `${what}: ${describeThrown(error, 300)}` };
}

/**
 * tsx compiles with esbuild, whose error message is
 * `Transform failed with 1 error:\n/abs/file.ts:2:25: ERROR: Expected ...`
 * (0-based column): that becomes the problem's line and 1-based column.
 */
function syntaxError(file: string, error: unknown): ChildProblem | undefined {
  const message = errorMessage(error) ?? '';
  if (!message.startsWith('Transform failed')) return undefined;
  const found = /^(.*):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  if (!found) return undefined;
  const [, where, line, column, reason] = found;
  const more = /with (\d+) errors/.exec(message);
  const others = more ? ` (and ${Number(more[1]) - 1} more)` : '';
  const explained = `${escapeControls(reason.slice(0, 300))}${others}`;
  if (where === file) {
    return {
      code: 'TS_SYNTAX_ERROR',
      line: Number(line),
      column: Number(column) + 1,
      message: `the file is not valid TypeScript at column ${Number(column) + 1}: ${explained}`,
    };
  }
  const other = path.relative(process.cwd(), where) || where;
  return {
    code: 'TS_SYNTAX_ERROR',
    message: `a file it imports is not valid TypeScript (${other}:${line}:${Number(column) + 1}): ${explained}`,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`connect-users: the TypeScript loader failed: ${describeThrown(error)}\n`);
  process.exitCode = 70;
});
