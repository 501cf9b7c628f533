/**
 * Which stacks a change touches, so CI plans and deploys only those: with
 * Connect's API limits, a one-agent change must not re-read thousands of users.
 * A stack is touched by a change to its users folder, to a file its
 * TypeScript user files import (transitively, outside node_modules), or to
 * what shapes every stack (main.ts, src/, the package files).
 */
import { lstatSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { IdentityManagementType } from '../model';
import { compareText } from '../problems';

export interface DescribedStack {
  readonly id: string;
  /** The users folder, relative to the repository root. */
  readonly usersDir: string;
  readonly identityManagementType?: IdentityManagementType;
  readonly allowPlaintextPasswords?: boolean;
}

/** What a stack's TypeScript user files import: files relative to the repository root, or why they could not be listed. */
export type StackImports = { readonly files: readonly string[] } | { readonly error: string };

export interface AffectedStack extends DescribedStack {
  /** The changed files that make it affected (at most a few, for the log). */
  readonly because: readonly string[];
}

/** Files that shape every stack: a change to one of them affects all. */
export const SHARED_PATHS: readonly string[] = ['main.ts', 'cdktf.json', 'package.json', 'package-lock.json', 'src/', 'bin/', 'scripts/'];

/**
 * Pure: `changed` are paths relative to the repository root, with "/"
 * separators; `imports` maps a stack id to what its TS user files import.
 */
export function affectedStacks(stacks: readonly DescribedStack[], changed: readonly string[], imports: ReadonlyMap<string, StackImports> = new Map()): AffectedStack[] {
  const shared = changed.filter((f) => SHARED_PATHS.some((p) => (p.endsWith('/') ? f.startsWith(p) : f === p)));
  const result: AffectedStack[] = [];
  for (const stack of stacks) {
    const dir = stack.usersDir.split(path.sep).join('/').replace(/\/$/, '');
    const own = changed.filter((f) => dir === '.' || f === dir || f.startsWith(`${dir}/`));
    const used = imports.get(stack.id);
    // Imports that cannot be listed (a helper was deleted, a file does not compile): any change may matter.
    const imported = used === undefined ? [] : 'error' in used ? (changed.length > 0 ? [`(imports of its TypeScript files cannot be listed: ${used.error})`] : []) : changed.filter((f) => used.files.includes(f));
    const because = [...new Set([...shared, ...own, ...imported])];
    if (because.length > 0) result.push({ ...stack, because: because.slice(0, 5) });
  }
  return result;
}

/** The `.ts` user files under `dir` (as the loader finds them: no dot folders, no node_modules, no links). */
function typeScriptFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    let names: string[];
    try {
      // Stryker disable next-line MethodExpression: the order only makes the run deterministic: the files are sorted at the end and esbuild sorts its errors.
      names = readdirSync(folder).sort(compareText);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      const stat = lstatSync(file);
      if (stat.isDirectory() && name !== 'node_modules' && !name.startsWith('.')) walk(file);
      else if (stat.isFile() && /\.ts$/i.test(name) && !/\.d\.ts$/i.test(name)) out.push(file);
    }
  };
  walk(dir);
  return out;
}

/**
 * Every file the TypeScript user files under `usersDir` import, transitively,
 * outside node_modules (packages are left out), relative to `root`. esbuild
 * lists them without running the files.
 */
export function typeScriptImports(usersDir: string, root: string): StackImports {
  const entries = typeScriptFiles(path.resolve(root, usersDir));
  // Stryker disable next-line ConditionalExpression: a fast path (esbuild is not even loaded); esbuild given no entry points lists no input either.
  if (entries.length === 0) return { files: [] };
  const esbuild = require('esbuild') as typeof import('esbuild');
  try {
    const built = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: entries,
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'cjs',
      outdir: path.join(root, '.connect-users-affected'),
      logLevel: 'silent',
    });
    const files = Object.keys(built.metafile.inputs)
      .filter((f) => !f.split('/').includes('node_modules'))
      .map((f) => path.relative(root, path.resolve(root, f)).split(path.sep).join('/'));
    return { files: files.sort(compareText) };
  } catch (err) {
    const first = (err as { errors?: { text: string }[] }).errors?.[0]?.text ?? (err as Error).message.split('\n')[0];
    return { error: first.slice(0, 200) };
  }
}
