import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import type { RawUser } from '../model';
import { closest, show, type Problem } from '../problems';
import { USER_INPUT_KEYS, userShapeSchema } from '../schema';
import type { LoadResult } from './csv';
import { splitList } from './csv-columns';
import { lineBreaks } from './line-breaks';

/**
 * Loads a TypeScript user file: its default export must be an array of users
 * (see `src/define.ts`). The file is code and runs; anything it throws becomes
 * a coded problem, never a crash.
 */
export function loadTypeScript(absolutePath: string, file: string): LoadResult {
  ensureTypeScriptLoader();
  let exported: unknown;
  try {
    exported = (require(absolutePath) as { default?: unknown }).default;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      users: [],
      problems: [{ file, code: 'TS_LOAD_ERROR', message: `the file failed to load: ${reason.slice(0, 300)}` }],
    };
  }
  return usersFromExport(exported, file, readFileSync(absolutePath, 'utf8'));
}

/**
 * Checks a TS file's default export and turns it into raw users. Pure:
 * `sourceText` is only used to find the line of each username.
 */
export function usersFromExport(exported: unknown, file: string, sourceText = ''): LoadResult {
  if (!Array.isArray(exported)) {
    return {
      users: [],
      problems: [
        {
          file,
          code: 'TS_EXPORT_SHAPE',
          message: `expected \`export default defineUsers([...])\` (an array of users), got ${describe(exported)}`,
        },
      ],
    };
  }
  const users: RawUser[] = [];
  const problems: Problem[] = [];
  const lines = literalLines(sourceText);
  exported.forEach((item: unknown, index) => {
    const username = (item as RawUser | undefined)?.username;
    const line = typeof username === 'string' ? lines.get(username) : undefined;
    const at = { file, line };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ ...at, code: 'TS_EXPORT_SHAPE', message: `user #${index + 1}: expected an object, got ${describe(item)}` });
      return;
    }
    const result = v.safeParse(userShapeSchema, item);
    if (!result.success) {
      for (const issue of result.issues) problems.push({ ...at, ...fromIssue(issue, index) });
      return;
    }
    const { hierarchyGroup, securityProfiles, firstName, lastName, ...rest } = result.output;
    users.push({
      ...rest,
      ...(firstName !== undefined && { firstName: firstName.normalize('NFC') }),
      ...(lastName !== undefined && { lastName: lastName.normalize('NFC') }),
      ...(securityProfiles !== undefined && { securityProfiles: [...securityProfiles] }),
      ...(hierarchyGroup !== undefined && { hierarchyPath: splitList(hierarchyGroup) }),
      source: at,
    });
  });
  return { users, problems };
}

function fromIssue(issue: v.BaseIssue<unknown>, index: number): Omit<Problem, 'file' | 'line'> {
  const key = issue.path?.[0]?.key;
  const field = typeof key === 'string' ? key : undefined;
  if (issue.type === 'strict_object' && field !== undefined) {
    const hint = closest(field, USER_INPUT_KEYS);
    return {
      field,
      code: 'UNKNOWN_FIELD',
      message: `user #${index + 1} has an unknown field ${show(field)}: ${hint ? `did you mean "${hint}"?` : `allowed: ${USER_INPUT_KEYS.join(', ')}`}`,
    };
  }
  const received = field === 'password' ? 'a value of another type' : issue.received;
  return {
    field: issue.path?.map((p) => String(p.key)).join('.') || field,
    code: 'INVALID_TYPE',
    message: `user #${index + 1}: expected ${issue.expected ?? 'another value'}, got ${received}`,
  };
}

/**
 * Each simple string literal of the source (no escapes, no line breaks) with the
 * 1-based line it first appears on: one pass, so a 10,000-user file costs
 * milliseconds. Used to point at a user's username; best effort by design.
 */
function literalLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(/(['"`])([^'"`\\\n]*)\1/g)) {
    line += lineBreaks(text, counted, match.index);
    counted = match.index;
    if (!lines.has(match[2])) lines.set(match[2], line);
  }
  return lines;
}

function describe(value: unknown): string {
  if (value === undefined) return 'no default export';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/** Lets `require` load `.ts` files when the process was not started through tsx. */
function ensureTypeScriptLoader(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!require.extensions['.ts']) require('tsx/cjs/api').register();
}
