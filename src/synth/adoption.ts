import { compareText, escapeControls, show } from '../problems';
import type { UsersRead } from '../users';
import { escapeTemplate } from './terraform-values';

/** Which instance a stack's users go to: its id, or (exactly one of the two) the alias looked up at plan time. */
export interface StackInstance {
  readonly instanceId?: string;
  readonly instanceAlias?: string;
}

/** A Terraform `postcondition` (or `precondition`) block, as cdk.tf.json writes it. */
export interface Condition {
  readonly condition: string;
  readonly error_message: string;
}

export interface Adoption {
  /** Terraform `import` blocks, sorted by address. */
  readonly blocks: { to: string; id: string }[];
  readonly notes: string[];
  /**
   * Postconditions for the stack's `aws_connect_instance` data source: on a
   * stack that finds its instance by alias, one per instance id that the
   * imports files give, so the plan fails (before anything is imported or
   * created) unless the alias finds that instance. Empty for a stack with an
   * `instanceId`, whose imports of another instance are ignored here with a
   * warning, and when nothing is imported.
   */
  readonly instanceChecks: Condition[];
}

/**
 * `import` blocks (Terraform 1.5+) for users listed in `*.imports.json`: the
 * first apply adopts the existing Connect user instead of creating a
 * duplicate; once in the state, an import block is a no-op. `to` is a static
 * address, so only usernames that are safe inside its quotes are imported.
 *
 * An import names its instance (`<instance id>:<user id>`). A stack with an
 * `instanceId` ignores the files of another instance (with a warning). A
 * stack with an `instanceAlias` only learns its instance's id at plan time:
 * `instanceChecks` make the plan compare them there.
 */
export function importBlocks(read: UsersRead, stack: StackInstance): Adoption {
  const usernames = new Set(read.users.map((u) => u.username));
  const blocks: { to: string; id: string }[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  /** Per instance id that some import block uses (alias stacks): the files that list them. */
  const imported = new Map<string, string[]>();
  for (const list of read.imports) {
    if (stack.instanceId !== undefined && list.instanceId !== stack.instanceId) {
      notes.push(`warning: ${escapeControls(list.file)} lists users of instance ${show(list.instanceId)}, not ${show(stack.instanceId)}: ignored`);
      continue;
    }
    let skipped = 0;
    const before = blocks.length;
    for (const { username, id } of list.entries) {
      if (!usernames.has(username) || seen.has(username) || !/^[a-zA-Z0-9_.@-]+$/.test(username)) {
        skipped++;
        continue;
      }
      seen.add(username);
      blocks.push({ to: `aws_connect_user.users["${username}"]`, id: escapeTemplate(id) });
    }
    if (skipped > 0) notes.push(`note: ${escapeControls(list.file)}: ${skipped} import(s) skipped (username not in the users files, listed twice, or not importable by address)`);
    if (blocks.length > before) imported.set(list.instanceId, [...(imported.get(list.instanceId) ?? []), list.file]);
  }
  blocks.sort((a, b) => compareText(a.to, b.to));
  const instanceChecks =
    stack.instanceId === undefined
      ? [...imported].sort(([a], [b]) => compareText(a, b)).map(([id, files]) => instanceCheck(id, files, stack.instanceAlias ?? ''))
      : [];
  return { blocks, notes, instanceChecks };
}

/**
 * The alias must find the instance the imports were exported from. `id` is
 * letters, digits and `-` (load/folder.ts readImports checks it), so it is
 * written into the condition as it is; the file names and the alias are
 * escaped for a template, and for a log.
 */
function instanceCheck(id: string, files: readonly string[], alias: string): Condition {
  const listed = files.map((f) => escapeTemplate(escapeControls(f))).join(', ');
  return {
    condition: `\${self.id == "${id}"}`,
    error_message:
      `The users imported by ${listed} are in the Connect instance ${id}, but the alias ${escapeTemplate(show(alias))} finds the instance \${self.id}. ` +
      'Users can only be imported into the instance they are in: export them from this instance (connect-users export --instance-id ${self.id}), or delete the imports file.',
  };
}
