/**
 * The export's own files, written so that no run corrupts another's or its
 * own: one export per output at a time (a lock file), the checkpoint and the
 * outputs replaced atomically (temp file + rename), and local failures told
 * apart from AWS ones.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import type { Checkpoint } from './export-users';

/** A local file could not be read or written (permissions, a full disk, a folder in the way). */
export class LocalFileError extends Error {
  override name = 'LocalFileError';
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The command cannot start as asked (a lock held, an unreadable checkpoint): exit code 2. */
export class ExportUsageError extends Error {
  override name = 'ExportUsageError';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a file is in the way of a folder in its path',
  EEXIST: 'a file is in the way of a folder in its path',
  ENOENT: 'its folder does not exist',
};

type Action = 'read' | 'write' | 'create' | 'remove';

/** A file system error as a LocalFileError that says what went wrong; any other error as it is. */
export function asLocalError(err: unknown, file: string, action: Action): unknown {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || e.syscall === undefined) return err;
  return new LocalFileError(file, e.code, `cannot ${action} ${file}: ${REASONS[e.code] ?? e.code} (${e.code})`);
}

/** Runs `fn` on `file`, turning file system errors into LocalFileErrors. */
export function local<T>(file: string, action: Action, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asLocalError(err, file, action);
  }
}

/** Writes `data` to a temp file beside `file`, then renames it over `file`: a reader sees the old or the new content, never half. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  local(file, 'write', () => {
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  });
}

/** Whether a process with this id runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates `lockFile` exclusively (`wx`), holding this process's id; returns
 * how to release it. When it exists: another export runs (its pid is alive),
 * or one stopped without cleaning up (a stale lock, reported with how to
 * remove it: never removed silently, since the other run may be on another
 * machine sharing the folder).
 */
export function acquireLock(lockFile: string, what: string, alive: (pid: number) => boolean = processAlive): () => void {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw asLocalError(err, lockFile, 'create');
    const text = local(lockFile, 'read', () => readFileSync(lockFile, 'utf8')).trim();
    const pid = /^\d+$/.test(text) ? Number(text) : undefined;
    if (pid !== undefined && alive(pid)) {
      throw new ExportUsageError(`another export is writing ${what} (process ${pid}, lock ${lockFile}): wait for it to finish, or choose another --out`);
    }
    throw new ExportUsageError(
      `${lockFile} is left over from an export that stopped (${pid === undefined ? 'it holds no process id' : `process ${pid} is not running`}): ` +
        `make sure no export is writing ${what}, remove the lock (rm "${lockFile}") and run the command again`,
    );
  }
  local(lockFile, 'write', () => {
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
  });
  return () => rmSync(lockFile, { force: true });
}

/**
 * The checkpoint of an interrupted export, or undefined when there is none.
 * A file that is not a checkpoint is refused without showing its content
 * (it could be anything): the fix is --restart.
 */
export function readCheckpoint(file: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ExportUsageError(`the checkpoint ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): remove it, or run the command with --restart to start over`);
  }
  const refuse = (why: string) => new ExportUsageError(`the checkpoint ${file} is not usable (${why}): run the same command with --restart to start over`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw refuse('not valid JSON; it may have been cut short');
  }
  const c = data as { instanceId?: unknown; emails?: unknown };
  if (typeof c?.instanceId !== 'string' || typeof c.emails !== 'object' || c.emails === null || Array.isArray(c.emails)) {
    throw refuse('not a checkpoint of this version of connect-users');
  }
  for (const value of Object.values(c.emails)) {
    const e = value as { email?: unknown; secondaryEmail?: unknown } | null;
    if (typeof e !== 'object' || e === null || !['undefined', 'string'].includes(typeof e.email) || !['undefined', 'string'].includes(typeof e.secondaryEmail)) {
      throw refuse('an entry is not a user\'s emails');
    }
  }
  return c as Checkpoint;
}
