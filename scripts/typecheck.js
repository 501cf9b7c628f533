#!/usr/bin/env node
// `npm run typecheck`: type-checks the project (tsconfig.json) plus the TypeScript
// user files of every stack in main.ts. A stack's folder comes from main.ts (and its
// variables), which a tsconfig "include" list cannot follow.
// `npm run typecheck -- users/team.ts ...`: only those files, with the project's
// options (`npx tsc --noEmit file.ts` would ignore tsconfig.json, and then fail to
// resolve `connect-users/define`).
// Exit codes: 0 no error (one line: `typecheck: OK (12.3 s)`), 1 type errors, 2 the stacks
// cannot be listed (invalid settings: said as the connect-users commands say them) or a file is missing.
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** The project's compiler options and files, from tsconfig.json. */
function project(ts) {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } });
  return { options: parsed.options, fileNames: parsed.fileNames };
}

/** A module of src/, from the sources: through tsx under plain node; jest (the tests) compiles TypeScript itself. */
function fromSources(file) {
  try {
    return require(file);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err;
  }
  return require('tsx/cjs/api').require(`${file}.ts`, __filename);
}

/** The users folders of the app's stacks, asked the way `connect-users validate` asks (`appStacks`, src/run-stacks.ts). */
function stackFolders(cwd = ROOT, env = process.env) {
  return fromSources('../src/run-stacks').appStacks({ cwd, env }).map((s) => path.resolve(cwd, s.usersDir));
}

/**
 * The .ts user files under a users folder, as the loader (src/load/folder.ts) walks it: folders
 * named node_modules or starting with "." are not entered, symbolic links are not followed,
 * `.d.ts` files are not user files.
 */
function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : tsFiles(file);
    return e.isFile() && /\.ts$/i.test(e.name) && !/\.d\.ts$/i.test(e.name) ? [file] : [];
  });
}

/**
 * Type-checks `rootNames` with the project's options. `virtualFiles` (absolute
 * path -> text) are files that exist only in memory, resolved as if on disk:
 * the README's snippets, in test/docs/readme.test.ts.
 */
function check(rootNames, virtualFiles = {}) {
  const ts = require('typescript');
  const { options } = project(ts);
  const host = ts.createCompilerHost(options);
  const isVirtual = (f) => Object.prototype.hasOwnProperty.call(virtualFiles, path.resolve(f));
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => isVirtual(f) || fileExists.call(host, f);
  host.readFile = (f) => (isVirtual(f) ? virtualFiles[path.resolve(f)] : readFile.call(host, f));
  host.getSourceFile = (f, language, ...rest) =>
    isVirtual(f) ? ts.createSourceFile(f, virtualFiles[path.resolve(f)], language, true) : getSourceFile.call(host, f, language, ...rest);
  const program = ts.createProgram({ rootNames: [...rootNames, ...Object.keys(virtualFiles)], options, host });
  return ts.getPreEmitDiagnostics(program);
}

function fail(message) {
  process.stderr.write(`typecheck: ${message}\n`);
  process.exit(2);
}

/**
 * What to check: the given files, or the project's files and every stack's .ts
 * user files. Throws when a file is missing or the stacks cannot be listed.
 */
function rootNamesFor(args, env = process.env) {
  if (args.length > 0) {
    const files = args.map((f) => path.resolve(f));
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length > 0) throw new Error(`no such file: ${missing.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
    return files;
  }
  const users = stackFolders(ROOT, env).flatMap(tsFiles);
  return [...new Set([...project(require('typescript')).fileNames.map((f) => path.resolve(f)), ...users])];
}

/** The line of a check without errors, after `ms` milliseconds: the only output of a good run. */
function okLine(ms) {
  return `typecheck: OK (${(ms / 1000).toFixed(1)} s)\n`;
}

function main(args) {
  const started = Date.now();
  const ts = require('typescript');
  let rootNames;
  try {
    rootNames = rootNamesFor(args);
  } catch (err) {
    // Invalid settings (appStacks' SettingsError): said as every command says them.
    fail(err.name === 'SettingsError' ? fromSources('../src/commands/stacks').settingsMessage(err.problems) : err.message);
  }
  const diagnostics = check(rootNames);
  const format = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  };
  if (diagnostics.length > 0) {
    const text = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext(diagnostics, format) : ts.formatDiagnostics(diagnostics, format);
    process.stdout.write(`${text}\nFound ${diagnostics.length} error(s).\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(okLine(Date.now() - started));
  }
}

module.exports = { check, okLine, rootNamesFor, stackFolders, tsFiles };
if (require.main === module) main(process.argv.slice(2));
