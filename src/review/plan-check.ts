/**
 * The deletion and privilege guards applied to the plan Terraform will
 * apply (`terraform show -json plan.tfplan`), not to the user files: whatever
 * the files, main.ts or the git history say, this is what would happen. Pure.
 *
 * Removals are the `aws_connect_user` instances the plan deletes or replaces
 * (a replace deletes the user: a rename, a changed instance, or an import
 * that Terraform must replace). The limit is a percentage of the users in
 * the plan's prior state. Privilege changes are users created, imported,
 * replaced or updated with a privileged security profile they did not have
 * (named by the plan's lookups); a profile the plan cannot name yet counts,
 * since the check cannot rule it out.
 */
import { checkPrivileges, judgeRemovals, type GuardResult, type PrivilegeGuardOptions, type PrivilegeGuardResult, type RemovalGuardOptions } from './guard';
import { capMarkdown, escapeMarkdown as md, escapeText, FULL_REPORT_HINT } from './escape';
import { isDestructive, verb, type PlannedUserChange, type PlanSummary } from './plan-summary';
import { DEFAULT_PRIVILEGED_PROFILES, type PrivilegeChange } from './report';
import { compareText, safeJson } from '../problems';

export interface PlanCheckOptions extends RemovalGuardOptions, PrivilegeGuardOptions {
  /** @default ['Admin', 'CallCenterManager'] */
  readonly privilegedProfiles?: readonly string[];
}

export interface PlanCheck {
  readonly label: string;
  readonly usersBefore: number;
  /** The users the plan deletes or replaces. */
  readonly removals: readonly PlannedUserChange[];
  readonly privilege: readonly PrivilegeChange[];
  readonly removalGuard: GuardResult;
  readonly privilegeGuard?: PrivilegeGuardResult;
}

/** Shown for a security profile the plan only knows at apply time. */
export const UNKNOWN_PROFILES = '(unknown until apply)';

export function checkPlan(summary: PlanSummary, options: PlanCheckOptions = {}): PlanCheck {
  const removals = summary.changes.filter(isDestructive);
  const deleted = removals.filter((c) => c.action === 'delete').length;
  const replaced = removals.length - deleted;
  const removalGuard = judgeRemovals(
    removals.length,
    `${deleted} deleted, ${replaced} replaced; a replace deletes the user and creates a new one, which loses its history`,
    summary.usersBefore,
    options,
  );
  const privilege = planPrivilegeChanges(summary.changes, options.privilegedProfiles ?? DEFAULT_PRIVILEGED_PROFILES);
  return {
    label: summary.label,
    usersBefore: summary.usersBefore,
    removals,
    privilege,
    removalGuard,
    privilegeGuard: checkPrivileges(privilege.length, options),
  };
}

/** Users who get a privileged profile they did not have: created (`new user`), or updated, imported or replaced (`gained`). */
export function planPrivilegeChanges(changes: readonly PlannedUserChange[], privileged: readonly string[]): PrivilegeChange[] {
  const isPrivileged = new Set(privileged);
  const out: PrivilegeChange[] = [];
  for (const c of changes) {
    if (!c.securityProfiles) continue;
    const kind = c.action === 'create' ? 'new user' : 'gained';
    const { before, after } = c.securityProfiles;
    const profiles =
      after === null
        ? [UNKNOWN_PROFILES]
        : [
            ...after.filter((p) => isPrivileged.has(p) && !before.includes(p)),
            ...(c.unnamedProfileIds ?? []).map((id) => `${id} (no lookup in the plan names it)`),
          ];
    if (profiles.length > 0) out.push({ username: c.username, kind, profiles });
  }
  return out.sort((a, b) => compareText(a.username, b.username));
}

function headline(c: PlanCheck): string {
  return `${c.removals.length} removal(s), ${c.privilege.length} privilege change(s); ${c.usersBefore} user(s) in the prior state`;
}

export function formatPlanChecks(checks: readonly PlanCheck[], format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return `${safeJson(checks, 2)}\n`;
  const out: string[] = [];
  for (const c of checks) {
    const guards = [c.removalGuard, c.privilegeGuard].filter((g): g is PrivilegeGuardResult => g !== undefined);
    if (format === 'markdown') {
      out.push(`### Plan check: ${md(c.label)}`, '', `**${md(headline(c))}**`);
      if (c.privilege.length > 0) {
        out.push('', '#### :warning: Privilege changes', '', '| user | kind | privileged profiles |', '|---|---|---|');
        for (const p of c.privilege) out.push(`| ${md(p.username)} | ${p.kind} | ${md(p.profiles.join(', '))} |`);
      }
      if (c.removals.length > 0) {
        out.push('', '#### :x: Removals', '', '| user | action |', '|---|---|');
        for (const r of c.removals) out.push(`| ${md(r.username)} | ${md(verb(r))} |`);
      }
      for (const g of guards) out.push('', `${g.ok ? ':white_check_mark:' : ':no_entry:'} ${md(g.message)}`);
      out.push('');
    } else {
      out.push(`Plan check ${c.label}: ${headline(c)}`);
      for (const p of c.privilege) out.push(`  ! ${p.username} (${p.kind}) gets ${p.profiles.join(', ')}`);
      for (const r of c.removals) out.push(`  - ${r.username}: ${verb(r)}`);
      for (const g of guards) out.push(`${g.ok ? 'OK' : 'REFUSED'}: ${g.message}`);
      out.push('');
    }
  }
  return format === 'markdown' ? capMarkdown(out.join('\n'), FULL_REPORT_HINT) : out.map(escapeText).join('\n');
}
