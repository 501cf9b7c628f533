import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { acquireLock, asLocalError, ExportUsageError, local, LocalFileError, processAlive, readCheckpoint, writeFileAtomic } from '../../src/export/files';
import { tempFolder, thrown } from '../helpers';

const errno = (code: string, syscall = 'open') => Object.assign(new Error(code), { code, syscall });

describe('acquireLock', () => {
  it('creates the lock holding this pid, and releasing removes it', () => {
    const lock = path.join(tempFolder(), 'a.csv.lock');
    const release = acquireLock(lock, 'a.csv');
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses while another export (a live process) holds it', () => {
    const lock = path.join(tempFolder({ 'a.csv.lock': '4242\n' }), 'a.csv.lock');
    const err = thrown(() => acquireLock(lock, 'users/a.csv', (pid) => pid === 4242));
    expect(err).toBeInstanceOf(ExportUsageError);
    expect(err.message).toBe(`another export is writing users/a.csv (process 4242, lock ${lock}): wait for it to finish, or choose another --out`);
    expect(readFileSync(lock, 'utf8')).toBe('4242\n');
  });

  it('reports a stale lock (its process is gone) with how to remove it, and leaves it in place', () => {
    const lock = path.join(tempFolder({ 'a.csv.lock': '4242\n' }), 'a.csv.lock');
    const err = thrown(() => acquireLock(lock, 'users/a.csv', () => false));
    expect(err.message).toBe(
      `${lock} is left over from an export that stopped (process 4242 is not running): make sure no export is writing users/a.csv, remove the lock (rm "${lock}") and run the command again`,
    );
    expect(existsSync(lock)).toBe(true);
  });

  it('treats a lock without a process id as stale', () => {
    const lock = path.join(tempFolder({ 'a.csv.lock': 'garbage' }), 'a.csv.lock');
    expect(thrown(() => acquireLock(lock, 'a.csv', () => true)).message).toMatch(/^\S+ is left over from an export that stopped \(it holds no process id\)/);
  });

  it('reports a lock that cannot be created as a local file error', () => {
    const lock = path.join(tempFolder(), 'missing-folder', 'a.csv.lock');
    const err = thrown(() => acquireLock(lock, 'a.csv'));
    expect(err).toBeInstanceOf(LocalFileError);
    expect(err.message).toBe(`cannot create ${lock}: its folder does not exist (ENOENT)`);
  });

  it('knows this process is alive and a made-up one is not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves no temp file', () => {
    const dir = tempFolder({ 'c.json': 'old' });
    writeFileAtomic(path.join(dir, 'c.json'), 'new');
    expect(readFileSync(path.join(dir, 'c.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toStrictEqual(['c.json']);
  });

  it('on failure keeps no temp file and reports a local error', () => {
    const dir = tempFolder();
    mkdirSync(path.join(dir, 'c.json'));
    writeFileSync(path.join(dir, 'c.json', 'x'), 'a folder that is not empty');
    const err = thrown(() => writeFileAtomic(path.join(dir, 'c.json'), 'new'));
    expect(err).toBeInstanceOf(LocalFileError);
    expect(err.message).toBe(`cannot write ${path.join(dir, 'c.json')}: it is a folder (EISDIR)`);
    expect(readdirSync(dir)).toStrictEqual(['c.json']);
  });
});

describe('local errors', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENOSPC', 'no space left on the device'],
    ['EDQUOT', 'the disk quota is exceeded'],
    ['EROFS', 'the file system is read-only'],
    ['EISDIR', 'it is a folder'],
    ['ENOTDIR', 'a file is in the way of a folder in its path'],
    ['EEXIST', 'a file is in the way of a folder in its path'],
    ['EMFILE', 'EMFILE'],
  ])('%s says: %s', (code, reason) => {
    const err = asLocalError(errno(code), 'out.csv', 'write') as LocalFileError;
    expect(err).toBeInstanceOf(LocalFileError);
    expect([err.message, err.code, err.file]).toStrictEqual([`cannot write out.csv: ${reason} (${code})`, code, 'out.csv']);
  });

  it('leaves errors that are not from the file system alone', () => {
    const bug = new TypeError('x is undefined');
    expect(asLocalError(bug, 'out.csv', 'write')).toBe(bug);
    const network = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(asLocalError(network, 'out.csv', 'write')).toBe(network);
    expect(thrown(() => local('f', 'read', () => { throw bug; }))).toBe(bug);
    expect(local('f', 'read', () => 42)).toBe(42);
  });
});

describe('readCheckpoint', () => {
  const file = (content: string) => path.join(tempFolder({ 'c.json': content }), 'c.json');

  it('is undefined when there is none', () => {
    expect(readCheckpoint(path.join(tempFolder(), 'c.json'))).toBeUndefined();
  });

  it('reads a checkpoint', () => {
    const c = { instanceId: 'i-1', emails: { 'u-1': { email: 'a@example.com' }, 'u-2': {} } };
    expect(readCheckpoint(file(JSON.stringify(c)))).toStrictEqual(c);
  });

  it.each([
    ['{"instanceId":"i-1","emails":{"u-1":{"email":"a@exa', 'not valid JSON; it may have been cut short'],
    ['', 'not valid JSON; it may have been cut short'],
    ['{"instanceId":"i-1","users":[]}', 'not a checkpoint of this version of connect-users'],
    ['{"instanceId":1,"emails":{}}', 'not a checkpoint of this version of connect-users'],
    ['{"instanceId":"i","emails":[]}', 'not a checkpoint of this version of connect-users'],
    ['{"instanceId":"i","emails":null}', 'not a checkpoint of this version of connect-users'],
    ['null', 'not a checkpoint of this version of connect-users'],
    ['{"instanceId":"i","emails":{"u":"x"}}', "an entry is not a user's emails"],
    ['{"instanceId":"i","emails":{"u":null}}', "an entry is not a user's emails"],
    ['{"instanceId":"i","emails":{"u":{"email":5}}}', "an entry is not a user's emails"],
    ['{"instanceId":"i","emails":{"u":{"secondaryEmail":[]}}}', "an entry is not a user's emails"],
  ])('refuses %s (%s) with --restart as the fix, never showing the content', (content, why) => {
    const f = file(content);
    const err = thrown(() => readCheckpoint(f));
    expect(err).toBeInstanceOf(ExportUsageError);
    expect(err.message).toBe(`the checkpoint ${f} is not usable (${why}): run the same command with --restart to start over`);
  });

  it('refuses a checkpoint that is a folder', () => {
    const dir = tempFolder();
    mkdirSync(path.join(dir, 'c.json'));
    expect(thrown(() => readCheckpoint(path.join(dir, 'c.json'))).message).toBe(
      `the checkpoint ${path.join(dir, 'c.json')} cannot be read (EISDIR): remove it, or run the command with --restart to start over`,
    );
  });
});
