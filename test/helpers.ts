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
