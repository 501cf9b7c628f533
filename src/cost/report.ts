/** The cost table of `connect-users cost`: text, Markdown or JSON. Pure. */
import { safeJson } from '../problems';
import { escapeMarkdown, escapeText } from '../review/escape';
import { count as n, type Calls, type CostEstimate } from './estimate';

export interface StackCost {
  readonly stack: string;
  readonly estimate: CostEstimate;
  /** The git revision the fast plan's changed users were counted against, if any. */
  readonly changedSince?: string;
}

const min = (c: Calls) => (c.minutes < 10 ? c.minutes.toFixed(1) : n(Math.round(c.minutes)));

/** The rows of the table; `fragment` shows a command-line fragment (plain in text, a code span in Markdown). */
function rows(s: StackCost, fragment: (text: string) => string): [string, Calls][] {
  const e = s.estimate;
  const changed = e.fastPlan.detail.DescribeUser ?? 0;
  return [
    ['name lookups (every plan)', e.lookups],
    ['full-refresh plan', e.fullRefresh],
    [`fast plan (${fragment('-refresh=false')}, ${n(changed)} user(s) changed${s.changedSince ? ` since ${fragment(s.changedSince)}` : ''})`, e.fastPlan],
    ['drift check', e.drift],
    [`drift check ${fragment('--emails')}`, e.driftWithEmails],
  ];
}

function heading(s: StackCost, name: string): string {
  const { names, users } = s.estimate;
  return `${name}: ${n(users)} users; ${names.routingProfiles} routing profile(s), ${names.securityProfiles} security profile(s), ${names.hierarchyGroups} hierarchy group(s) looked up by name`;
}

const plain = (t: string) => escapeText(t);
const codeSpan = (t: string) => `\`${escapeText(t).replace(/`/g, "'")}\``;

function text(s: StackCost): string {
  const table = rows(s, plain);
  const width = Math.max(...table.map(([label]) => label.length));
  const out = [heading(s, escapeText(s.stack)), `  ${''.padEnd(width)}  ${'API calls'.padStart(10)}  ${`minutes at ${s.estimate.rate}/s`.padStart(16)}`];
  for (const [label, c] of table) out.push(`  ${label.padEnd(width)}  ${n(c.calls).padStart(10)}  ${min(c).padStart(16)}`);
  for (const w of s.estimate.warnings) out.push(`warning: ${escapeText(w)}`);
  return `${out.join('\n')}\n`;
}

function markdown(s: StackCost): string {
  const name = escapeMarkdown(s.stack);
  const out = [`### Plan cost: ${name}`, '', heading(s, name), '', `| | API calls | minutes at ${s.estimate.rate}/s |`, '|---|---:|---:|'];
  for (const [label, c] of rows(s, codeSpan)) out.push(`| ${label} | ${n(c.calls)} | ${min(c)} |`);
  for (const w of s.estimate.warnings) out.push('', `> :warning: ${escapeMarkdown(w)}`);
  return `${out.join('\n')}\n`;
}

export function formatCost(stacks: readonly StackCost[], format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return `${safeJson(stacks.map((s) => ({ stack: s.stack, ...(s.changedSince && { changedSince: s.changedSince }), ...s.estimate })), 2)}\n`;
  return stacks.map(format === 'markdown' ? markdown : text).join('\n');
}
