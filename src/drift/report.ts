/**
 * The drift report: text for terminals, Markdown for job summaries, JSON for
 * scripts (the formats of `diff`). Pure. Values come from Connect and may hold
 * anything: text shows control characters as escapes, Markdown escapes too.
 */
import type { LiveUser } from '../connect/read-instance';
import { escapeMarkdown, escapeText } from '../review/escape';
import { formatLocation, safeJson } from '../problems';
import { hasDrift, type DriftReport } from './check';
import { caseTwin } from './compare';

export type DriftFormat = 'text' | 'markdown' | 'json';

/** Sections longer than this are cut short in text and Markdown (JSON lists everything). */
export const MAX_LINES = 200;

export interface FormatOptions {
  /** One folder (--dir): JSON is one object, not a list. */
  readonly single?: boolean;
  /** Users no file manages are not drift (--allow-unmanaged): decides JSON's `drift`. */
  readonly allowUnmanaged?: boolean;
}

export function formatDrift(reports: readonly DriftReport[], format: DriftFormat, options: FormatOptions = {}): string {
  if (format === 'json') {
    const json = reports.map((r) => driftJson(r, options));
    return `${safeJson(options.single && json.length === 1 ? json[0] : json, 2)}\n`;
  }
  return reports.map(format === 'markdown' ? markdown : text).join('\n');
}

function summary(r: DriftReport): string {
  if (r.error) return 'not checked: Connect could not be read';
  const ignored = r.ignored && r.ignored.length > 0 ? ` (and ${r.ignored.length} ignored)` : '';
  const unmanaged = r.unmanaged === undefined ? 'not-managed users not looked for' : `${r.unmanaged.length} not managed by any file${ignored}`;
  return `${r.missing.length} missing from Connect, ${r.changed.length} changed, ${unmanaged}, ${r.unchanged} unchanged (${r.liveUsers} users in Connect)`;
}

/** The first `MAX_LINES` items, plus a line saying how many were left out. */
function capped<T>(items: readonly T[], line: (item: T) => string[], more: (n: number) => string): string[] {
  const out = items.slice(0, MAX_LINES).flatMap(line);
  if (items.length > MAX_LINES) out.push(more(items.length - MAX_LINES));
  return out;
}

const v = (s: string) => escapeText(s);
const orNone = (s: string) => (s === '' ? '(none)' : s);

function text(r: DriftReport): string {
  const out = [`Drift of ${v(r.stack)} (instance ${v(r.instance)}): ${summary(r)}`];
  if (r.error) out.push(`  ${v(r.error)}`);
  const more = (n: number) => `  ... and ${n} more (--format json lists every one)`;
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', title, ...lines);
  };
  section(
    'Missing from Connect (the next apply creates them):',
    capped(r.missing, (u) => {
      const twin = caseTwin(u.username, r.unmanaged ?? []);
      return [`  + ${v(u.username)} (${v(formatLocation(u.source))})${twin ? `: Connect has ${v(twin)}, which differs only in case` : ''}`];
    }, more),
  );
  section(
    'Changed in Connect (the next apply sets them back to what the files say):',
    capped(r.changed, (c) => [`  ~ ${v(c.user.username)} (${v(formatLocation(c.user.source))})`, ...c.fields.map((f) => `      ${f.field}: Connect has ${v(orNone(f.connect))}, the files say ${v(orNone(f.files))}`)], more),
  );
  section(
    'Not managed by any file (in Connect only; Terraform leaves them alone):',
    capped(r.unmanaged ?? [], (u) => [`  ? ${v(u.username)} (${v(u.routingProfile)}; ${v(u.securityProfiles.join(', '))})`], more),
  );
  section(
    'Not managed by any file, ignored (--ignore-user; not drift):',
    capped(r.ignored ?? [], (u) => [`  - ${v(u.username)} (${v(u.routingProfile)}; ${v(u.securityProfiles.join(', '))})`], more),
  );
  if (r.notes.length > 0) out.push('', ...r.notes.map((n) => `note: ${v(n)}`));
  return `${out.join('\n')}\n`;
}

function markdown(r: DriftReport): string {
  const cell = (s: string) => escapeMarkdown(s);
  const out = [`### Drift: ${cell(r.stack)}`, '', `**${summary(r)}** on instance \`${r.instance.replace(/`/g, '')}\``];
  if (r.error) out.push('', `:x: ${cell(r.error)}`);
  const table = (title: string, head: string[], rows: string[][]) => {
    if (rows.length === 0) return;
    out.push('', `#### ${title}`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    out.push(...rows.slice(0, MAX_LINES).map((row) => `| ${row.join(' | ')} |`));
    if (rows.length > MAX_LINES) out.push('', `_... and ${rows.length - MAX_LINES} more rows (\`--format json\` lists every one)_`);
  };
  table('Missing from Connect (the next apply creates them)', ['user', 'in'], r.missing.map((u) => [cell(u.username), cell(formatLocation(u.source))]));
  table(
    'Changed in Connect (the next apply sets them back)',
    ['user', 'field', 'in Connect', 'in the files'],
    r.changed.flatMap((c) => c.fields.map((f) => [cell(c.user.username), f.field, cell(f.connect) || '_none_', cell(f.files) || '_none_'])),
  );
  table(
    'Not managed by any file',
    ['user', 'routing profile', 'security profiles'],
    (r.unmanaged ?? []).map((u) => [cell(u.username), cell(u.routingProfile), cell(u.securityProfiles.join(', '))]),
  );
  table(
    'Not managed by any file, ignored (not drift)',
    ['user', 'routing profile', 'security profiles'],
    (r.ignored ?? []).map((u) => [cell(u.username), cell(u.routingProfile), cell(u.securityProfiles.join(', '))]),
  );
  for (const n of r.notes) out.push('', `> ${cell(n)}`);
  return `${out.join('\n')}\n`;
}

export function driftJson(r: DriftReport, options: FormatOptions = {}) {
  const where = (u: { source: { file: string; line?: number } }) => ({ file: u.source.file, line: u.source.line });
  const live = (u: LiveUser) => ({ username: u.username, userId: u.userId, routingProfile: u.routingProfile, securityProfiles: u.securityProfiles });
  return {
    stack: r.stack,
    /** What the exit code 6 counts. */
    drift: hasDrift(r, options),
    instance: r.instance,
    liveUsers: r.liveUsers,
    emailsCompared: r.emailsCompared,
    counts: { missing: r.missing.length, changed: r.changed.length, unmanaged: r.unmanaged?.length ?? null, ignored: r.unmanaged === undefined ? null : (r.ignored?.length ?? 0), unchanged: r.unchanged },
    missing: r.missing.map((u) => ({ username: u.username, ...where(u) })),
    changed: r.changed.map((c) => ({ username: c.user.username, userId: c.userId, ...where(c.user), fields: c.fields })),
    unmanaged: r.unmanaged?.map(live) ?? null,
    ignored: r.unmanaged === undefined ? null : (r.ignored ?? []).map(live),
    ...(r.error !== undefined && { error: r.error }),
    notes: r.notes,
  };
}
