import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatPlanSummaries, MAX_PLAN_DEPTH, nestingDepth, PlanFormatError, readPlanFile, summarizePlan } from '../../src/review/plan-summary';
import { fixture, tempFolder, thrown } from '../helpers';
import { run } from './run';

const load = (name: string) => JSON.parse(readFileSync(fixture('plan', name), 'utf8'));
const plan = load('plan.json');
// Summarized in each test (not once at load), so that each test's run covers the code it checks.
const summary = () => summarizePlan(load('plan.json'), 'connect-users');
/** A real `terraform show -json` of Terraform 1.11 (terraform_data renamed, see test/fixtures/plan/README.md). */
const real = () => summarizePlan(load('terraform-1.11.json'), 'real');

/** One aws_connect_user resource change, shaped as `terraform show -json` writes it. */
function userChange(username: string, actions: string[], before: object | null, after: object | null, extra: object = {}) {
  return {
    address: `aws_connect_user.users["${username}"]`,
    mode: 'managed',
    type: 'aws_connect_user',
    name: 'users',
    index: username,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before, after, after_unknown: {}, before_sensitive: before ? {} : false, after_sensitive: after ? {} : false, ...extra },
  };
}
const planOf = (...changes: object[]) => ({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes });

describe('summarizePlan', () => {
  it('counts each aws_connect_user instance by action, ignoring other resources', () => {
    expect(summary().counts).toStrictEqual({ create: 1, update: 1, delete: 1, replace: 1, import: 2, forget: 0, 'no-op': 1 });
    expect(summary().usersBefore).toBe(6);
  });

  it('lists destructive changes first, by username', () => {
    expect(summary().changes.map((c) => [c.username, c.action])).toStrictEqual([
      ['bob', 'delete'],
      ['ann.lee', 'replace'],
      ['jane.doe', 'create'],
      ['rita.costa', 'import'],
      ['tom.walsh', 'import'],
      ['john.roe', 'update'],
    ]);
    expect(summary().changes[1].reason).toBe('replace_because_cannot_update');
    expect(summary().changes.find((c) => c.username === 'tom.walsh')?.alsoUpdated).toBe(true);
    expect(summary().changes.find((c) => c.username === 'rita.costa')?.alsoUpdated).toBe(false);
  });

  it('shows field changes with names instead of ids, blocks flattened, sets as +/-', () => {
    expect(summary().changes.find((c) => c.username === 'john.roe')?.fields).toStrictEqual([
      { field: 'phone_config.auto_accept', before: 'false', after: 'true' },
      { field: 'routing_profile_id', before: 'Sales', after: 'Support' },
      { field: 'security_profile_ids', before: 'Agent', after: 'Admin, Agent', added: ['Admin'], removed: [] },
      { field: 'tags', before: 'team=sales', after: 'team=support', added: ['team=support'], removed: ['team=sales'] },
    ]);
  });

  it('gives the security profiles before and after, by name, for the privilege check', () => {
    expect(summary().changes.find((c) => c.username === 'john.roe')?.securityProfiles).toStrictEqual({ before: ['Agent'], after: ['Admin', 'Agent'] });
    expect(summary().changes.find((c) => c.username === 'jane.doe')?.securityProfiles).toStrictEqual({ before: [], after: ['Agent'] });
    expect(summary().changes.find((c) => c.username === 'bob')?.securityProfiles).toBeUndefined();
  });

  it('never shows a sensitive value', () => {
    for (const format of ['text', 'markdown', 'json'] as const) {
      expect(formatPlanSummaries([summary()], format).includes('Init1alSecret')).toBeFalsy() /* format */;
    }
  });

  it('reads a plan without user changes, and one without resource_changes (an empty configuration)', () => {
    expect(summarizePlan(load('empty-plan.json'), 'e').changes).toStrictEqual([]);
    const none = summarizePlan({ format_version: '1.2', planned_values: { root_module: {} }, applyable: false, complete: true, errored: false }, 'n');
    expect([none.changes, none.usersBefore]).toStrictEqual([[], 0]);
  });
});

describe("Terraform's action lists", () => {
  const cases: [string[], object, string][] = [
    [['no-op'], {}, 'no-op'],
    [['create'], {}, 'create'],
    [['update'], {}, 'update'],
    [['delete'], {}, 'delete'],
    [['delete', 'create'], {}, 'replace'],
    [['create', 'delete'], {}, 'replace'],
    [['forget'], {}, 'forget'],
    [['create', 'forget'], {}, 'forget'],
    [['no-op'], { importing: { id: 'i:u' } }, 'import'],
    [['update'], { importing: { id: 'i:u' } }, 'import'],
    [['delete', 'create'], { importing: { id: 'i:u' } }, 'replace'],
    [['create'], { importing: null }, 'create'],
  ];
  it.each(cases)('%p %p is %p', (actions, extra, action) => {
    const s = summarizePlan(planOf(userChange('u', actions, {}, {}, extra)), 'p');
    expect(Object.entries(s.counts).filter(([, n]) => n > 0)).toStrictEqual([[action, 1]]);
  });

  it('refuses a read of a managed user', () => {
    expect(thrown(() => summarizePlan(planOf(userChange('u', ['read'], {}, {})), 'p')).message).toMatch(/unexpected actions \["read"\]/);
  });

  it('leaves data sources of the same type alone', () => {
    const data = { ...userChange('u', ['read'], null, {}), mode: 'data' };
    expect(summarizePlan(planOf(data), 'p').changes).toStrictEqual([]);
  });
});

describe('a real Terraform 1.11 plan', () => {
  it('reads every action Terraform writes: update, delete, replace, create, an import that must replace, forget', () => {
    expect(real().counts).toStrictEqual({ create: 1, update: 2, delete: 1, replace: 2, import: 0, forget: 1, 'no-op': 0 });
    expect(real().changes.map((c) => [c.username, c.action, c.importing ?? false, c.reason ?? ''])).toStrictEqual([
      ['bob', 'delete', false, 'delete_because_each_key'],
      ['cat', 'replace', false, 'replace_because_cannot_update'],
      ['imp', 'replace', true, 'replace_because_cannot_update'],
      ['old', 'forget', false, 'delete_because_no_resource_config'],
      ['eve', 'create', false, ''],
      ['amy', 'update', false, ''],
      ['dan', 'update', false, ''],
    ]);
    expect(real().usersBefore).toBe(6);
  });

  it('never shows a value marked sensitive inside a map, and shows the map\'s other keys', () => {
    const amy = real().changes.find((c) => c.username === 'amy')!;
    expect(amy.fields).toStrictEqual([
      { field: 'input', before: 'name=amy, tags=team=sales, token=(sensitive)', after: 'name=amy, tags=team=support, token=(sensitive)' },
    ]);
    // dan's only change is the sensitive token: it shows as changed, never as its value.
    expect(real().changes.find((c) => c.username === 'dan')!.fields).toStrictEqual([
      { field: 'input', before: 'name=dan, tags=team=sales, token=(sensitive)', after: 'name=dan, tags=team=sales, token=(sensitive)' },
    ]);
    for (const format of ['text', 'markdown', 'json'] as const) expect(formatPlanSummaries([real()], format).includes('Hunter2')).toBe(false);
  });

  it('says an import that must be replaced deletes the existing user', () => {
    expect(formatPlanSummaries([real()], 'text')).toMatch(
      /\n {2}! imp: replaced \(deleted and created again: the user loses its history\) while being imported: the existing user is deleted \(replace_because_cannot_update\)\n/,
    );
  });
});

describe('sensitive values at any depth', () => {
  const tagged = (after: object, afterSensitive: object) =>
    summarizePlan(
      planOf(
        userChange('a', ['update'], { name: 'a', tags: { k: 'old', team: 'x' } }, { name: 'a', ...after }, {
          before_sensitive: { tags: { k: true } },
          after_sensitive: afterSensitive,
        }),
      ),
      'p',
    ).changes[0].fields;

  it('a partly sensitive map shows its other keys and (sensitive) for the rest', () => {
    expect(tagged({ tags: { k: 'new-secret', team: 'y' } }, { tags: { k: true } })).toStrictEqual([
      { field: 'tags', before: 'k=(sensitive), team=x', after: 'k=(sensitive), team=y', added: ['team=y'], removed: ['team=x'] },
    ]);
  });

  it('a wholly sensitive attribute or object shows as (sensitive)', () => {
    expect(tagged({ tags: { k: 'new-secret', team: 'x' } }, { tags: true })[0].after).toBe('(sensitive)');
    const all = summarizePlan(planOf(userChange('a', ['update'], { name: 'a', tags: { k: 's1' } }, { name: 'a', tags: { k: 's2' } }, { before_sensitive: true, after_sensitive: true })), 'p');
    expect(all.changes[0].fields).toStrictEqual([{ field: 'tags', before: '(sensitive)', after: '(sensitive)' }]);
  });

  it('a sensitive value deep in a nested block', () => {
    const deep = summarizePlan(
      planOf(
        userChange('a', ['update'], { identity_info: [{ first_name: 'A', extra: { n: { m: 'secret-1' } } }] }, { identity_info: [{ first_name: 'B', extra: { n: { m: 'secret-2' } } }] }, {
          before_sensitive: { identity_info: [{ extra: { n: { m: true } } }] },
          after_sensitive: { identity_info: [{ extra: { n: { m: true } } }] },
        }),
      ),
      'p',
    );
    const text = formatPlanSummaries([deep], 'text');
    expect(text.includes('secret-')).toBe(false);
    expect(deep.changes[0].fields).toStrictEqual([
      { field: 'identity_info.extra', before: 'n=m=(sensitive)', after: 'n=m=(sensitive)' },
      { field: 'identity_info.first_name', before: 'A', after: 'B' },
    ]);
  });

  it('shows values known only after apply as such', () => {
    const unknown = summarizePlan(planOf(userChange('a', ['update'], { routing_profile_id: 'rp-1' }, { routing_profile_id: null }, { after_unknown: { routing_profile_id: true } })), 'p');
    expect(unknown.changes[0].fields).toStrictEqual([{ field: 'routing_profile_id', before: 'rp-1', after: '(known after apply)' }]);
    expect(unknown.changes[0].securityProfiles).toStrictEqual({ before: [], after: [] });
    const profiles = summarizePlan(
      planOf(userChange('a', ['update'], { security_profile_ids: ['sp-1'] }, { security_profile_ids: null }, { after_unknown: { security_profile_ids: true } })),
      'p',
    );
    expect(profiles.changes[0].securityProfiles).toStrictEqual({ before: ['sp-1'], after: null });
    const element = summarizePlan(
      planOf(userChange('a', ['update'], { security_profile_ids: ['sp-1'] }, { security_profile_ids: ['sp-1', null] }, { after_unknown: { security_profile_ids: [false, true] } })),
      'p',
    );
    expect(element.changes[0].securityProfiles?.after).toBeNull();
  });
});

describe('plans that cannot be read are refused, never read as "no change"', () => {
  const refused: [string, unknown, RegExp][] = [
    ['not an object', [], /^p: no format_version 1\.x/],
    ['no format_version', { resource_changes: [] }, /no format_version 1\.x/],
    ['format_version 2', { format_version: '2.0', resource_changes: [] }, /no format_version 1\.x/],
    ['an errored plan', { format_version: '1.2', errored: true }, /the plan errored/],
    ['resource_changes not a list', { format_version: '1.2', resource_changes: { a: 1 } }, /"resource_changes" is not a list/],
    ['a resource change that is not an object', planOf('x' as unknown as object), /resource_changes\[0\] is not an object/],
    ['a resource change without a type', planOf({ address: 'a', mode: 'managed', change: {} }), /resource_changes\[0\] has no address, type or mode/],
    ['a missing change', planOf({ ...userChange('a', ['create'], null, {}), change: undefined }), /resource_changes\[0\] \(aws_connect_user\.users\["a"\]\) has no "change" object/],
    ['actions as a string', planOf({ ...userChange('a', [], null, {}), change: { actions: 'delete' } }), /"change\.actions" is not a list of actions/],
    ['no actions', planOf(userChange('a', [], null, {})), /"change\.actions" is not a list of actions/],
    ['an action of another resource that is not a string', planOf({ address: 'x.y', type: 'x', mode: 'managed', change: { actions: [1] } }), /"change\.actions" is not a list/],
    ['an unknown action on a user', planOf(userChange('a', ['destroy'], {}, null)), /unknown action \["destroy"\]/],
    ['an impossible combination', planOf(userChange('a', ['update', 'delete'], {}, {})), /unexpected actions \["update","delete"\]/],
    ['before that is not an object', planOf(userChange('a', ['delete'], 'x' as unknown as object, null)), /"change\.before" and "change\.after" must be objects or null/],
    ['importing that is not an object', planOf(userChange('a', ['no-op'], {}, {}, { importing: 'yes' })), /"change\.importing" is not an object/],
    ['prior_state that is not an object', { ...planOf(), prior_state: [] }, /"prior_state" is not an object/],
  ];
  it.each(refused)('refuses %s', (_, value, message) => {
    const err = thrown(() => summarizePlan(value, 'p'));
    expect(err).toBeInstanceOf(PlanFormatError);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^p: /);
  });

  it('lets other resources have actions a user never has (read, a data source)', () => {
    const ok = summarizePlan(planOf({ address: 'data.x.y', type: 'x', mode: 'data', change: { actions: ['read'] } }), 'p');
    expect(ok.changes).toStrictEqual([]);
  });

  it('measures nesting without recursion, and refuses one level past the limit', () => {
    const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
    expect(nestingDepth(nested(MAX_PLAN_DEPTH))).toBe(MAX_PLAN_DEPTH);
    expect(nestingDepth({ a: [{}] })).toBe(3);
    expect(nestingDepth('x')).toBe(0);
    expect(thrown(() => summarizePlan({ ...planOf(), x: nested(MAX_PLAN_DEPTH) }, 'p')).message).toMatch(/nested more than 256 levels deep/);
    expect(summarizePlan({ ...planOf(), x: nested(MAX_PLAN_DEPTH - 1) }, 'p').changes).toStrictEqual([]);
  });
});

describe('readPlanFile', () => {
  const dir = tempFolder();
  const file = (name: string, content: string) => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };

  it('names the file when it is not JSON', () => {
    const err = thrown(() => readPlanFile(file('bad.json', '{ "a": 1, }')));
    expect(err).toBeInstanceOf(PlanFormatError);
    expect(err.message).toMatch(/bad\.json: not JSON \(.*position 10\); expected the output of `terraform show -json <planfile>`$/);
  });

  it('names the file when it is missing', () => {
    expect(thrown(() => readPlanFile(path.join(dir, 'nope.json'))).message).toMatch(/nope\.json: cannot be read: ENOENT$/);
  });

  it('refuses 100,000 levels of nesting cleanly (no stack overflow)', () => {
    const err = thrown(() => readPlanFile(file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))));
    expect(err).toBeInstanceOf(PlanFormatError);
    expect(err.message).toMatch(/deep\.json: nested more than 256 levels deep: not a Terraform plan$/);
  });
});

describe('formatPlanSummaries', () => {
  it('text: counts on top, destructive marked with !', () => {
    const text = formatPlanSummaries([summary()], 'text');
    expect(text).toMatch(/^Plan connect-users: 1 to create, 1 to update, 1 to replace, 1 to delete, 2 to import, 1 unchanged\n/);
    expect(text).toMatch(/\n {2}! bob: deleted \(delete_because_no_resource_config\)\n/);
    expect(text).toMatch(/\n {2}! ann\.lee: replaced \(deleted and created again: the user loses its history\)/);
    expect(text).toMatch(/\n {2}\+ jane\.doe: created\n/);
    expect(text).toMatch(/\n {2}~ john\.roe: updated in place\n/);
    expect(text).toMatch(/\n {6}routing_profile_id: Sales -> Support\n/);
    expect(text).toMatch(/\n {6}security_profile_ids: \+Admin\n/);
    expect(formatPlanSummaries([real()], 'text')).toMatch(/, 1 to forget, 0 unchanged\n[^]*\n {2}~ old: forgotten \(no longer managed here; Connect keeps the user\)/);
  });

  it('markdown: one table per stack, a bold counts line that renders', () => {
    const md = formatPlanSummaries([summary()], 'markdown');
    expect(md).toMatch(/^### Plan: connect\\-users\n\n\*\*1 to create, 1 to update, 1 to replace, 1 to delete, 2 to import, 1 unchanged\*\* \(aws\\_connect\\_user\)\n/);
    expect(md).toMatch(/\| :x: \| bob \| deleted \\\(delete\\_because\\_no\\_resource\\_config\\\) \|/);
    expect(md).toMatch(/\| {2}\| john\\\.roe \| updated in place \| phone\\_config\\\.auto\\_accept: false → true<br>routing\\_profile\\_id: Sales → Support<br>security\\_profile\\_ids: \\\+Admin/);
  });

  it('escapes what a plan holds: control characters in text, Markdown in cells', () => {
    const hostile = summarizePlan(
      planOf(userChange('x\n::error::pwned', ['update'], { routing_profile_id: 'a' }, { routing_profile_id: '<b>@team\u001b[2J</b>' })),
      'p',
    );
    const text = formatPlanSummaries([hostile], 'text');
    expect(text.split('\n').some((l) => l.trimStart().startsWith('::'))).toBe(false);
    expect(text).toMatch(/~ x\\n::error::pwned: updated in place\n {6}routing_profile_id: a -> <b>@team\\u001b\[2J<\/b>\n/);
    expect(formatPlanSummaries([hostile], 'markdown')).toMatch(/\| x\\\\n\\:\\:error\\:\\:pwned \| updated in place \| routing\\_profile\\_id: a → \\<b\\>@\u200dteam\\\\u001b\\\[2J\\<\/b\\> \|/);
  });

  it('cuts Markdown at GitHub\'s comment limit', () => {
    const many = planOf(...Array.from({ length: 2000 }, (_, i) => userChange(`user-number-${i}`, ['create'], null, { name: `user-number-${i}` })));
    const md = formatPlanSummaries([summarizePlan(many, 'p')], 'markdown');
    expect(md.length <= 65536).toBe(true);
    expect(md).toMatch(/> :scissors: This report was cut at 65,536 characters/);
  });
});

describe('connect-users plan-summary (end to end)', () => {
  it('names the file that is not JSON, among good ones, and exits 2', async () => {
    const dir = tempFolder({ 'good.json': JSON.stringify(plan), 'bad.json': '{ "format_version": "1.2", ' });
    const result = await run(['plan-summary', path.join(dir, 'good.json'), path.join(dir, 'bad.json')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^connect-users: [^\n]*bad\.json: not JSON \([^\n]*\); expected the output of `terraform show -json <planfile>` \(PLAN_UNREADABLE\)\n$/);
  });

  it('shows no control character from a file in its error messages', async () => {
    const dir = tempFolder({ 'bad.json': '\u001b[2J::error::x' });
    const result = await run(['plan-summary', path.join(dir, 'bad.json')]);
    expect(result.status).toBe(2);
    expect(/[\u0000-\u0009\u000b-\u001f]/.test(result.stderr)).toBe(false);
  });

  it('names each stack after its file', async () => {
    const dir = tempFolder({ 'connect-users-dev.json': JSON.stringify(plan) });
    const result = await run(['plan-summary', path.join(dir, 'connect-users-dev.json')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Plan connect-users-dev: 1 to create/);
  });
});

describe('the fixture plan, exactly', () => {
  it('summarizes every user change: fields only for update, replace and import; profiles except for delete and forget', () => {
    const s = summary();
    expect(s.terraformVersion).toBe('1.9.8');
    const agent = { before: ['Agent'], after: ['Agent'] };
    expect(s.changes).toStrictEqual([
      { username: 'bob', action: 'delete', reason: 'delete_because_no_resource_config', fields: [] },
      { username: 'ann.lee', action: 'replace', reason: 'replace_because_cannot_update', fields: [], securityProfiles: agent },
      { username: 'jane.doe', action: 'create', fields: [], securityProfiles: { before: [], after: ['Agent'] } },
      { username: 'rita.costa', action: 'import', importing: true, alsoUpdated: false, fields: [], securityProfiles: agent },
      { username: 'tom.walsh', action: 'import', importing: true, alsoUpdated: true, fields: [{ field: 'phone_config.auto_accept', before: 'false', after: 'true' }], securityProfiles: agent },
      {
        username: 'john.roe',
        action: 'update',
        fields: [
          { field: 'phone_config.auto_accept', before: 'false', after: 'true' },
          { field: 'routing_profile_id', before: 'Sales', after: 'Support' },
          { field: 'security_profile_ids', before: 'Agent', after: 'Admin, Agent', added: ['Admin'], removed: [] },
          { field: 'tags', before: 'team=sales', after: 'team=support', added: ['team=support'], removed: ['team=sales'] },
        ],
        securityProfiles: { before: ['Agent'], after: ['Admin', 'Agent'] },
      },
    ]);
  });

  it('reads the real plan: an import that replaces has no before, a forgotten user no profiles', () => {
    const r = real();
    expect(r.terraformVersion).toBe('1.11.4');
    const none = { before: [], after: [] };
    expect(r.changes.find((c) => c.username === 'imp')).toStrictEqual({
      username: 'imp',
      action: 'replace',
      importing: true,
      reason: 'replace_because_cannot_update',
      fields: [
        { field: 'input', before: '', after: 'name=imp, tags=team=sales, token=(sensitive)' },
        { field: 'triggers_replace', before: '', after: 'instance-0' },
      ],
      securityProfiles: none,
    });
    expect(r.changes.find((c) => c.username === 'old')).toStrictEqual({ username: 'old', action: 'forget', reason: 'delete_because_no_resource_config', fields: [] });
    expect(r.changes.find((c) => c.username === 'eve')).toStrictEqual({ username: 'eve', action: 'create', fields: [], securityProfiles: none });
  });

  it('text: the whole report of two stacks', () => {
    expect(formatPlanSummaries([summary(), real()], 'text').split('\n')).toStrictEqual([
      'Plan connect-users: 1 to create, 1 to update, 1 to replace, 1 to delete, 2 to import, 1 unchanged',
      '  ! bob: deleted (delete_because_no_resource_config)',
      '  ! ann.lee: replaced (deleted and created again: the user loses its history) (replace_because_cannot_update)',
      '  + jane.doe: created',
      '  ~ rita.costa: imported (adopted, not created)',
      '  ~ tom.walsh: imported (adopted, not created)',
      '      phone_config.auto_accept: false -> true',
      '  ~ john.roe: updated in place',
      '      phone_config.auto_accept: false -> true',
      '      routing_profile_id: Sales -> Support',
      '      security_profile_ids: +Admin',
      '      tags: +team=support, -team=sales',
      '',
      'Plan real: 1 to create, 2 to update, 2 to replace, 1 to delete, 0 to import, 1 to forget, 0 unchanged',
      '  ! bob: deleted (delete_because_each_key)',
      '  ! cat: replaced (deleted and created again: the user loses its history) (replace_because_cannot_update)',
      '      input: name=cat, tags=team=sales, token=(sensitive) -> name=cat, tags=team=sales, token=(sensitive)',
      '      triggers_replace: instance-1 -> instance-2',
      '  ! imp: replaced (deleted and created again: the user loses its history) while being imported: the existing user is deleted (replace_because_cannot_update)',
      '      input: (none) -> name=imp, tags=team=sales, token=(sensitive)',
      '      triggers_replace: (none) -> instance-0',
      '  ~ old: forgotten (no longer managed here; Connect keeps the user) (delete_because_no_resource_config)',
      '  + eve: created',
      '  ~ amy: updated in place',
      '      input: name=amy, tags=team=sales, token=(sensitive) -> name=amy, tags=team=support, token=(sensitive)',
      '  ~ dan: updated in place',
      '      input: name=dan, tags=team=sales, token=(sensitive) -> name=dan, tags=team=sales, token=(sensitive)',
      '',
    ]);
  });

  it('markdown: the whole report, and a stack without changes has no table', () => {
    const empty = summarizePlan(load('empty-plan.json'), 'e');
    expect(formatPlanSummaries([summary(), empty], 'markdown').split('\n')).toStrictEqual([
      '### Plan: connect\\-users',
      '',
      '**1 to create, 1 to update, 1 to replace, 1 to delete, 2 to import, 1 unchanged** (aws\\_connect\\_user)',
      '',
      '| | user | action | changes |',
      '|---|---|---|---|',
      '| :x: | bob | deleted \\(delete\\_because\\_no\\_resource\\_config\\) |  |',
      '| :x: | ann\\.lee | replaced \\(deleted and created again\\: the user loses its history\\) \\(replace\\_because\\_cannot\\_update\\) |  |',
      '|  | jane\\.doe | created |  |',
      '|  | rita\\.costa | imported \\(adopted, not created\\) |  |',
      '|  | tom\\.walsh | imported \\(adopted, not created\\) | phone\\_config\\.auto\\_accept: false → true |',
      '|  | john\\.roe | updated in place | phone\\_config\\.auto\\_accept: false → true<br>routing\\_profile\\_id: Sales → Support<br>security\\_profile\\_ids: \\+Admin<br>tags: \\+team\\=support, \\-team\\=sales |',
      '',
      '### Plan: e',
      '',
      '**0 to create, 0 to update, 0 to replace, 0 to delete, 0 to import, 0 unchanged** (aws\\_connect\\_user)',
      '',
    ]);
  });

  it('json: every summary, indented, ending with a newline', () => {
    const s = summary();
    const json = formatPlanSummaries([s], 'json');
    expect(json).toBe(`${JSON.stringify([s], null, 2)}\n`);
  });
});

describe('summarizePlan, case by case', () => {
  const only = (...changes: object[]) => summarizePlan(planOf(...changes), 'p').changes;
  const fieldsOf = (before: object | null, after: object | null, extra: object = {}) => only(userChange('a', ['update'], before, after, extra))[0].fields;

  it('names the error class', () => {
    expect(thrown(() => summarizePlan(null, 'p')).name).toBe('PlanFormatError');
  });

  it.each([
    ['null', null],
    ['a numeric format_version', { format_version: 1.2 }],
    ['format_version 11.0', { format_version: '11.0' }],
    ['format_version 0.1', { format_version: '0.1' }],
  ])('refuses %s as no format_version 1.x', (_, value) => {
    const err = thrown(() => summarizePlan(value, 'p'));
    expect(err).toBeInstanceOf(PlanFormatError);
    expect(err.message).toBe('p: no format_version 1.x; expected the output of `terraform show -json <planfile>`');
  });

  it.each([
    ['no address', { type: 'x', mode: 'managed', change: { actions: ['create'] } }, 'resource_changes[0] has no address, type or mode'],
    ['no mode', { address: 'x.y', type: 'x', change: { actions: ['create'] } }, 'resource_changes[0] has no address, type or mode'],
    ['an action that is not a string after one that is', { address: 'x.y', type: 'x', mode: 'managed', change: { actions: ['delete', 1] } }, 'resource_changes[0] (x.y): "change.actions" is not a list of actions'],
    ['an unknown action after a known one', userChange('a', ['create', 'destroy'], null, {}), 'resource_changes[0] (aws_connect_user.users["a"]): unknown action ["create","destroy"]'],
    ['after that is not an object', userChange('a', ['update'], {}, 'x' as unknown as object), 'resource_changes[0] (aws_connect_user.users["a"]): "change.before" and "change.after" must be objects or null'],
  ])('refuses %s', (_, rc, message) => {
    expect(thrown(() => summarizePlan(planOf(rc), 'p')).message).toBe(`p: ${message}; expected the output of \`terraform show -json <planfile>\``);
  });

  it('counts a no-op without listing it', () => {
    const s = summarizePlan(planOf(userChange('u', ['no-op'], { name: 'u' }, { name: 'u' })), 'p');
    expect([s.counts['no-op'], s.changes]).toStrictEqual([1, []]);
  });

  it('names a user by its for_each key, or by its address when it has none', () => {
    const single = { ...userChange('x', ['create'], null, {}), address: 'aws_connect_user.admin', index: undefined };
    const counted = { ...userChange('x', ['create'], null, {}), address: 'aws_connect_user.agents[0]', index: 0 };
    expect(only(single, counted, userChange('kim', ['create'], null, {})).map((c) => c.username)).toStrictEqual(['aws_connect_user.admin', 'aws_connect_user.agents[0]', 'kim']);
  });

  it('has no terraformVersion when the plan does not say', () => {
    expect(summarizePlan({ format_version: '1.2', terraform_version: 1 }, 'p').terraformVersion).toBeUndefined();
  });

  it('counts the managed users of the prior state, in child modules too, but not deposed objects, data sources or other resources', () => {
    const user = (name: string, extra: object = {}) => ({ address: `aws_connect_user.users["${name}"]`, mode: 'managed', type: 'aws_connect_user', values: {}, ...extra });
    const priorState = {
      values: {
        root_module: {
          resources: [user('a'), user('b'), user('a', { deposed: '0001' }), user('d', { mode: 'data' }), user('e', { type: 'random_password' }), null, 'x'],
          child_modules: [{ resources: [user('c')], child_modules: [null, { resources: 'no list' }] }, null, 'x'],
        },
      },
    };
    expect(summarizePlan({ ...planOf(), prior_state: priorState }, 'p').usersBefore).toBe(3);
    expect(summarizePlan({ ...planOf(), prior_state: { format_version: '1.0' } }, 'p').usersBefore).toBe(0);
    expect(summarizePlan({ ...planOf(), prior_state: { values: { root_module: 'x' } } }, 'p').usersBefore).toBe(0);
  });

  describe('ids named by the lookups of the prior state and the planned values', () => {
    const lookup = (type: string, values: object, extra: object = {}) => ({ address: `data.${type}.x`, mode: 'data', type, values, ...extra });
    const withLookups = (where: 'prior_state' | 'planned_values', resources: object[], ...changes: object[]) => {
      const values = { root_module: { child_modules: [{ resources }] } };
      return summarizePlan({ ...planOf(...changes), [where]: where === 'prior_state' ? { values } : values }, 'p').changes;
    };
    const profileUpdate = userChange('a', ['update'], { routing_profile_id: 'rp-1', hierarchy_group_id: 'hg-1', security_profile_ids: [] }, { routing_profile_id: 'rp-2', hierarchy_group_id: 'hg-2', security_profile_ids: ['sp-1'] });

    it.each(['prior_state', 'planned_values'] as const)('routing profiles, hierarchy groups and security profiles, in %s', (where) => {
      const resources = [
        lookup('aws_connect_routing_profile', { routing_profile_id: 'rp-1', name: 'Sales' }),
        lookup('aws_connect_routing_profile', { routing_profile_id: 'rp-2', name: 'Support' }),
        lookup('aws_connect_user_hierarchy_group', { hierarchy_group_id: 'hg-1', name: 'North' }),
        lookup('aws_connect_user_hierarchy_group', { hierarchy_group_id: 'hg-2', name: 'South' }),
        lookup('aws_connect_security_profile', { security_profile_id: 'sp-1', name: 'Agent' }),
      ];
      const [c] = withLookups(where, resources, profileUpdate);
      expect(c.fields).toStrictEqual([
        { field: 'hierarchy_group_id', before: 'North', after: 'South' },
        { field: 'routing_profile_id', before: 'Sales', after: 'Support' },
        { field: 'security_profile_ids', before: '', after: 'Agent', added: ['Agent'], removed: [] },
      ]);
      expect(c.securityProfiles).toStrictEqual({ before: [], after: ['Agent'] });
      expect(c.unnamedProfileIds).toBeUndefined();
    });

    it('not by a managed resource, a lookup without values, type, id or name', () => {
      const resources = [
        lookup('aws_connect_routing_profile', { routing_profile_id: 'rp-1', name: 'Sales' }, { mode: 'managed' }),
        lookup('aws_connect_routing_profile', null as unknown as object),
        lookup(['aws_connect_routing_profile'] as unknown as string, { routing_profile_id: 'rp-2', name: 'Support' }),
        lookup('aws_connect_user_hierarchy_group', { name: 'North' }),
        lookup('aws_connect_user_hierarchy_group', { hierarchy_group_id: 'hg-2', name: 7 }),
        lookup('aws_connect_security_profile', { security_profile_id: 'sp-1' }),
      ];
      const [c] = withLookups('prior_state', resources, profileUpdate);
      expect(c.fields.map((f) => [f.field, f.before, f.after])).toStrictEqual([
        ['hierarchy_group_id', 'hg-1', 'hg-2'],
        ['routing_profile_id', 'rp-1', 'rp-2'],
        ['security_profile_ids', '', 'sp-1'],
      ]);
      expect(c.unnamedProfileIds).toStrictEqual(['sp-1']);
    });
  });

  describe('security profiles', () => {
    const profiles = (before: unknown, after: unknown, extra: object = {}) =>
      only(userChange('a', ['update'], { security_profile_ids: before }, { security_profile_ids: after }, extra))[0];

    it('sorted by name, ids that are not strings left out', () => {
      const c = profiles(['sp-z', 'sp-y', 7], ['sp-z', 'sp-y', null]);
      expect(c.securityProfiles).toStrictEqual({ before: ['sp-y', 'sp-z'], after: ['sp-y', 'sp-z'] });
      expect(c.unnamedProfileIds).toBeUndefined();
    });

    it.each([
      ['the whole resource unknown', { after_unknown: true }],
      ['an element unknown in an object', { after_unknown: { security_profile_ids: { x: false, y: true } } }],
      ['the whole resource sensitive', { after_sensitive: true }],
      ['the list sensitive', { after_sensitive: { security_profile_ids: true } }],
      ['an element sensitive', { after_sensitive: { security_profile_ids: [false, true] } }],
    ])('after unknown when %s', (_, extra) => {
      expect(profiles(['sp-b', 'sp-a'], ['sp-a', 'sp-b'], extra).securityProfiles).toStrictEqual({ before: ['sp-b', 'sp-a'], after: null });
    });

    it('after known when nothing is marked', () => {
      expect(profiles(['sp-a'], ['sp-a'], { after_unknown: { security_profile_ids: [false] }, after_sensitive: { security_profile_ids: [false] } }).securityProfiles).toStrictEqual({ before: ['sp-a'], after: ['sp-a'] });
    });
  });

  describe('field changes', () => {
    it('leaves out the attributes that say nothing to a reviewer', () => {
      const before = { id: 'i:1', arn: 'a1', user_id: '1', tags_all: { a: '1' }, password: 'p1', instance_id: 'i', region: 'r1', name: 'a' };
      const after = { id: 'i:2', arn: 'a2', user_id: '2', tags_all: { a: '2' }, password: 'p2', instance_id: 'j', region: 'r2', name: 'a' };
      expect(fieldsOf(before, after)).toStrictEqual([]);
    });

    it('an attribute only before or only after: null is no change, a value is', () => {
      expect(fieldsOf({ name: 'a' }, { name: 'a', x: null })).toStrictEqual([]);
      expect(fieldsOf({ name: 'a', x: null }, { name: 'a' })).toStrictEqual([]);
      expect(fieldsOf({ name: 'a' }, { name: 'a', x: ['b', 'a'] })).toStrictEqual([{ field: 'x', before: '', after: 'a, b', added: ['b', 'a'], removed: [] }]);
      expect(fieldsOf({ name: 'a', x: 'v' }, { name: 'a' })).toStrictEqual([{ field: 'x', before: 'v', after: '' }]);
      expect(fieldsOf({ x: null }, { x: ['a'] })).toStrictEqual([{ field: 'x', before: '', after: 'a', added: ['a'], removed: [] }]);
    });

    it('a replace without a before (or an after) shows the other side whole', () => {
      expect(only(userChange('a', ['delete', 'create'], null, { name: 'a' }))[0].fields).toStrictEqual([{ field: 'name', before: '', after: 'a' }]);
      expect(only(userChange('a', ['delete', 'create'], { name: 'a' }, null))[0].fields).toStrictEqual([{ field: 'name', before: 'a', after: '' }]);
    });

    it('a value that turns sensitive is a change, shown as (sensitive)', () => {
      expect(fieldsOf({ x: 'v' }, { x: 'v' }, { after_sensitive: { x: true } })).toStrictEqual([{ field: 'x', before: 'v', after: '(sensitive)' }]);
    });

    it('an attribute that only after_unknown names is known after apply; one marked false is nothing', () => {
      expect(fieldsOf({ x: 'v' }, {}, { after_unknown: { x: true, y: false } })).toStrictEqual([{ field: 'x', before: 'v', after: '(known after apply)' }]);
    });

    it('flattens a single block, not a list of two', () => {
      expect(fieldsOf({ b: [{ k: '1' }] }, { b: [{ k: '2' }] })).toStrictEqual([{ field: 'b.k', before: '1', after: '2' }]);
      expect(fieldsOf({ b: [{ k: '1' }, { k: '2' }] }, { b: [{ k: '1' }, { k: '3' }] })).toStrictEqual([{ field: 'b', before: '[k=1], [k=2]', after: '[k=1], [k=3]' }]);
      expect(fieldsOf({ b: [{ k: '1' }] }, { b: null })).toStrictEqual([{ field: 'b.k', before: '1', after: '' }]);
      expect(fieldsOf({ b: [null] }, { b: [null] }, { after_unknown: { b: [{ k: true }] } })).toStrictEqual([{ field: 'b', before: '', after: '[k=(known after apply)]' }]);
    });

    it('shows +/- only for lists and maps of plain known values', () => {
      expect(fieldsOf({ x: ['a'] }, { x: ['a', 'b'] }, { after_sensitive: { x: [false, true] } })).toStrictEqual([{ field: 'x', before: 'a', after: '(sensitive), a' }]);
      expect(fieldsOf({ x: ['a'] }, { x: ['a', null] }, { after_unknown: { x: [false, true] } })).toStrictEqual([{ field: 'x', before: 'a', after: '(known after apply), a' }]);
      expect(fieldsOf({ m: { a: '1' } }, { m: { a: '1' } }, { after_unknown: { m: { b: true } } })).toStrictEqual([{ field: 'm', before: 'a=1', after: 'a=1, b=(known after apply)' }]);
      expect(fieldsOf({ m: { a: '1' } }, { m: { a: '1', b: { c: '2' } } })).toStrictEqual([{ field: 'm', before: 'a=1', after: 'a=1, b=c=2' }]);
      expect(fieldsOf({ m: { b: '1', a: '1' } }, { m: { b: '2', a: '2' } })).toStrictEqual([{ field: 'm', before: 'a=1, b=1', after: 'a=2, b=2', added: ['a=2', 'b=2'], removed: ['a=1', 'b=1'] }]);
      expect(fieldsOf({ n: 1 }, { n: 2 })).toStrictEqual([{ field: 'n', before: '1', after: '2' }]);
    });
  });
});

describe('nestingDepth and readPlanFile at the limit', () => {
  const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
  it('measures the deepest branch, whichever order it is met in', () => {
    expect(nestingDepth([[], [[]]])).toBe(3);
    expect(nestingDepth([[[]], []])).toBe(3);
  });

  it('stops counting one level past the limit', () => {
    expect(nestingDepth(nested(MAX_PLAN_DEPTH + 10))).toBe(MAX_PLAN_DEPTH + 1);
  });

  it('reads a file nested exactly to the limit', () => {
    const dir = tempFolder({ 'deep.json': JSON.stringify(nested(MAX_PLAN_DEPTH)) });
    expect(nestingDepth(readPlanFile(path.join(dir, 'deep.json')))).toBe(MAX_PLAN_DEPTH);
  });
});
