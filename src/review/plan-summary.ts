/**
 * The change report built from a real Terraform plan (`terraform show -json
 * plan.tfplan`), for CI after the plan: what will happen to each
 * `aws_connect_user` instance, by username. Follows Terraform's documented
 * JSON output format (format_version 1.x): `resource_changes[]` with
 * `change.actions`, `before`/`after`, `*_sensitive`, `after_unknown` and
 * `importing`, and `prior_state` / `planned_values` for the lookups, used to
 * show names instead of ids. A value marked sensitive, at any depth, is never
 * shown. A file that is not such a plan is refused (PlanFormatError), never
 * read as "no change". `plan-check` judges the same summaries.
 */
import { readFileSync } from 'node:fs';
import { describeChange, type FieldChange } from './compare';
import { capMarkdown, escapeMarkdown as md, escapeText, FULL_REPORT_HINT } from './escape';
import { compareText, safeJson } from '../problems';

/** What happens to a user. `forget`: Terraform stops managing it (a `removed` block), Connect keeps it. */
export type PlanAction = 'create' | 'update' | 'delete' | 'replace' | 'import' | 'forget' | 'no-op';

export interface PlannedUserChange {
  readonly username: string;
  readonly action: PlanAction;
  /** The user is being imported (adopted): with `update` it is also changed, with `replace` the existing user is deleted. */
  readonly importing?: boolean;
  /** For an import: whether the imported user also gets updated. */
  readonly alsoUpdated?: boolean;
  readonly reason?: string;
  readonly fields: readonly FieldChange[];
  /**
   * Security profiles before and after, as names where the plan's lookups
   * name them (ids otherwise); `after` is null when only known after apply.
   */
  readonly securityProfiles?: { readonly before: readonly string[]; readonly after: readonly string[] | null };
  /** Security profile ids after the change that no lookup in the plan names. */
  readonly unnamedProfileIds?: readonly string[];
}

export interface PlanSummary {
  readonly label: string;
  readonly terraformVersion?: string;
  readonly counts: Record<PlanAction, number>;
  /** `aws_connect_user` instances in the prior state (the users before the change). */
  readonly usersBefore: number;
  readonly changes: readonly PlannedUserChange[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attributes that say nothing to a reviewer. */
const IGNORED = new Set(['id', 'arn', 'user_id', 'tags_all', 'password', 'instance_id', 'region']);

/** Deeper than this is no plan Terraform writes; refused before anything recurses into it. */
export const MAX_PLAN_DEPTH = 256;

export class PlanFormatError extends Error {
  override name = 'PlanFormatError';
}

/** Reads and parses a plan file; every failure is a PlanFormatError naming the file. */
export function readPlanFile(file: string): unknown {
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: equivalent: without an encoding it reads a Buffer, which JSON.parse reads as UTF-8 too
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PlanFormatError(`${file}: cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (err) {
    throw new PlanFormatError(`${file}: not JSON (${(err as Error).message}); expected the output of \`terraform show -json <planfile>\``);
  }
  const depth = nestingDepth(plan);
  if (depth > MAX_PLAN_DEPTH) throw new PlanFormatError(`${file}: nested more than ${MAX_PLAN_DEPTH} levels deep: not a Terraform plan`);
  return plan;
}

/** How deeply arrays and objects nest (without recursion: any depth is measured safely). */
export function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    max = Math.max(max, depth + 1);
    if (max > MAX_PLAN_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

const KNOWN_ACTIONS = new Set(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

/** Terraform's action lists (jsonplan's actionString) -> what happens to a user. */
function userAction(actions: readonly string[], importing: boolean): PlanAction | undefined {
  switch (actions.join(',')) {
    case 'no-op':
      return importing ? 'import' : 'no-op';
    case 'create':
      return 'create';
    case 'update':
      return importing ? 'import' : 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'forget':
    case 'create,forget':
      return 'forget';
  }
  return undefined;
}

function must(condition: boolean, label: string, what: string): asserts condition {
  if (!condition) throw new PlanFormatError(`${label}: ${what}; expected the output of \`terraform show -json <planfile>\``);
}

export function summarizePlan(plan: unknown, label: string): PlanSummary {
  must(isObj(plan) && typeof plan.format_version === 'string' && /^1\./.test(plan.format_version), label, 'no format_version 1.x');
  must(nestingDepth(plan) <= MAX_PLAN_DEPTH, label, `nested more than ${MAX_PLAN_DEPTH} levels deep`);
  must(plan.errored !== true, label, 'the plan errored (Terraform did not finish planning)');
  const resourceChanges = plan.resource_changes ?? [];
  must(Array.isArray(resourceChanges), label, '"resource_changes" is not a list');
  const names = lookupNames(plan, label);
  const counts: Record<PlanAction, number> = { create: 0, update: 0, delete: 0, replace: 0, import: 0, forget: 0, 'no-op': 0 };
  const changes: PlannedUserChange[] = [];
  resourceChanges.forEach((rc, i) => {
    const at = `resource_changes[${i}]`;
    must(isObj(rc), label, `${at} is not an object`);
    must(typeof rc.address === 'string' && typeof rc.type === 'string' && typeof rc.mode === 'string', label, `${at} has no address, type or mode`);
    must(isObj(rc.change), label, `${at} (${rc.address}) has no "change" object`);
    const change = rc.change;
    const actions = change.actions;
    must(Array.isArray(actions) && actions.length > 0 && actions.every((a) => typeof a === 'string'), label, `${at} (${rc.address}): "change.actions" is not a list of actions`);
    if (rc.type !== 'aws_connect_user' || rc.mode !== 'managed') return;
    must(
      actions.every((a) => KNOWN_ACTIONS.has(a as string)),
      label,
      `${at} (${rc.address}): unknown action ${JSON.stringify(actions)}`,
    );
    must(change.importing === undefined || change.importing === null || isObj(change.importing), label, `${at} (${rc.address}): "change.importing" is not an object`);
    must(
      (change.before === null || isObj(change.before)) && (change.after === null || isObj(change.after)),
      label,
      `${at} (${rc.address}): "change.before" and "change.after" must be objects or null`,
    );
    const importing = isObj(change.importing);
    const action = userAction(actions as string[], importing);
    must(action !== undefined, label, `${at} (${rc.address}): unexpected actions ${JSON.stringify(actions)}`);
    counts[action]++;
    if (action === 'no-op') return;
    const key = typeof rc.index === 'string' ? rc.index : rc.address;
    const username = typeof rc.deposed === 'string' ? `${key} (deposed object ${rc.deposed})` : key;
    const fields = action === 'update' || action === 'replace' || action === 'import' ? fieldChanges(change, names) : [];
    const profiles = securityProfiles(change, names, action);
    changes.push({
      username,
      action,
      ...(importing && { importing: true }),
      ...(action === 'import' && { alsoUpdated: actions.includes('update') }),
      ...(typeof rc.action_reason === 'string' && { reason: rc.action_reason }),
      fields,
      ...profiles,
    });
  });
  const order: PlanAction[] = ['delete', 'replace', 'forget', 'create', 'import', 'update'];
  changes.sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action) || compareText(a.username, b.username));
  return {
    label,
    terraformVersion: typeof plan.terraform_version === 'string' ? plan.terraform_version : undefined,
    counts,
    usersBefore: usersInPriorState(plan),
    changes,
  };
}

/** Every resource of a state or planned-values module tree (child modules included). */
function resourcesOf(source: Json | undefined): Obj[] {
  const out: Obj[] = [];
  const stack: Json[] = isObj(source) ? [isObj(source.values) ? source.values.root_module : source.root_module] : [];
  while (stack.length > 0) {
    const module = stack.pop();
    if (!isObj(module)) continue;
    for (const r of Array.isArray(module.resources) ? module.resources : []) if (isObj(r)) out.push(r);
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) stack.push(child);
  }
  return out;
}

function usersInPriorState(plan: Obj): number {
  return resourcesOf(plan.prior_state).filter((r) => r.type === 'aws_connect_user' && r.mode === 'managed' && typeof r.deposed !== 'string').length;
}

/** id -> name for the routing profiles, security profiles and hierarchy groups the plan read. */
function lookupNames(plan: Obj, label: string): Map<string, string> {
  const names = new Map<string, string>();
  const idAttribute: Record<string, string> = {
    aws_connect_routing_profile: 'routing_profile_id',
    aws_connect_security_profile: 'security_profile_id',
    aws_connect_user_hierarchy_group: 'hierarchy_group_id',
  };
  for (const source of ['prior_state', 'planned_values']) {
    const value = plan[source];
    must(value === undefined || isObj(value), label, `"${source}" is not an object`);
    for (const r of resourcesOf(value)) {
      if (r.mode !== 'data' || !isObj(r.values) || typeof r.type !== 'string') continue;
      const attr = idAttribute[r.type];
      const id = attr && r.values[attr];
      if (typeof id === 'string' && typeof r.values.name === 'string') names.set(id, r.values.name);
    }
  }
  return names;
}

/** The security profiles before and after, named; unknown after when the plan does not know them yet. */
function securityProfiles(change: Obj, names: Map<string, string>, action: PlanAction): Pick<PlannedUserChange, 'securityProfiles' | 'unnamedProfileIds'> {
  if (action === 'delete' || action === 'forget') return {};
  const ids = (v: Json | undefined) => (isObj(v) && Array.isArray(v.security_profile_ids) ? v.security_profile_ids.filter((x): x is string => typeof x === 'string') : []);
  const before = ids(change.before);
  const unknown = change.after_unknown === true || (isObj(change.after_unknown) && containsTrue(change.after_unknown.security_profile_ids));
  const sensitive = change.after_sensitive === true || (isObj(change.after_sensitive) && containsTrue(change.after_sensitive.security_profile_ids));
  if (unknown || sensitive) return { securityProfiles: { before: before.map((id) => names.get(id) ?? id), after: null } };
  const after = ids(change.after);
  const unnamed = after.filter((id) => !names.has(id) && !before.includes(id));
  return {
    securityProfiles: { before: before.map((id) => names.get(id) ?? id).sort(compareText), after: after.map((id) => names.get(id) ?? id).sort(compareText) },
    ...(unnamed.length > 0 && { unnamedProfileIds: unnamed }),
  };
}

function containsTrue(marks: Json | undefined): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(containsTrue);
  if (isObj(marks)) return Object.values(marks).some(containsTrue);
  return false;
}

const SENSITIVE = '\u0000sensitive';
const UNKNOWN = '\u0000unknown';

/** `value` with every part marked sensitive (at any depth) replaced by SENSITIVE, and every unknown part by UNKNOWN. */
function mask(value: Json | undefined, sensitive: Json | undefined, unknown: Json | undefined): Json | undefined {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v, i) => mask(v, Array.isArray(sensitive) ? sensitive[i] : undefined, Array.isArray(unknown) ? unknown[i] : undefined) ?? null);
  if (isObj(value) || isObj(unknown)) {
    const v = isObj(value) ? value : {};
    const keys = new Set([...Object.keys(v), ...(isObj(unknown) ? Object.keys(unknown).filter((k) => unknown[k] === true) : [])]);
    const out: Obj = {};
    for (const k of keys) out[k] = mask(v[k], isObj(sensitive) ? sensitive[k] : undefined, isObj(unknown) ? unknown[k] : undefined) ?? null;
    return out;
  }
  return value;
}

interface Flat {
  /** The value as it is (sensitive parts included: used only to see whether it changed). */
  readonly raw: string;
  readonly masked: Json | undefined;
}

/**
 * The resource's attributes as field -> value. A nested block (a list of one
 * object in plan JSON) becomes `block.attribute`.
 */
function flatten(value: Json | undefined, sensitive: Json | undefined, unknown?: Json | undefined): Map<string, Flat> {
  const out = new Map<string, Flat>();
  // A wholly sensitive object: every attribute is.
  const marks = sensitive === true && isObj(value) ? Object.fromEntries(Object.keys(value).map((k) => [k, true])) : sensitive;
  const masked = mask(value, marks, unknown);
  if (!isObj(masked)) return out;
  const raw = isObj(value) ? value : {};
  for (const [key, m] of Object.entries(masked)) {
    const r = raw[key];
    if (Array.isArray(m) && m.length === 1 && isObj(m[0]) && Array.isArray(r) && isObj(r[0])) {
      for (const [inner, im] of Object.entries(m[0])) out.set(`${key}.${inner}`, { raw: JSON.stringify(r[0][inner] ?? null), masked: im });
    } else out.set(key, { raw: JSON.stringify(r ?? null), masked: m });
  }
  return out;
}

/** Top-level and single-block attributes that differ (`phone_config.auto_accept`), ids shown as names, sensitive values never shown. */
function fieldChanges(change: Obj, names: Map<string, string>): FieldChange[] {
  const before = flatten(change.before, change.before_sensitive);
  const after = flatten(change.after, change.after_sensitive, change.after_unknown);
  const fields = [...new Set([...before.keys(), ...after.keys()])].filter((f) => !IGNORED.has(f.split('.')[0]));
  const out: FieldChange[] = [];
  for (const field of fields.sort(compareText)) {
    const b = before.get(field);
    const a = after.get(field);
    if ((b?.raw ?? 'null') === (a?.raw ?? 'null') && display(b?.masked, names) === display(a?.masked, names)) continue;
    const change: FieldChange = { field, before: display(b?.masked, names), after: display(a?.masked, names) };
    const was = elements(b?.masked, names);
    const is = elements(a?.masked, names);
    const added = was && is ? is.filter((x) => !was.includes(x)) : [];
    const removed = was && is ? was.filter((x) => !is.includes(x)) : [];
    out.push(added.length + removed.length > 0 ? { ...change, added, removed } : change);
  }
  return out;
}

/** A list or map of plain values as displayed elements (ids named, `k=v` for maps), to show set changes as +/-. */
function elements(value: Json | undefined, names: Map<string, string>): string[] | undefined {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value) && value.every((x) => typeof x !== 'object' && x !== SENSITIVE && x !== UNKNOWN)) return value.map((x) => display(x, names));
  if (isObj(value) && Object.values(value).every((x) => typeof x !== 'object' && x !== UNKNOWN)) return Object.keys(value).sort(compareText).map((k) => `${k}=${display(value[k], names)}`);
  return undefined;
}

function display(value: Json | undefined, names: Map<string, string>): string {
  if (value === undefined || value === null) return '';
  if (value === SENSITIVE) return '(sensitive)';
  if (value === UNKNOWN) return '(known after apply)';
  if (typeof value === 'string') return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((x) => (Array.isArray(x) || isObj(x) ? `[${display(x, names)}]` : display(x, names))).sort(compareText).join(', ');
  if (isObj(value)) return Object.keys(value).sort(compareText).map((k) => `${k}=${display(value[k], names)}`).join(', ');
  return String(value);
}

const DESTRUCTIVE = new Set<PlanAction>(['delete', 'replace']);
const VERB: Record<PlanAction, string> = {
  delete: 'deleted',
  replace: 'replaced (deleted and created again: the user loses its history)',
  create: 'created',
  import: 'imported (adopted, not created)',
  update: 'updated in place',
  forget: 'forgotten (no longer managed here; Connect keeps the user)',
  'no-op': 'unchanged',
};

/** How a change reads: `replaced (...)`, with the import and Terraform's reason when there are. */
export function verb(c: PlannedUserChange): string {
  const imported = c.importing && c.action === 'replace' ? ' while being imported: the existing user is deleted' : '';
  return `${VERB[c.action]}${imported}${c.reason ? ` (${c.reason})` : ''}`;
}

export function isDestructive(c: PlannedUserChange): boolean {
  return DESTRUCTIVE.has(c.action);
}

function countsLine(s: PlanSummary): string {
  const c = s.counts;
  const forget = c.forget > 0 ? `, ${c.forget} to forget` : '';
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.import} to import${forget}, ${c['no-op']} unchanged`;
}

export function formatPlanSummaries(summaries: readonly PlanSummary[], format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return `${safeJson(summaries, 2)}\n`;
  const out: string[] = [];
  for (const s of summaries) {
    if (format === 'markdown') {
      out.push(`### Plan: ${md(s.label)}`, '', `**${countsLine(s)}** (aws\\_connect\\_user)`);
      if (s.changes.length > 0) {
        out.push('', '| | user | action | changes |', '|---|---|---|---|');
        for (const c of s.changes) {
          const what = c.fields.map((f) => `${md(f.field)}: ${md(describeChange(f, '→'))}`).join('<br>');
          out.push(`| ${isDestructive(c) ? ':x:' : ''} | ${md(c.username)} | ${md(verb(c))} | ${what} |`);
        }
      }
      out.push('');
    } else {
      out.push(`Plan ${s.label}: ${countsLine(s)}`);
      for (const c of s.changes) {
        out.push(`  ${isDestructive(c) ? '!' : c.action === 'create' ? '+' : '~'} ${c.username}: ${verb(c)}`);
        for (const f of c.fields) out.push(`      ${f.field}: ${describeChange(f)}`);
      }
      out.push('');
    }
  }
  return format === 'markdown' ? capMarkdown(out.join('\n'), FULL_REPORT_HINT) : out.map(escapeText).join('\n');
}
