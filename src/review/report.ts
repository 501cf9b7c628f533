/**
 * The change report a reviewer reads: who is added, removed, renamed and
 * changed (field by field), privilege changes first. Text for terminals,
 * Markdown for PR comments and job summaries, JSON for scripts. Pure; never
 * shows a password.
 */
import { describeChange, type Rename, type UsersDiff } from './compare';
import { capMarkdown, escapeMarkdown as md, escapeText, FULL_REPORT_HINT } from './escape';
import type { GuardResult, PrivilegeGuardResult } from './guard';
import type { User } from '../model';
import { compareText, formatLocation, formatProblem, type Problem, safeJson } from '../problems';

/** Security profiles whose grant deserves a stricter review. */
export const DEFAULT_PRIVILEGED_PROFILES: readonly string[] = ['Admin', 'CallCenterManager'];

export interface PrivilegeChange {
  readonly username: string;
  /**
   * `new user`: a new user with privileged profiles; `gained`: an existing user gains some;
   * `renamed`: a renamed user with privileged profiles, all of them, gained or kept: in Connect
   * a rename deletes the user and creates a new one (as `plan-check` sees it in the plan).
   */
  readonly kind: 'new user' | 'gained' | 'renamed';
  readonly profiles: readonly string[];
  /** The old username of a `renamed` user. */
  readonly from?: string;
}

/**
 * Users who gain a privileged profile, new users who have one, and renamed users who have one
 * (a rename creates a new user in Connect, whatever the old name had: `check` counts what
 * `plan-check` counts).
 */
export function privilegeChanges(diff: UsersDiff, before: readonly User[], privileged: readonly string[]): PrivilegeChange[] {
  const isPrivileged = new Set(privileged);
  const beforeBy = new Map(before.map((u) => [u.username, u]));
  const changes: PrivilegeChange[] = [];
  // `had`: the profiles the user had before (none for a new or renamed user: Connect creates it).
  const privilegedOf = (user: User, had?: readonly string[]) => user.securityProfiles.filter((p) => isPrivileged.has(p) && !had?.includes(p)).sort();
  const add = (change: PrivilegeChange) => {
    if (change.profiles.length > 0) changes.push(change);
  };
  for (const u of diff.added) add({ username: u.username, kind: 'new user', profiles: privilegedOf(u) });
  for (const r of diff.renamed) add({ username: r.to.username, kind: 'renamed', profiles: privilegedOf(r.to), from: r.from.username });
  for (const c of diff.changed) add({ username: c.username, kind: 'gained', profiles: privilegedOf(c.user, beforeBy.get(c.username)?.securityProfiles) });
  return changes.sort((a, b) => compareText(a.username, b.username));
}

/** The kind as the reports show it: a renamed user with its old name. */
export function privilegeKind(p: PrivilegeChange): string {
  return p.kind === 'renamed' ? `renamed from ${p.from}: a new user in Connect` : p.kind;
}

export interface Report {
  /** The stack the report is about, when there are several. */
  readonly stack?: string;
  readonly base: string;
  readonly diff: UsersDiff;
  /**
   * Users at the base branch's tip that this tree does not have and that its
   * merge base did not have either: added on the base since this branch
   * forked. Deploying this tree would delete them (rebase to keep them).
   */
  readonly missing?: readonly User[];
  readonly privilege: readonly PrivilegeChange[];
  readonly removalGuard?: GuardResult;
  readonly privilegeGuard?: PrivilegeGuardResult;
  /** Base files that could not be read: the guard refuses (BASE_UNREADABLE). */
  readonly unreadable?: readonly Problem[];
  readonly warnings?: readonly string[];
}

export type ReportFormat = 'text' | 'markdown' | 'json';

export function formatReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return `${safeJson(reportJson(report), 2)}\n`;
  return format === 'markdown' ? capMarkdown(markdown(report), FULL_REPORT_HINT) : text(report);
}

/** Several reports (one per stack): Markdown cut as a whole to GitHub's comment limit. */
export function formatReports(reports: readonly Report[], format: Exclude<ReportFormat, 'json'>): string {
  const all = reports.map((r) => (format === 'markdown' ? markdown(r) : text(r))).join('\n');
  return format === 'markdown' ? capMarkdown(all, FULL_REPORT_HINT) : all;
}

function counts(d: UsersDiff) {
  return { added: d.added.length, removed: d.removed.length, renamed: d.renamed.length, changed: d.changed.length, unchanged: d.unchanged };
}

function countsLine(r: Report): string {
  const c = counts(r.diff);
  const missing = r.missing?.length ? `, ${r.missing.length} missing compared with the base's tip` : '';
  return `${c.added} added, ${c.removed} removed, ${c.renamed} renamed, ${c.changed} changed, ${c.unchanged} unchanged${missing}`;
}

const where = (u: User) => formatLocation(u.source);
const brief = (u: User) => `${u.routingProfile}; ${u.securityProfiles.join(', ')}`;
const renameWhy = (r: Rename) => (r.by === 'email' ? 'same email' : 'same name');

function text(r: Report): string {
  const out: string[] = [`Users${r.stack ? ` of ${r.stack}` : ''}: ${countsLine(r)} (against ${r.base})`];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', title, ...lines);
  };
  section(
    'Privilege changes (review first):',
    r.privilege.map((p) => `  ! ${p.username} (${privilegeKind(p)}) gets ${p.profiles.join(', ')}`),
  );
  section('Removed on this branch (destructive: Connect deletes these users):', r.diff.removed.map((u) => `  - ${u.username} (was ${where(u)})`));
  section(
    'Renamed (destructive: delete + create, the user loses its history):',
    r.diff.renamed.map((x) => `  - ${x.from.username} -> ${x.to.username} (${renameWhy(x)}, ${where(x.to)})`),
  );
  section(
    `Missing compared with ${r.base} (added there since this branch forked: rebase, or a deploy of this branch deletes them):`,
    (r.missing ?? []).map((u) => `  - ${u.username} (${where(u)})`),
  );
  section('Added:', r.diff.added.map((u) => `  + ${u.username} (${brief(u)}) at ${where(u)}`));
  section(
    'Changed:',
    r.diff.changed.flatMap((c) => [`  ~ ${c.username} (${where(c.user)})`, ...c.fields.map((f) => `      ${f.field}: ${describeChange(f)}`)]),
  );
  section('Base files that cannot be read (BASE_UNREADABLE):', (r.unreadable ?? []).map((p) => `  ${formatProblem(p)}`));
  for (const g of [r.removalGuard, r.privilegeGuard]) if (g) out.push('', `${g.ok ? 'OK' : 'REFUSED'}: ${g.message}`);
  for (const w of r.warnings ?? []) out.push(w);
  // Whatever users wrote stays on its line: no control character reaches a terminal or a CI log.
  return `${out.map(escapeText).join('\n')}\n`;
}

function markdown(r: Report): string {
  const out: string[] = [`### Connect users${r.stack ? `: ${md(r.stack)}` : ''}`, '', `**${md(countsLine(r))}** against ${md(r.base)}`];
  const table = (title: string, head: string[], rows: string[][]) => {
    if (rows.length === 0) return;
    out.push('', `#### ${title}`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`));
  };
  table(':warning: Privilege changes (review first)', ['user', 'kind', 'privileged profiles'], r.privilege.map((p) => [md(p.username), md(privilegeKind(p)), md(p.profiles.join(', '))]));
  table(':x: Removed on this branch (Connect deletes these users)', ['user', 'was in'], r.diff.removed.map((u) => [md(u.username), md(where(u))]));
  table(
    ':x: Renamed (delete + create: history is lost)',
    ['from', 'to', 'matched by', 'in'],
    r.diff.renamed.map((x) => [md(x.from.username), md(x.to.username), renameWhy(x), md(where(x.to))]),
  );
  table(
    `:x: Missing compared with ${md(r.base)} (added there since this branch forked: rebase, or a deploy of this branch deletes them)`,
    ['user', 'in'],
    (r.missing ?? []).map((u) => [md(u.username), md(where(u))]),
  );
  table('Added', ['user', 'routing profile', 'security profiles', 'in'], r.diff.added.map((u) => [md(u.username), md(u.routingProfile), md(u.securityProfiles.join(', ')), md(where(u))]));
  table(
    'Changed',
    ['user', 'field', 'change'],
    r.diff.changed.flatMap((c) => c.fields.map((f) => [md(c.username), md(f.field), md(describeChange(f, '→'))])),
  );
  table(':no_entry: Base files that cannot be read', ['file', 'problem'], (r.unreadable ?? []).map((p) => [md(formatLocation(p)), md(`${p.message} (${p.code})`)]));
  for (const g of [r.removalGuard, r.privilegeGuard]) if (g) out.push('', `${g.ok ? ':white_check_mark:' : ':no_entry:'} ${md(g.message)}`);
  for (const w of r.warnings ?? []) out.push('', `> ${md(w)}`);
  return `${out.join('\n')}\n`;
}

export function reportJson(r: Report) {
  const user = (u: User) => ({ username: u.username, file: u.source.file, line: u.source.line });
  return {
    ...(r.stack !== undefined && { stack: r.stack }),
    base: r.base,
    counts: { ...counts(r.diff), missing: r.missing?.length ?? 0, privilege: r.privilege.length },
    privilege: r.privilege,
    removed: r.diff.removed.map(user),
    missing: (r.missing ?? []).map(user),
    renamed: r.diff.renamed.map((x) => ({ from: x.from.username, to: x.to.username, by: x.by, file: x.to.source.file, line: x.to.source.line })),
    added: r.diff.added.map((u) => ({ ...user(u), routingProfile: u.routingProfile, securityProfiles: u.securityProfiles })),
    changed: r.diff.changed.map((c) => ({ ...user(c.user), fields: c.fields })),
    removalGuard: r.removalGuard,
    privilegeGuard: r.privilegeGuard,
    unreadable: r.unreadable ?? [],
    warnings: r.warnings ?? [],
  };
}
