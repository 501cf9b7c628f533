import { compareText } from '../problems';
import type { UsersRead } from '../users';
import { escapeTemplate } from './terraform-values';

/**
 * `import` blocks (Terraform 1.5+) for users listed in `*.imports.json`: the
 * first apply adopts the existing Connect user instead of creating a
 * duplicate; once in the state, an import block is a no-op. `to` is a static
 * address, so only usernames that are safe inside its quotes are imported.
 */
export function importBlocks(read: UsersRead, instanceId: string | undefined): { blocks: { to: string; id: string }[]; notes: string[] } {
  const usernames = new Set(read.users.map((u) => u.username));
  const blocks: { to: string; id: string }[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const list of read.imports) {
    if (instanceId !== undefined && list.instanceId !== instanceId) {
      notes.push(`warning: ${list.file} lists users of instance ${list.instanceId}, not ${instanceId}: ignored`);
      continue;
    }
    let skipped = 0;
    for (const { username, id } of list.entries) {
      if (!usernames.has(username) || seen.has(username) || !/^[a-zA-Z0-9_.@-]+$/.test(username)) {
        skipped++;
        continue;
      }
      seen.add(username);
      blocks.push({ to: `aws_connect_user.users["${username}"]`, id: escapeTemplate(id) });
    }
    if (skipped > 0) notes.push(`note: ${list.file}: ${skipped} import(s) skipped (username not in the users files, listed twice, or not importable by address)`);
  }
  blocks.sort((a, b) => compareText(a.to, b.to));
  return { blocks, notes };
}
