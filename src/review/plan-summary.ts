/**
 * The change report built from a real Terraform plan (`terraform show -json
 * plan.tfplan`), for CI after the plan: what will happen to each
 * `aws_connect_user` instance, by username. Pure. Follows Terraform's
 * documented JSON output format (format_version 1.x): `resource_changes[]`
 * with `change.actions`, `before`/`after`, `*_sensitive` and `importing`, and
 * `prior_state` for the lookups, used to show names instead of ids.
 * Values marked sensitive (the password) are never shown.
 */
import { compareText } from '../problems';
import { md } from './report';

export type PlanAction = 'create' | 'update' | 'delete' | 'replace' | 'import' | 'no-op';

export interface PlannedUserChange {
  readonly username: string;
  readonly action: PlanAction;
  /** For an import: whether the imported user also gets updated. */
  readonly alsoUpdated?: boolean;
  readonly reason?: string;
  readonly fields: readonly { field: string; before: string; after: string }[];
}

export interface PlanSummary {
  readonly label: string;
  readonly terraformVersion?: string;
  readonly counts: Record<PlanAction, number>;
  readonly changes: readonly PlannedUserChange[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attributes that say nothing to a reviewer. */
const IGNORED = new Set(['id', 'arn', 'user_id', 'tags_all', 'password', 'instance_id', 'region']);

export class PlanFormatError extends Error {
  override name = 'PlanFormatError';
}

export function summarizePlan(plan: unknown, label: string): PlanSummary {
  if (!isObj(plan) || typeof plan.format_version !== 'string' || !/^1\./.test(plan.format_version)) {
    throw new PlanFormatError(`${label}: expected the output of \`terraform show -json <planfile>\` (format_version 1.x)`);
  }
  const names = lookupNames(plan);
  const counts: Record<PlanAction, number> = { create: 0, update: 0, delete: 0, replace: 0, import: 0, 'no-op': 0 };
  const changes: PlannedUserChange[] = [];
  const resourceChanges = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  for (const rc of resourceChanges) {
    if (!isObj(rc) || rc.type !== 'aws_connect_user' || rc.mode !== 'managed' || !isObj(rc.change)) continue;
    const change = rc.change;
    const actions = Array.isArray(change.actions) ? change.actions.map(String) : [];
    let action: PlanAction;
    if (isObj(change.importing)) action = 'import';
    else if (actions.includes('delete') && actions.includes('create')) action = 'replace';
    else if (actions[0] === 'create' || actions[0] === 'delete' || actions[0] === 'update') action = actions[0];
    else action = 'no-op';
    counts[action]++;
    if (action === 'no-op') continue;
    const username = typeof rc.index === 'string' ? rc.index : String(rc.address ?? '?');
    const fields = action === 'update' || action === 'replace' || action === 'import' ? fieldChanges(change, names) : [];
    changes.push({
      username,
      action,
      ...(action === 'import' && { alsoUpdated: actions.includes('update') }),
      ...(typeof rc.action_reason === 'string' && { reason: rc.action_reason }),
      fields,
    });
  }
  const order: PlanAction[] = ['delete', 'replace', 'create', 'import', 'update'];
  changes.sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action) || compareText(a.username, b.username));
  return { label, terraformVersion: typeof plan.terraform_version === 'string' ? plan.terraform_version : undefined, counts, changes };
}

/** id -> name for the routing profiles, security profiles and hierarchy groups the plan read. */
function lookupNames(plan: Obj): Map<string, string> {
  const names = new Map<string, string>();
  const idAttribute: Record<string, string> = {
    aws_connect_routing_profile: 'routing_profile_id',
    aws_connect_security_profile: 'security_profile_id',
    aws_connect_user_hierarchy_group: 'hierarchy_group_id',
  };
  const visit = (module: Json | undefined) => {
    if (!isObj(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObj(r) || r.mode !== 'data' || !isObj(r.values) || typeof r.type !== 'string') continue;
      const attr = idAttribute[r.type];
      const id = attr && r.values[attr];
      if (typeof id === 'string' && typeof r.values.name === 'string') names.set(id, r.values.name);
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) visit(child);
  };
  for (const source of [plan.prior_state, plan.planned_values]) {
    if (!isObj(source)) continue;
    visit(isObj(source.values) ? source.values.root_module : source.root_module);
  }
  return names;
}

/** Top-level and single-block attributes that differ, flattened (`phone_config.auto_accept`), sensitive ones left out. */
function fieldChanges(change: Obj, names: Map<string, string>): { field: string; before: string; after: string }[] {
  const before = flatten(change.before, change.before_sensitive);
  const after = flatten(change.after, change.after_sensitive, change.after_unknown);
  const fields = [...new Set([...before.keys(), ...after.keys()])].filter((f) => !IGNORED.has(f.split('.')[0]));
  const out: { field: string; before: string; after: string }[] = [];
  for (const field of fields.sort(compareText)) {
    const b = before.get(field);
    const a = after.get(field);
    if (b === a) continue;
    out.push({ field, before: display(b, names), after: display(a, names) });
  }
  return out;
}

const SENSITIVE = '\u0000sensitive';
const UNKNOWN = '\u0000unknown';

/**
 * The resource's attributes as field -> raw display value. A nested block
 * (a list of one object in plan JSON) becomes `block.attribute`; a map (tags)
 * becomes `k=v, ...`; a list stays JSON until `display` names its ids.
 */
function flatten(value: Json | undefined, sensitive: Json | undefined, unknown?: Json | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const put = (field: string, v: Json | undefined, sens: Json | undefined, unk: Json | undefined) => {
    if (sens === true) out.set(field, SENSITIVE);
    else if (unk === true) out.set(field, UNKNOWN);
    else if (v === null || v === undefined) out.set(field, '');
    else if (typeof v === 'string') out.set(field, v);
    else if (isObj(v)) out.set(field, Object.keys(v).sort(compareText).map((k) => `${k}=${typeof v[k] === 'string' ? v[k] : JSON.stringify(v[k])}`).join(', '));
    else out.set(field, JSON.stringify(v));
  };
  if (!isObj(value)) return out;
  const at = (marks: Json | undefined, key: string) => (isObj(marks) ? marks[key] : undefined);
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v) && v.length === 1 && isObj(v[0])) {
      const first = (marks: Json | undefined) => {
        const m = at(marks, key);
        return Array.isArray(m) ? m[0] : m;
      };
      for (const [inner, iv] of Object.entries(v[0])) put(`${key}.${inner}`, iv, at(first(sensitive), inner) ?? first(sensitive), at(first(unknown), inner));
    } else put(key, v, at(sensitive, key), at(unknown, key));
  }
  return out;
}

function display(value: string | undefined, names: Map<string, string>): string {
  if (value === undefined || value === '') return '';
  if (value === SENSITIVE) return '(sensitive)';
  if (value === UNKNOWN) return '(known after apply)';
  if (value.startsWith('[')) {
    try {
      const list = JSON.parse(value) as unknown[];
      if (Array.isArray(list)) return list.map((x) => (typeof x === 'string' ? names.get(x) ?? x : JSON.stringify(x))).sort(compareText).join(', ');
    } catch {
      /* not a list */
    }
  }
  return names.get(value) ?? value;
}

const DESTRUCTIVE = new Set<PlanAction>(['delete', 'replace']);
const VERB: Record<PlanAction, string> = {
  delete: 'deleted',
  replace: 'replaced (deleted and created again: the user loses its history)',
  create: 'created',
  import: 'imported (adopted, not created)',
  update: 'updated in place',
  'no-op': 'unchanged',
};

function countsLine(s: PlanSummary): string {
  const c = s.counts;
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.import} to import, ${c['no-op']} unchanged`;
}

export function formatPlanSummaries(summaries: readonly PlanSummary[], format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(summaries, null, 2)}\n`;
  const out: string[] = [];
  for (const s of summaries) {
    if (format === 'markdown') {
      out.push(`### Plan: ${md(s.label)}`, '', `**${countsLine(s)}** (aws_connect_user)`);
      if (s.changes.length > 0) {
        out.push('', '| | user | action | changes |', '|---|---|---|---|');
        for (const c of s.changes) {
          const what = c.fields.map((f) => `${md(f.field)}: ${md(f.before) || '_none_'} → ${md(f.after) || '_none_'}`).join('<br>');
          out.push(`| ${DESTRUCTIVE.has(c.action) ? ':x:' : ''} | ${md(c.username)} | ${VERB[c.action]}${c.reason ? ` (${md(c.reason)})` : ''} | ${what} |`);
        }
      }
      out.push('');
    } else {
      out.push(`Plan ${s.label}: ${countsLine(s)}`);
      for (const c of s.changes) {
        out.push(`  ${DESTRUCTIVE.has(c.action) ? '!' : c.action === 'create' ? '+' : '~'} ${c.username}: ${VERB[c.action]}${c.reason ? ` (${c.reason})` : ''}`);
        for (const f of c.fields) out.push(`      ${f.field}: ${f.before || '(none)'} -> ${f.after || '(none)'}`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
