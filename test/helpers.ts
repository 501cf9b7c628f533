import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const ROOT = path.join(__dirname, '..');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** A fresh temp folder holding the given files (path -> content). */
export function tempFolder(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'connect-users-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export const NATIVE_HEADER = 'username,firstName,lastName,email,routingProfile,securityProfiles,hierarchyGroup,phoneType,deskPhoneNumber,tags';

/** A native-header CSV from rows of the columns above. */
export function csv(...rows: string[]): string {
  return [NATIVE_HEADER, ...rows].join('\n') + '\n';
}

export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

import type { User } from '../src/model';

/** A valid user with defaults; override what the test is about. */
export function makeUser(username: string, extra: Partial<User> = {}): User {
  return {
    username,
    firstName: 'First',
    lastName: username,
    routingProfile: 'Sales',
    securityProfiles: ['Agent'],
    hierarchyPath: [],
    phoneType: 'SOFT_PHONE',
    autoAccept: false,
    afterContactWorkTimeLimit: 0,
    tags: {},
    source: { file: 'users/a.csv', line: 2 },
    ...extra,
  };
}

/** A temp git repository with the given files committed; returns its path and a commit helper. */
export function gitRepo(files: Record<string, string>): { dir: string; commit: (message: string) => void } {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const dir = tempFolder(files);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
  };
  commit('base');
  return { dir, commit };
}

/** What `fn` throws; fails the test when it returns normally. */
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}
