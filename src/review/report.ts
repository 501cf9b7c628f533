/**
 * The change report a reviewer reads: who is added, removed, renamed and
 * changed (field by field), privilege changes first. Text for terminals,
 * Markdown for PR comments and job summaries, JSON for scripts. Pure; never
 * shows a password.
 */
import type { Rename, UsersDiff } from './compare';
import type { GuardResult } from './guard';
import type { User } from '../model';
import { compareText, formatLocation } from '../problems';

/** Security profiles whose grant deserves a stricter review. */
export const DEFAULT_PRIVILEGED_PROFILES: readonly string[] = ['Admin', 'CallCenterManager'];

export interface PrivilegeChange {
  readonly username: string;
  /** `new user`: a new user with privileged profiles; `gained`: an existing (or renamed) user gains some. */
  readonly kind: 'new user' | 'gained';
  readonly profiles: readonly string[];
}

/** Users who gain a privileged profile, and new users who have one. */
export function privilegeChanges(diff: UsersDiff, before: readonly User[], privileged: readonly string[]): PrivilegeChange[] {
  const isPrivileged = new Set(privileged);
  const beforeBy = new Map(before.map((u) => [u.username, u]));
  const changes: PrivilegeChange[] = [];
  const gained = (user: User, old: User | undefined) => {
    const had = new Set(old?.securityProfiles ?? []);
    const profiles = user.securityProfiles.filter((p) => isPrivileged.has(p) && !had.has(p)).sort();
    if (profiles.length > 0) changes.push({ username: user.username, kind: old ? 'gained' : 'new user', profiles });
  };
  for (const u of diff.added) gained(u, undefined);
  for (const r of diff.renamed) gained(r.to, r.from);
  for (const c of diff.changed) gained(c.user, beforeBy.get(c.username));
  return changes.sort((a, b) => compareText(a.username, b.username));
}

export interface Report {
  /** The stack the report is about, when there are several. */
  readonly stack?: string;
  readonly base: string;
  readonly diff: UsersDiff;
  readonly privilege: readonly PrivilegeChange[];
  readonly removalGuard?: GuardResult;
  readonly privilegeGuard?: { readonly ok: boolean; readonly message: string };
  readonly warnings?: readonly string[];
}

export type ReportFormat = 'text' | 'markdown' | 'json';

export function formatReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(reportJson(report), null, 2)}\n`;
  return format === 'markdown' ? markdown(report) : text(report);
}

function counts(d: UsersDiff) {
  return { added: d.added.length, removed: d.removed.length, renamed: d.renamed.length, changed: d.changed.length, unchanged: d.unchanged };
}

function summaryLine(r: Report): string {
  const c = counts(r.diff);
  return `${c.added} added, ${c.removed} removed, ${c.renamed} renamed, ${c.changed} changed, ${c.unchanged} unchanged (against ${r.base})`;
}

const where = (u: User) => formatLocation(u.source);
const brief = (u: User) => `${u.routingProfile}; ${u.securityProfiles.join(', ')}`;
const renameWhy = (r: Rename) => (r.by === 'email' ? 'same email' : 'same name');

function text(r: Report): string {
  const out: string[] = [`Users${r.stack ? ` of ${r.stack}` : ''}: ${summaryLine(r)}`];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', title, ...lines);
  };
  section(
    'Privilege changes (review first):',
    r.privilege.map((p) => `  ! ${p.username} (${p.kind}) gets ${p.profiles.join(', ')}`),
  );
  section('Removed (destructive: Connect deletes these users):', r.diff.removed.map((u) => `  - ${u.username} (was ${where(u)})`));
  section(
    'Renamed (destructive: delete + create, the user loses its history):',
    r.diff.renamed.map((x) => `  - ${x.from.username} -> ${x.to.username} (${renameWhy(x)}, ${where(x.to)})`),
  );
  section('Added:', r.diff.added.map((u) => `  + ${u.username} (${brief(u)}) at ${where(u)}`));
  section(
    'Changed:',
    r.diff.changed.flatMap((c) => [`  ~ ${c.username} (${where(c.user)})`, ...c.fields.map((f) => `      ${f.field}: ${f.before || '(none)'} -> ${f.after || '(none)'}`)]),
  );
  for (const g of [r.removalGuard, r.privilegeGuard]) if (g) out.push('', `${g.ok ? 'OK' : 'REFUSED'}: ${g.message}`);
  for (const w of r.warnings ?? []) out.push(w);
  return `${out.join('\n')}\n`;
}

/** Escapes what Markdown (and GitHub) would interpret in a table cell. */
export function md(value: string): string {
  return value.replace(/[\\`*_{}[\]<>()#+!|~-]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function markdown(r: Report): string {
  const out: string[] = [`### Connect users${r.stack ? `: ${md(r.stack)}` : ''}`, '', `**${summaryLine(r).replace(/\(against (.*)\)$/, '')}** against \`${r.base.replace(/`/g, '')}\``];
  const table = (title: string, head: string[], rows: string[][]) => {
    if (rows.length === 0) return;
    out.push('', `#### ${title}`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`));
  };
  table(':warning: Privilege changes (review first)', ['user', 'kind', 'privileged profiles'], r.privilege.map((p) => [md(p.username), p.kind, md(p.profiles.join(', '))]));
  table(':x: Removed (Connect deletes these users)', ['user', 'was in'], r.diff.removed.map((u) => [md(u.username), md(where(u))]));
  table(
    ':x: Renamed (delete + create: history is lost)',
    ['from', 'to', 'matched by', 'in'],
    r.diff.renamed.map((x) => [md(x.from.username), md(x.to.username), renameWhy(x), md(where(x.to))]),
  );
  table('Added', ['user', 'routing profile', 'security profiles', 'in'], r.diff.added.map((u) => [md(u.username), md(u.routingProfile), md(u.securityProfiles.join(', ')), md(where(u))]));
  table(
    'Changed',
    ['user', 'field', 'before', 'after'],
    r.diff.changed.flatMap((c) => c.fields.map((f) => [md(c.username), f.field, md(f.before) || '_none_', md(f.after) || '_none_'])),
  );
  for (const g of [r.removalGuard, r.privilegeGuard]) if (g) out.push('', `${g.ok ? ':white_check_mark:' : ':no_entry:'} ${md(g.message)}`);
  for (const w of r.warnings ?? []) out.push('', `> ${md(w)}`);
  return `${out.join('\n')}\n`;
}

export function reportJson(r: Report) {
  const user = (u: User) => ({ username: u.username, file: u.source.file, line: u.source.line });
  return {
    ...(r.stack !== undefined && { stack: r.stack }),
    base: r.base,
    counts: { ...counts(r.diff), privilege: r.privilege.length },
    privilege: r.privilege,
    removed: r.diff.removed.map(user),
    renamed: r.diff.renamed.map((x) => ({ from: x.from.username, to: x.to.username, by: x.by, file: x.to.source.file, line: x.to.source.line })),
    added: r.diff.added.map((u) => ({ ...user(u), routingProfile: u.routingProfile, securityProfiles: u.securityProfiles })),
    changed: r.diff.changed.map((c) => ({ ...user(c.user), fields: c.fields })),
    removalGuard: r.removalGuard,
    privilegeGuard: r.privilegeGuard,
    warnings: r.warnings ?? [],
  };
}
