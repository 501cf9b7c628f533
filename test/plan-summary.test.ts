import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatPlanSummaries, PlanFormatError, summarizePlan } from '../src/plan-summary';
import { fixture } from './helpers';

const plan = JSON.parse(readFileSync(fixture('plan', 'plan.json'), 'utf8'));
const summary = summarizePlan(plan, 'connect-users');

describe('summarizePlan', () => {
  it('counts each aws_connect_user instance by action, ignoring other resources', () => {
    assert.deepEqual(summary.counts, { create: 1, update: 1, delete: 1, replace: 1, import: 2, 'no-op': 1 });
  });

  it('lists destructive changes first, by username', () => {
    assert.deepEqual(
      summary.changes.map((c) => [c.username, c.action]),
      [
        ['bob', 'delete'],
        ['ann.lee', 'replace'],
        ['jane.doe', 'create'],
        ['rita.costa', 'import'],
        ['tom.walsh', 'import'],
        ['john.roe', 'update'],
      ],
    );
    assert.equal(summary.changes[1].reason, 'replace_because_cannot_update');
    assert.equal(summary.changes.find((c) => c.username === 'tom.walsh')?.alsoUpdated, true);
  });

  it('shows field changes with names instead of ids, blocks flattened', () => {
    assert.deepEqual(summary.changes.find((c) => c.username === 'john.roe')?.fields, [
      { field: 'phone_config.auto_accept', before: 'false', after: 'true' },
      { field: 'routing_profile_id', before: 'Sales', after: 'Support' },
      { field: 'security_profile_ids', before: 'Agent', after: 'Admin, Agent' },
      { field: 'tags', before: 'team=sales', after: 'team=support' },
    ]);
  });

  it('never shows a sensitive value', () => {
    for (const format of ['text', 'markdown', 'json'] as const) {
      assert.ok(!formatPlanSummaries([summary], format).includes('Init1alSecret'), format);
    }
  });

  it('fails clearly on something that is not plan JSON', () => {
    assert.throws(() => summarizePlan({ hello: 1 }, 'x.json'), PlanFormatError);
  });

  it('reads a plan without user changes', () => {
    const empty = summarizePlan(JSON.parse(readFileSync(fixture('plan', 'empty-plan.json'), 'utf8')), 'e');
    assert.deepEqual(empty.changes, []);
  });
});

describe('formatPlanSummaries', () => {
  it('text: counts on top, destructive marked with !', () => {
    const text = formatPlanSummaries([summary], 'text');
    assert.match(text, /^Plan connect-users: 1 to create, 1 to update, 1 to replace, 1 to delete, 2 to import, 1 unchanged\n/);
    assert.match(text, /\n {2}! bob: deleted/);
    assert.match(text, /\n {2}! ann\.lee: replaced \(deleted and created again: the user loses its history\)/);
    assert.match(text, /\n {6}routing_profile_id: Sales -> Support/);
  });

  it('markdown: one table per stack for a PR comment', () => {
    const md = formatPlanSummaries([summary], 'markdown');
    assert.match(md, /^### Plan: connect\\-users\n/);
    assert.match(md, /\| :x: \| bob \| deleted/);
  });
});
