import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { RawUser } from '../model';
import { compareText, type Problem } from '../problems';
import { loadCsv } from './csv';
import { loadTypeScript } from './typescript';

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

/**
 * Loads every `.csv` and `.ts` file under `dir` (recursively, in sorted order
 * so the result never depends on the order on disk). Other files are skipped
 * with a note. A symbolic link is refused: user files must live in the folder.
 */
export function loadUsersFolder(dir: string): FolderLoadResult {
  const users: RawUser[] = [];
  const problems: Problem[] = [];
  const notes: string[] = [];
  const files: string[] = [];
  const imports: ImportList[] = [];
  const root = path.resolve(dir);
  const display = path.normalize(dir);

  let rootIsDir = false;
  try {
    rootIsDir = lstatSync(root).isDirectory() || lstatSync(realpathSync(root)).isDirectory();
  } catch {
    /* reported below */
  }
  if (!rootIsDir) {
    problems.push({ file: display, code: 'USERS_DIR_MISSING', message: `the users folder ${display} does not exist: create it or set CONNECT_USERS_DIR` });
    return { users, problems, notes, files, imports };
  }

  const walk = (relDir: string): void => {
    const entries = readdirSync(path.join(root, relDir), { withFileTypes: true })
      .map((e) => e.name)
      .sort(compareText);
    for (const name of entries) {
      const rel = path.join(relDir, name);
      const abs = path.join(root, rel);
      const file = path.join(display, rel);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) {
        if (/\.(csv|ts)$/i.test(name) || isDir(abs)) {
          problems.push({ file, code: 'SYMLINK_REFUSED', message: 'symbolic links are not followed in the users folder: copy the file in instead' });
        } else notes.push(`note: ${file}: skipped (a symbolic link)`);
      } else if (stat.isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) walk(rel);
      } else if (/\.imports\.json$/i.test(name)) {
        const list = readImports(readFileSync(abs, 'utf8'), file);
        if ('code' in list) problems.push(list);
        else imports.push(list);
      } else if (/\.csv$/i.test(name)) {
        files.push(file);
        collect(loadCsv(readFileSync(abs), file));
      } else if (/\.ts$/i.test(name) && !/\.d\.ts$/i.test(name)) {
        files.push(file);
        collect(loadTypeScript(abs, file));
      } else {
        notes.push(`note: ${file}: skipped (only .csv and .ts files hold users)`);
      }
    }
  };
  const collect = (r: { users: RawUser[]; problems: Problem[] }): void => {
    for (const u of r.users) users.push(u);
    for (const p of r.problems) problems.push(p);
  };
  walk('');
  return { users, problems, notes, files, imports };
}

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
  const entries: { username: string; id: string }[] = [];
  for (const [i, e] of d.imports.entries()) {
    const entry = e as { username?: unknown; id?: unknown };
    if (typeof entry?.username !== 'string' || typeof entry.id !== 'string' || !entry.id.startsWith(`${d.instanceId}:`)) {
      return fail(`entry #${i + 1} is not {"username", "id": "${d.instanceId}:<user id>"}`);
    }
    entries.push({ username: entry.username, id: entry.id });
  }
  return { file, instanceId: d.instanceId, entries };
}

function isDir(p: string): boolean {
  try {
    return lstatSync(realpathSync(p)).isDirectory();
  } catch {
    return false;
  }
}
