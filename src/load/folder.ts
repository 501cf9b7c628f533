import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { RawUser } from '../model';
import { compareText, escapeControls, show, UNSAFE_CHARACTER, type Problem } from '../problems';
import { loadCsv, type LoadResult } from './csv';
import { loadTypeScriptFiles, type TypeScriptFile } from './typescript';

export interface FolderLoadResult {
  readonly users: RawUser[];
  readonly problems: Problem[];
  /** Files that were skipped, with why: shown to the admin, not errors. */
  readonly notes: string[];
  /** The user files read, in the order read. */
  readonly files: string[];
  /** Users to adopt (`*.imports.json`, written by `connect-users export`). */
  readonly imports: ImportList[];
}

/** One `*.imports.json` file: which existing Connect user each username adopts. */
export interface ImportList {
  readonly file: string;
  readonly instanceId: string;
  readonly entries: readonly { readonly username: string; readonly id: string }[];
}

export interface LoadFolderOptions {
  /**
   * Time limit for loading each TypeScript user file, in milliseconds (callers read
   * `CONNECT_USERS_TS_TIMEOUT_SECONDS` through src/settings.ts).
   * @default 10_000
   */
  readonly tsTimeoutMs?: number;
}

/** Folders deeper than this below the users folder are not entered (`FOLDER_TOO_DEEP`). */
export const MAX_FOLDER_DEPTH = 32;
/**
 * Largest user file read, in bytes (`FILE_TOO_LARGE`): a 100,000-user CSV in the
 * console's template, as bench/generate.ts writes it, weighs 12.6 MB.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Loads every `.csv` and `.ts` file under `dir` (recursively, in sorted order
 * so the result never depends on the order on disk). Other files are skipped
 * with a note. A symbolic link is refused, the users folder itself included:
 * user files must live in the folder. Whatever the file system says (a file
 * too large, a folder too deep, a name too long, no permission) becomes a
 * problem, never a crash. TypeScript files are loaded after the walk, all in
 * one child process (see `loadTypeScriptFiles`).
 */
export function loadUsersFolder(dir: string, options: LoadFolderOptions = {}): FolderLoadResult {
  const notes: string[] = [];
  const files: string[] = [];
  const imports: ImportList[] = [];
  /** Per user file (and per folder problem), in walk order; TypeScript files are filled in after the walk. */
  const parts: LoadResult[] = [];
  const typescript: (TypeScriptFile & { readonly part: number })[] = [];
  const root = path.resolve(dir);
  const display = path.normalize(dir);
  const fail = (problem: Problem): void => {
    parts.push({ users: [], problems: [problem] });
  };

  let rootStat: Stats;
  try {
    rootStat = lstatSync(root);
  } catch (err) {
    const missing = ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '');
    fail(missing ? { file: display, code: 'USERS_DIR_MISSING', message: `the users folder ${display} does not exist: create it or set CONNECT_USERS_DIR` } : unreadable(display, err, 'folder'));
    return result(parts, notes, files, imports);
  }
  if (rootStat.isSymbolicLink()) {
    fail({ file: display, code: 'SYMLINK_REFUSED', message: `the users folder ${display} is a symbolic link, which is not followed: give the real folder` });
    return result(parts, notes, files, imports);
  }
  if (!rootStat.isDirectory()) {
    fail({ file: display, code: 'USERS_DIR_MISSING', message: `the users folder ${display} is not a folder: give a folder, or set CONNECT_USERS_DIR` });
    return result(parts, notes, files, imports);
  }

  const walk = (relDir: string, depth: number): void => {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, relDir)).sort(compareText);
    } catch (err) {
      fail(unreadable(path.join(display, relDir), err, 'folder'));
      return;
    }
    for (const name of entries) {
      const rel = path.join(relDir, name);
      const abs = path.join(root, rel);
      const file = path.join(display, rel);
      const stat = statOf(abs, file, fail);
      if (!stat) continue;
      const userFile = /\.(csv|ts)$/i.test(name) || /\.imports\.json$/i.test(name);
      if (stat.isSymbolicLink()) {
        if (userFile || isDir(abs)) {
          fail({ file, code: 'SYMLINK_REFUSED', message: 'symbolic links are not followed in the users folder: copy the file in instead' });
        } else notes.push(`note: ${escapeControls(file)}: skipped (a symbolic link)`);
      } else if (stat.isDirectory()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        if (UNSAFE_CHARACTER.test(name)) fail(unsafeName(file, 'folder'));
        else if (depth + 1 > MAX_FOLDER_DEPTH) {
          fail({
            file,
            code: 'FOLDER_TOO_DEEP',
            message: `the folder is more than ${MAX_FOLDER_DEPTH} levels below the users folder and is not read: move its files up`,
          });
        } else walk(rel, depth + 1);
      } else if (!userFile || /\.d\.ts$/i.test(name)) {
        notes.push(`note: ${escapeControls(file)}: skipped (only .csv and .ts files hold users)`);
      } else if (!stat.isFile()) {
        notes.push(`note: ${escapeControls(file)}: skipped (not a regular file)`);
      } else if (UNSAFE_CHARACTER.test(name)) {
        fail(unsafeName(file, 'file'));
      } else if (stat.size > MAX_FILE_BYTES) {
        fail({
          file,
          code: 'FILE_TOO_LARGE',
          message: `the file has ${bytes(stat.size)} bytes; at most ${bytes(MAX_FILE_BYTES)} (${MAX_FILE_BYTES / 1024 / 1024} MB) are read: split it into several files in the folder (all the files of a users folder are read as one set)`,
        });
      } else if (/\.imports\.json$/i.test(name)) {
        const text = readText(abs, file, fail);
        if (text === undefined) continue;
        const list = readImports(text, file);
        if ('code' in list) fail(list);
        else imports.push(list);
      } else if (/\.csv$/i.test(name)) {
        files.push(file);
        const content = readBytes(abs, file, fail);
        if (content) parts.push(loadCsv(content, file));
      } else {
        files.push(file);
        typescript.push({ path: abs, file, part: parts.length });
        parts.length++; // its place, filled in after the walk
      }
    }
  };
  walk('', 0);

  if (typescript.length > 0) {
    loadTypeScriptFiles(typescript, { timeoutMs: options.tsTimeoutMs }).forEach((loaded, i) => {
      parts[typescript[i].part] = loaded;
    });
  }
  return result(parts, notes, files, imports);
}

function result(parts: readonly LoadResult[], notes: string[], files: string[], imports: ImportList[]): FolderLoadResult {
  return { users: parts.flatMap((p) => p.users), problems: parts.flatMap((p) => p.problems), notes, files, imports };
}

function statOf(abs: string, file: string, fail: (p: Problem) => void): Stats | undefined {
  try {
    return lstatSync(abs);
  } catch (err) {
    fail(unreadable(file, err, 'file'));
    return undefined;
  }
}

function readBytes(abs: string, file: string, fail: (p: Problem) => void): Buffer | undefined {
  try {
    return readFileSync(abs);
  } catch (err) {
    fail(unreadable(file, err, 'file'));
    return undefined;
  }
}

function readText(abs: string, file: string, fail: (p: Problem) => void): string | undefined {
  return readBytes(abs, file, fail)?.toString('utf8');
}

function unreadable(file: string, err: unknown, what: 'file' | 'folder'): Problem {
  // Node's messages read "ENAMETOOLONG: name too long, scandir '/...'": keep the code and the reason.
  const message = (err as Error | undefined)?.message ?? '';
  const reason = /^E[A-Z]+: [^,]+/.exec(message)?.[0] ?? (err as NodeJS.ErrnoException | undefined)?.code ?? 'an unknown error';
  return { file, code: 'FILE_UNREADABLE', message: `the ${what} cannot be read (${reason})` };
}

/**
 * A user file or folder whose name holds a character that is never printed raw
 * (`UNSAFE_CHARACTER`: a line break, an escape, a bidi control...): refused,
 * so that no such name reaches a location, a note, a report or Terraform (a
 * name like `a\n::error::x.csv` would otherwise be a GitHub workflow command
 * in the CI log). The problem's file is the escaped name.
 */
function unsafeName(file: string, what: 'file' | 'folder'): Problem {
  return {
    file: escapeControls(file),
    code: 'FILE_NAME',
    message: `the ${what} name holds a control character (shown here as an escape such as \\n, \\u001b or \\u202e), which could forge lines or colours in a CI log: rename the ${what} (${what === 'file' ? 'it is' : 'its files are'} not read)`,
  };
}

function bytes(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A Connect instance id as an imports file may give it. Instance ids are UUIDs;
 * the provider accepts 1 to 100 characters (aws_connect_user's instance_id:
 * StringLenBetween(1, 100)) and splits an import id at its first colon into
 * the instance and the user id, neither empty (hashicorp/aws
 * internal/service/connect/user.go, userParseResourceID). Letters, digits and
 * `-` only also keep the id safe to print and to write into a Terraform
 * condition as it is (see synth/adoption.ts).
 */
const INSTANCE_ID = /^[a-zA-Z0-9-]{1,100}$/;

/** Parses an imports file: `{ "instanceId": "...", "imports": [{ "username": "...", "id": "instance:user" }] }`. */
export function readImports(text: string, file: string): ImportList | Problem {
  const fail = (why: string): Problem => ({
    file,
    code: 'IMPORTS_FORMAT',
    message: `${why}: expected {"instanceId": "...", "imports": [{"username": "...", "id": "<instance id>:<user id>"}]} as written by connect-users export`,
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('the file is not JSON');
  }
  const d = data as { instanceId?: unknown; imports?: unknown };
  if (typeof d?.instanceId !== 'string' || !Array.isArray(d.imports)) return fail('instanceId or imports is missing');
  if (!INSTANCE_ID.test(d.instanceId)) return fail(`instanceId ${show(d.instanceId)} is not a Connect instance id (1 to 100 letters, digits and "-", as in 0a1b2c3d-...)`);
  const entries: { username: string; id: string }[] = [];
  for (const [i, e] of d.imports.entries()) {
    const entry = e as { username?: unknown; id?: unknown };
    if (typeof entry?.username !== 'string' || typeof entry.id !== 'string' || !entry.id.startsWith(`${d.instanceId}:`) || entry.id.length === d.instanceId.length + 1) {
      return fail(`entry #${i + 1} is not {"username", "id": "${d.instanceId}:<user id>"}`);
    }
    if (UNSAFE_CHARACTER.test(entry.id)) return fail(`entry #${i + 1}: the id ${show(entry.id)} holds a control character`);
    entries.push({ username: entry.username, id: entry.id });
  }
  return { file, instanceId: d.instanceId, entries };
}

/** Whether a symbolic link points at a folder (only to word the problem: links are never followed). */
function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
