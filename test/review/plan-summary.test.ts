import { readFileSync } from 'node:fs';
import { formatPlanSummaries, PlanFormatError, summarizePlan } from '../../src/review/plan-summary';
import { fixture } from '../helpers';

const plan = JSON.parse(readFileSync(fixture('plan', 'plan.json'), 'utf8'));
const summary = summarizePlan(plan, 'connect-users');

describe('summarizePlan', () => {
  it('counts each aws_connect_user instance by action, ignoring other resources', () => {
    expect(summary.counts).toStrictEqual({ create: 1, update: 1, delete: 1, replace: 1, import: 2, 'no-op': 1 });
  });

  it('lists destructive changes first, by username', () => {
    expect(summary.changes.map((c) => [c.username, c.action])).toStrictEqual([
        ['bob', 'delete'],
        ['ann.lee', 'replace'],
        ['jane.doe', 'create'],
        ['rita.costa', 'import'],
        ['tom.walsh', 'import'],
        ['john.roe', 'update'],
      ]);
    expect(summary.changes[1].reason).toBe('replace_because_cannot_update');
    expect(summary.changes.find((c) => c.username === 'tom.walsh')?.alsoUpdated).toBe(true);
  });

  it('shows field changes with names instead of ids, blocks flattened', () => {
    expect(summary.changes.find((c) => c.username === 'john.roe')?.fields).toStrictEqual([
      { field: 'phone_config.auto_accept', before: 'false', after: 'true' },
      { field: 'routing_profile_id', before: 'Sales', after: 'Support' },
      { field: 'security_profile_ids', before: 'Agent', after: 'Admin, Agent' },
      { field: 'tags', before: 'team=sales', after: 'team=support' },
    ]);
  });

  it('never shows a sensitive value', () => {
    for (const format of ['text', 'markdown', 'json'] as const) {
      expect(formatPlanSummaries([summary], format).includes('Init1alSecret')).toBeFalsy() /* format */;
    }
  });

  it('fails clearly on something that is not plan JSON', () => {
    expect(() => summarizePlan({ hello: 1 }, 'x.json')).toThrow(PlanFormatError);
  });

  it('reads a plan without user changes', () => {
    const empty = summarizePlan(JSON.parse(readFileSync(fixture('plan', 'empty-plan.json'), 'utf8')), 'e');
    expect(empty.changes).toStrictEqual([]);
  });
});

describe('formatPlanSummaries', () => {
  it('text: counts on top, destructive marked with !', () => {
    const text = formatPlanSummaries([summary], 'text');
    expect(text).toMatch(/^Plan connect-users: 1 to create, 1 to update, 1 to replace, 1 to delete, 2 to import, 1 unchanged\n/);
    expect(text).toMatch(/\n {2}! bob: deleted/);
    expect(text).toMatch(/\n {2}! ann\.lee: replaced \(deleted and created again: the user loses its history\)/);
    expect(text).toMatch(/\n {6}routing_profile_id: Sales -> Support/);
  });

  it('markdown: one table per stack for a PR comment', () => {
    const md = formatPlanSummaries([summary], 'markdown');
    expect(md).toMatch(/^### Plan: connect\\-users\n/);
    expect(md).toMatch(/\| :x: \| bob \| deleted/);
  });
});
