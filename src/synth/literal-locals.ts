/**
 * Writes user data into cdk.tf.json's `locals` without cdktf's help. cdktf
 * resolves every value of its tree (about 130 µs a user) and writes the file
 * with json-stable-stringify, which re-sorts every object; both dominate at
 * 10k users. The stack's own tree stays small; this adds the (already sorted,
 * already escaped) user data as placeholders during cdktf's write and fills
 * them in with JSON.stringify afterwards. User strings therefore never pass
 * through cdktf's token resolver either.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TerraformStack } from 'cdktf';

export class LiteralLocals<T extends object> {
  /** True while cdktf writes cdk.tf.json: `current()` then gives placeholders. */
  private writingFile = false;

  constructor(
    stack: TerraformStack,
    readonly values: T,
  ) {
    const inner = stack.synthesizer;
    stack.synthesizer = {
      synthesize: (session) => {
        this.writingFile = true;
        try {
          inner.synthesize(session);
        } finally {
          this.writingFile = false;
        }
        const file = path.join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath);
        if (!existsSync(file)) return; // e.g. SYNTH_HCL_OUTPUT: nothing of ours to fill in
        writeFileSync(file, fillPlaceholders(readFileSync(file, 'utf8'), this.values));
      },
    };
  }

  /** What the stack's `toTerraform()` adds to `locals`: the values, or placeholders while cdktf writes the file. */
  current(): T | Record<string, string> {
    return this.writingFile ? placeholders(this.values) : this.values;
  }
}

const placeholderFor = (key: string) => `__connect_users_local_${key}__`;

function placeholders(locals: object): Record<string, string> {
  return Object.fromEntries(Object.keys(locals).map((key) => [key, placeholderFor(key)]));
}

/**
 * Puts each local's JSON where its placeholder stands. Markers are found in
 * cdktf's text before anything is inserted, so user data that happens to look
 * like a marker is never mistaken for one.
 */
function fillPlaceholders(text: string, locals: object): string {
  const spots = Object.entries(locals as Record<string, Record<string, unknown>>).map(([key, value]) => {
    const marker = JSON.stringify(placeholderFor(key));
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`connect-users: ${key} is missing from the synthesized configuration`);
    return { at, end: at + marker.length, value };
  });
  spots.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const spot of spots) {
    parts.push(text.slice(from, spot.at), entriesPerLine(spot.value));
    from = spot.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * `{ key: value, ... }` with one entry per line, each value on that line: a user
 * per line reads well in a 10,000-user file and is cheaper than indenting each
 * attribute. Indented to sit at `locals.<name>` in cdktf's 2-space layout.
 */
function entriesPerLine(map: Record<string, unknown>): string {
  const keys = Object.keys(map);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => `      ${JSON.stringify(key)}: ${JSON.stringify(map[key])}`);
  return `{\n${lines.join(',\n')}\n    }`;
}
