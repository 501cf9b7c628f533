/**
 * The default export of a TypeScript user file, copied into plain data that
 * can cross a process boundary (JSON) and that nothing in the file can change
 * afterwards. `encodeExport` runs in the loader child on the live module;
 * `decodeExport` rebuilds the copy in the parent.
 *
 * The copy reads each property once, through its descriptor: a getter is
 * called once and what it throws is kept (`Unreadable`); a Proxy is never
 * touched (no trap runs); functions, class instances, symbols and the like
 * are only described (`Unsupported`); only three levels are read (users,
 * their fields, the items of a field), so a cycle or a huge nested structure
 * costs nothing. Keys such as `__proto__` stay plain keys.
 *
 * The encoding is a JSON tree in which strings, finite numbers, booleans and
 * null stand for themselves and everything else is an array tagged by its
 * first item, so no user value can pass for another:
 * `['A', ...items]`, `['O', key, value, key, value, ...]`, `['U']` (undefined),
 * `['N', 'NaN']` (a non-finite number), `['X', description]`, `['E', reason, line?]`.
 */
import { types } from 'node:util';
import { escapeControls, show } from '../problems';

// Taken before any user file runs: a file that replaces Object.keys or
// Array.prototype.push cannot change what is read from it.
const { getOwnPropertyDescriptor, getPrototypeOf, keys: ownKeys } = Object;
const { isArray } = Array;
const { apply } = Reflect;
const { isFinite } = Number;
const { isNativeError, isProxy } = types;

/** A value a user file may not export (a function, a Proxy, a Date, ...), as described by the loader. */
export class Unsupported {
  constructor(readonly description: string) {}
}

/** A property whose getter threw: what it threw, and the line of the file where known. */
export class Unreadable {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {}
}

export type Encoded = string | number | boolean | null | Encoded[];

/** Items read from one array, and keys from one object: far above any users file. */
export const MAX_ITEMS = 1_000_000;
/** Containers below this depth are described, not read: the export (0), a user (1), a field (2). */
const MAX_DEPTH = 2;

/**
 * Copies `holder[key]` (e.g. a module's `default`) into the encoding.
 * `file` (absolute) lets a getter's throw point at its line.
 */
export function encodeProperty(holder: unknown, key: string, file?: string): Encoded {
  if (isProxy(holder)) return ['X', 'a Proxy'];
  if (typeof holder !== 'object' || holder === null) return ['U'];
  return readProperty(holder, key, -1, file);
}

/** Copies a value into the encoding (`depth` 0 is the export itself). */
export function encodeExport(value: unknown, file?: string, depth = 0): Encoded {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return isFinite(value) ? value : ['N', String(value)];
    case 'undefined':
      return ['U'];
    case 'function':
      return ['X', isProxy(value) ? 'a Proxy' : 'a function'];
    case 'bigint':
      return ['X', `a bigint (${value}n)`];
    case 'symbol':
      return ['X', 'a symbol'];
  }
  if (value === null) return null;
  if (isProxy(value)) return ['X', 'a Proxy'];
  const object = value as object;
  if (isArray(object)) {
    if (depth > MAX_DEPTH) return ['X', 'an array'];
    if (object.length > MAX_ITEMS) return ['X', `an array of ${object.length} items (at most ${MAX_ITEMS} are read)`];
    const out: Encoded[] = ['A'];
    for (let i = 0; i < object.length; i++) out[i + 1] = readProperty(object, String(i), depth, file);
    return out;
  }
  const proto = getPrototypeOf(object) as object | null;
  if (proto !== Object.prototype && proto !== null) return ['X', instanceName(proto)];
  if (depth > MAX_DEPTH) return ['X', 'an object'];
  const keys = ownKeys(object);
  if (keys.length > MAX_ITEMS) return ['X', `an object with ${keys.length} keys (at most ${MAX_ITEMS} are read)`];
  const out: Encoded[] = ['O'];
  for (let i = 0; i < keys.length; i++) {
    out[2 * i + 1] = keys[i];
    out[2 * i + 2] = readProperty(object, keys[i], depth, file);
  }
  return out;
}

function readProperty(object: object, key: string, depth: number, file: string | undefined): Encoded {
  const descriptor = getOwnPropertyDescriptor(object, key);
  if (!descriptor) return ['U'];
  if (!descriptor.get) return encodeExport(descriptor.value, file, depth + 1);
  let value: unknown;
  try {
    value = apply(descriptor.get, object, []);
  } catch (err) {
    const line = file === undefined ? undefined : lineIn(err, file);
    return line === undefined ? ['E', describeThrown(err)] : ['E', describeThrown(err), line];
  }
  return encodeExport(value, file, depth + 1);
}

/** "an instance of Date", read without running any code of the file. */
function instanceName(proto: object): string {
  if (isProxy(proto)) return 'an object whose prototype is a Proxy';
  const constructor = getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  const name = typeof constructor === 'function' && !isProxy(constructor) ? getOwnPropertyDescriptor(constructor, 'name')?.value : undefined;
  return typeof name === 'string' && name !== '' ? `an instance of ${name.slice(0, 40)}` : 'an object that is not a plain object';
}

/** Rebuilds the value `encodeExport` encoded. Never throws: what it cannot read becomes `Unsupported`. */
export function decodeExport(encoded: unknown): unknown {
  if (!Array.isArray(encoded)) return typeof encoded === 'object' && encoded !== null ? new Unsupported('an unreadable value') : encoded;
  const [tag, ...rest] = encoded as unknown[];
  switch (tag) {
    case 'A':
      return rest.map(decodeExport);
    case 'O': {
      // Object.fromEntries defines own properties: a "__proto__" key stays a key.
      const entries: [string, unknown][] = [];
      for (let i = 0; i + 1 < rest.length; i += 2) entries.push([String(rest[i]), decodeExport(rest[i + 1])]);
      return Object.fromEntries(entries);
    }
    case 'U':
      return undefined;
    case 'N':
      return Number(rest[0]);
    case 'E':
      return new Unreadable(String(rest[0]), typeof rest[1] === 'number' ? rest[1] : undefined);
    case 'X':
      return new Unsupported(String(rest[0]));
    default:
      return new Unsupported('an unreadable value');
  }
}

/**
 * What a file threw, for a message: an error's name and the first line of its
 * message, anything else as its JSON, cut short and with control characters
 * escaped (`throw { code: 42 }` reads `{"code":42}`, not `[object Object]`).
 * Never throws, whatever was thrown.
 */
export function describeThrown(thrown: unknown, max = 200): string {
  try {
    if (isProxy(thrown)) return 'a Proxy';
    if (!isNativeError(thrown)) return show(thrown, max);
    const error = thrown as Error;
    const name = readString(error, 'name') ?? 'Error';
    const first = (readString(error, 'message') ?? '').split('\n')[0];
    const text = first === '' ? name : `${name}: ${first}`;
    return escapeControls(text.length > max ? `${text.slice(0, max)}…` : text);
  } catch {
    return 'a value that cannot be shown';
  }
}

/** The whole message of a thrown Error (not of a Proxy or other value). */
export function errorMessage(thrown: unknown): string | undefined {
  return isProxy(thrown) || !isNativeError(thrown) ? undefined : readString(thrown as Error, 'message');
}

/** `object[key]` when it is a string; `undefined` when it is not, or reading it throws. */
function readString(object: object, key: string): string | undefined {
  try {
    const value = (object as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The 1-based line of `file` (absolute) where `thrown` was thrown, from its
 * stack (tsx maps stacks to the TypeScript source); `undefined` when the
 * stack does not pass through the file.
 */
export function lineIn(thrown: unknown, file: string): number | undefined {
  if (isProxy(thrown) || !isNativeError(thrown)) return undefined;
  const stack = readString(thrown as Error, 'stack') ?? '';
  for (const frame of stack.split('\n')) {
    const at = frame.lastIndexOf(`${file}:`);
    const match = at < 0 ? null : /^(\d+):\d+\)?$/.exec(frame.slice(at + file.length + 1).trim());
    if (match) return Number(match[1]);
  }
  return undefined;
}
