import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkPlan, formatPlanChecks, UNKNOWN_PROFILES } from '../../src/review/plan-check';
import { summarizePlan } from '../../src/review/plan-summary';
import { diffUsers } from '../../src/review/compare';
import { DEFAULT_PRIVILEGED_PROFILES, privilegeChanges } from '../../src/review/report';
import { fixture, makeUser, ROOT, tempFolder } from '../helpers';
import { run } from './run';

const PROFILES: Record<string, string> = { 'sp-agent': 'Agent', 'sp-admin': 'Admin', 'sp-ccm': 'CallCenterManager', 'sp-qa': 'QA' };

/** A user's attributes as the provider writes them (trimmed to what matters here). */
const attrs = (name: string, profiles: string[] = ['sp-agent'], extra: object = {}) => ({
  id: `inst:${name}-id`,
  instance_id: 'inst',
  name,
  routing_profile_id: 'rp-sales',
  security_profile_ids: profiles,
  password: 'Init1alSecret',
  ...extra,
});

function change(username: string, actions: string[], before: object | null, after: object | null, extra: object = {}) {
  return {
    address: `aws_connect_user.users["${username}"]`,
    mode: 'managed',
    type: 'aws_connect_user',
    name: 'users',
    index: username,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before,
      after,
      after_unknown: after ? { security_profile_ids: [false] } : {},
      before_sensitive: before ? { password: true, security_profile_ids: [false] } : false,
      after_sensitive: after ? { password: true, security_profile_ids: [false] } : false,
      ...extra,
    },
    ...(actions.includes('delete') && { action_reason: actions.length === 1 ? 'delete_because_no_resource_config' : 'replace_because_cannot_update' }),
  };
}

/** A plan over a state of `users` users (user0, user1, ...), with the security profile lookups, and these changes. */
function plan(users: number, ...changes: object[]) {
  const lookups = Object.entries(PROFILES).map(([id, name]) => ({
    address: `data.aws_connect_security_profile.security_profiles["${name}"]`,
    mode: 'data',
    type: 'aws_connect_security_profile',
    name: 'security_profiles',
    index: name,
    values: { instance_id: 'inst', name, security_profile_id: id },
  }));
  const state = Array.from({ length: users }, (_, i) => ({
    address: `aws_connect_user.users["user${i}"]`,
    mode: 'managed',
    type: 'aws_connect_user',
    name: 'users',
    index: `user${i}`,
    values: attrs(`user${i}`),
  }));
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: changes,
    prior_state: { format_version: '1.0', values: { root_module: { resources: [...lookups, ...state] } } },
  };
}

const deleting = (n: number) => Array.from({ length: n }, (_, i) => change(`user${i}`, ['delete'], attrs(`user${i}`), null));
const check = (p: object, options = {}) => checkPlan(summarizePlan(p, 'connect-users'), options);

describe('checkPlan: removals', () => {
  const cases: [string, number, number, object, boolean][] = [
    ['passes 5 deletions of 100 users (the limit)', 100, 5, {}, true],
    ['fails 6 deletions of 100 users', 100, 6, {}, false],
    ['passes 2 of 20 (10% exactly)', 20, 2, {}, true],
    ['fails 2 of 19 (10% is 1.9, rounded down)', 19, 2, {}, false],
    ['fails any deletion from an empty prior state', 0, 1, {}, false],
    ['passes 7 when 7 are acknowledged', 100, 7, { allowRemovals: 7 }, true],
    ['fails 7 when 6 are acknowledged', 100, 7, { allowRemovals: 6 }, false],
    ['passes within a configured limit', 100, 8, { maxRemovals: 8 }, true],
    ['fails past a configured percentage', 100, 3, { maxRemovalPercent: 2 }, false],
  ];
  it.each(cases)('%s', (_, users, deletions, options, ok) => {
    const result = check(plan(users, ...deleting(deletions)), options);
    expect(result.removalGuard.ok).toBe(ok);
    expect(result.removalGuard.removals).toBe(deletions);
    expect(result.usersBefore).toBe(users);
  });

  it('counts a replace (a renamed instance id, a changed instance) as a removal, and names each user', () => {
    const result = check(
      plan(20, change('user0', ['delete'], attrs('user0'), null), change('user1', ['delete', 'create'], attrs('user1'), attrs('user1', ['sp-agent'], { instance_id: 'other' })), change('user2', ['create', 'delete'], attrs('user2'), attrs('user2'))),
      { acknowledgeWith: 'cli' },
    );
    expect(result.removals.map((c) => [c.username, c.action])).toStrictEqual([
      ['user0', 'delete'],
      ['user1', 'replace'],
      ['user2', 'replace'],
    ]);
    expect(result.removalGuard.ok).toBe(false);
    expect(result.removalGuard.message).toBe(
      '3 user(s) would be removed (1 deleted, 2 replaced; a replace deletes the user and creates a new one, which loses its history); at most 2 without acknowledgement (no more than 5 users and no more than 10% of the 20 users before). If this is intended, acknowledge it with --allow-removals 3 (or CONNECT_USERS_ALLOW_REMOVALS=3; in the sample CI workflow, the pull request label connect-users/allow-removals)',
    );
  });

  it('counts a rename (one instance deleted, another created) once', () => {
    const result = check(plan(10, change('user0', ['delete'], attrs('user0'), null), change('jane', ['create'], null, attrs('jane'))));
    expect(result.removalGuard.removals).toBe(1);
    expect(result.removalGuard.ok).toBe(true);
  });

  it('does not count an import, even with an update; counts an import Terraform must replace', () => {
    const imported = (name: string, actions: string[]) => change(name, actions, attrs(name), attrs(name, ['sp-agent'], { routing_profile_id: 'rp-x' }), { importing: { id: `inst:${name}-id` } });
    expect(check(plan(10, imported('a', ['no-op']), imported('b', ['update']))).removals).toStrictEqual([]);
    const replaced = check(plan(10, imported('a', ['delete', 'create'])));
    expect(replaced.removals.map((c) => [c.username, c.action, c.importing])).toStrictEqual([['a', 'replace', true]]);
    expect(replaced.removalGuard.removals).toBe(1);
  });

  it('does not count a forgotten user (a removed block: Connect keeps it)', () => {
    expect(check(plan(10, change('user0', ['forget'], attrs('user0'), null))).removalGuard.removals).toBe(0);
  });

  it('counts the deletion of a deposed object', () => {
    const deposed = { ...change('user0', ['delete'], attrs('user0'), null), deposed: '00000001' };
    const result = check(plan(10, deposed));
    expect(result.removals.map((c) => c.username)).toStrictEqual(['user0 (deposed object 00000001)']);
  });

  it('ignores other resources (the generated password of a deleted user)', () => {
    const other = { address: 'random_password.generated_passwords["x"]', mode: 'managed', type: 'random_password', name: 'generated_passwords', change: { actions: ['delete'], before: {}, after: null } };
    expect(check(plan(10, other)).removalGuard.removals).toBe(0);
  });
});

describe('checkPlan: privileges', () => {
  const ack = { requirePrivilegeAck: true };
  it('a new user with a privileged profile', () => {
    const result = check(plan(10, change('boss', ['create'], null, attrs('boss', ['sp-agent', 'sp-admin']))), ack);
    expect(result.privilege).toStrictEqual([{ username: 'boss', kind: 'new user', profiles: ['Admin'] }]);
    expect(result.privilegeGuard?.ok).toBe(false);
  });

  it('a renamed user who keeps a privileged profile: a new user, as check counts it', () => {
    const result = check(plan(10, change('tom.walsh', ['delete'], attrs('tom.walsh', ['sp-ccm']), null), change('tom.walshe', ['create'], null, attrs('tom.walshe', ['sp-ccm']))), ack);
    expect(result.privilege).toStrictEqual([{ username: 'tom.walshe', kind: 'new user', profiles: ['CallCenterManager'] }]);
    const before = [makeUser('tom.walsh', { email: 't@x.io', securityProfiles: ['CallCenterManager'] })];
    const d = diffUsers(before, [makeUser('tom.walshe', { email: 't@x.io', securityProfiles: ['CallCenterManager'] })]);
    expect(privilegeChanges(d, before, DEFAULT_PRIVILEGED_PROFILES).map((p) => [p.username, p.profiles])).toStrictEqual(result.privilege.map((p) => [p.username, p.profiles]));
  });

  it('an existing user who gains one, not one who keeps it', () => {
    const result = check(
      plan(10, change('user0', ['update'], attrs('user0'), attrs('user0', ['sp-agent', 'sp-ccm'])), change('user1', ['update'], attrs('user1', ['sp-admin']), attrs('user1', ['sp-admin', 'sp-qa']))),
      ack,
    );
    expect(result.privilege).toStrictEqual([{ username: 'user0', kind: 'gained', profiles: ['CallCenterManager'] }]);
  });

  it('a replaced user who gains one, and an imported user who gains one', () => {
    const result = check(
      plan(
        10,
        change('user0', ['delete', 'create'], attrs('user0'), attrs('user0', ['sp-admin'], { instance_id: 'x' })),
        change('adopted', ['update'], attrs('adopted'), attrs('adopted', ['sp-admin']), { importing: { id: 'inst:adopted-id' } }),
      ),
    );
    expect(result.privilege).toStrictEqual([
      { username: 'adopted', kind: 'gained', profiles: ['Admin'] },
      { username: 'user0', kind: 'gained', profiles: ['Admin'] },
    ]);
    expect(result.privilegeGuard).toBeUndefined();
  });

  it('a security profile only known at apply counts, since it may be privileged', () => {
    const result = check(plan(10, change('user0', ['update'], attrs('user0'), attrs('user0', null as unknown as string[]), { after_unknown: { security_profile_ids: true } })), ack);
    expect(result.privilege).toStrictEqual([{ username: 'user0', kind: 'gained', profiles: [UNKNOWN_PROFILES] }]);
  });

  it('a security profile id that no lookup names counts; one the user had does not', () => {
    const result = check(plan(10, change('user0', ['update'], attrs('user0', ['sp-old']), attrs('user0', ['sp-old', 'sp-new']))), ack);
    expect(result.privilege).toStrictEqual([{ username: 'user0', kind: 'gained', profiles: ['sp-new (no lookup in the plan names it)'] }]);
  });

  it('uses the privileged profiles given', () => {
    const p = plan(10, change('user0', ['update'], attrs('user0'), attrs('user0', ['sp-agent', 'sp-qa', 'sp-admin'])));
    expect(check(p, { privilegedProfiles: ['QA'] }).privilege).toStrictEqual([{ username: 'user0', kind: 'gained', profiles: ['QA'] }]);
    expect(check(p).privilege[0].profiles).toStrictEqual(['Admin']);
  });

  it('passes when acknowledged', () => {
    const result = check(plan(10, change('boss', ['create'], null, attrs('boss', ['sp-admin']))), { ...ack, allowPrivilegeChanges: true });
    expect(result.privilegeGuard).toStrictEqual({ ok: true, message: '1 privilege change(s), acknowledged' });
  });
});

describe('formatPlanChecks', () => {
  // Checked in each test (not once at load), so that each test's run covers the code it checks.
  const refused = () => check(plan(10, ...deleting(2), change('boss', ['create'], null, attrs('boss', ['sp-admin']))), { requirePrivilegeAck: true, acknowledgeWith: 'cli' });

  it('text: names each removed user and each privilege change, then the verdicts', () => {
    expect(formatPlanChecks([refused()], 'text').split('\n').slice(0, 6)).toStrictEqual([
      'Plan check connect-users: 2 removal(s), 1 privilege change(s); 10 user(s) in the prior state',
      '  ! boss (new user) gets Admin',
      '  - user0: deleted (delete_because_no_resource_config)',
      '  - user1: deleted (delete_because_no_resource_config)',
      expect.stringMatching(/^REFUSED: 2 user\(s\) would be removed \(2 deleted, 0 replaced;.*at most 1 without acknowledgement/),
      expect.stringMatching(/^REFUSED: 1 privilege change\(s\) need a stricter review/),
    ]);
  });

  it('markdown: tables and escaped verdicts', () => {
    const md = formatPlanChecks([refused()], 'markdown');
    expect(md).toMatch(/^### Plan check: connect\\-users\n\n\*\*2 removal\\\(s\\\), 1 privilege change\\\(s\\\); 10 user\\\(s\\\) in the prior state\*\*\n/);
    expect(md).toMatch(/\n\| boss \| new user \| Admin \|\n/);
    expect(md).toMatch(/\n\| user0 \| deleted \\\(delete\\_because\\_no\\_resource\\_config\\\) \|\n/);
    expect(md).toMatch(/\n:no_entry: 2 user\\\(s\\\) would be removed/);
  });

  it('markdown: the whole report, tables only for what there is', () => {
    const fine = check(plan(10, change('kim', ['create'], null, attrs('kim'))), { requirePrivilegeAck: true });
    expect(formatPlanChecks([refused(), fine], 'markdown').split('\n')).toStrictEqual([
      '### Plan check: connect\\-users',
      '',
      '**2 removal\\(s\\), 1 privilege change\\(s\\); 10 user\\(s\\) in the prior state**',
      '',
      '#### :warning: Privilege changes',
      '',
      '| user | kind | privileged profiles |',
      '|---|---|---|',
      '| boss | new user | Admin |',
      '',
      '#### :x: Removals',
      '',
      '| user | action |',
      '|---|---|',
      '| user0 | deleted \\(delete\\_because\\_no\\_resource\\_config\\) |',
      '| user1 | deleted \\(delete\\_because\\_no\\_resource\\_config\\) |',
      '',
      expect.stringMatching(/^:no_entry: 2 user\\\(s\\\) would be removed /),
      '',
      expect.stringMatching(/^:no_entry: 1 privilege change\\\(s\\\) need a stricter review/),
      '',
      '### Plan check: connect\\-users',
      '',
      '**0 removal\\(s\\), 0 privilege change\\(s\\); 10 user\\(s\\) in the prior state**',
      '',
      ':white_check_mark: no user would be removed',
      '',
      ':white_check_mark: no privilege change',
      '',
    ]);
  });

  it('text: the whole report, ending with a blank line; control characters escaped', () => {
    const odd = check(plan(10, change('x\n::error::pwned', ['create'], null, attrs('x', ['sp-admin', 'sp-ccm']))));
    expect(formatPlanChecks([odd], 'markdown')).toMatch(/\n\| x\\\\n\\:\\:error\\:\\:pwned \| new user \| Admin, CallCenterManager \|\n/);
    expect(formatPlanChecks([odd], 'text').split('\n')).toStrictEqual([
      'Plan check connect-users: 0 removal(s), 1 privilege change(s); 10 user(s) in the prior state',
      '  ! x\\n::error::pwned (new user) gets Admin, CallCenterManager',
      'OK: no user would be removed',
      '',
    ]);
  });

  it('markdown: cut at GitHub\'s comment limit', () => {
    const many = checkPlan({ label: 'p', counts: { create: 0, update: 0, delete: 3000, replace: 0, import: 0, forget: 0, 'no-op': 0 }, usersBefore: 3000, changes: Array.from({ length: 3000 }, (_, i) => ({ username: `user-number-${i}`, action: 'delete' as const, fields: [] })) });
    const md = formatPlanChecks([many], 'markdown');
    expect(md.length <= 65536).toBe(true);
    expect(md).toMatch(/> :scissors: This report was cut at 65,536 characters/);
    expect(formatPlanChecks([many], 'text')).not.toMatch(/scissors/);
  });

  it('json: the whole verdict for scripts', () => {
    const text = formatPlanChecks([refused()], 'json');
    expect(text.endsWith('}\n]\n')).toBe(true);
    expect(text.startsWith('[\n  {\n    "label": "connect-users",\n')).toBe(true);
    const json = JSON.parse(text);
    expect(json[0].removalGuard.ok).toBe(false);
    expect(json[0].privilege).toStrictEqual([{ username: 'boss', kind: 'new user', profiles: ['Admin'] }]);
  });
});

describe('connect-users plan-check (end to end)', () => {
  const dir = tempFolder();
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  /** Through the real executable once; otherwise in this process (same parsing, variables and exit codes). */
  const spawned = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'connect-users.js'), 'plan-check', ...args], { encoding: 'utf8' });
  const cli = (args: string[], env: Record<string, string> = {}) => run(['plan-check', ...args], env);
  const removals = write('removals.json', plan(100, ...deleting(6)));
  const privileges = write('privileges.json', plan(100, change('boss', ['create'], null, attrs('boss', ['sp-admin']))));
  const fine = write('fine.json', plan(100, ...deleting(1)));

  it('exits 3 when a stack removes too many users, naming them; 0 once acknowledged', async () => {
    const result = await cli([removals, fine]);
    expect(result.status).toBe(3) /* result.stderr */;
    expect(result.stdout).toMatch(/^Plan check removals: 6 removal\(s\)/);
    expect(result.stdout).toMatch(/\n {2}- user5: deleted/);
    expect(result.stdout).toMatch(/\nPlan check fine: 1 removal\(s\)[^\n]*\n {2}- user0: deleted[^\n]*\nOK: /);
    expect((await cli([removals], { CONNECT_USERS_ALLOW_REMOVALS: '6' })).status).toBe(0);
    expect((await cli([removals, '--allow-removals', '5'])).status).toBe(3);
  });

  it('exits 4 on privilege changes when acknowledgement is required, 3 taking precedence across stacks', async () => {
    expect((await cli([privileges])).status).toBe(0);
    expect((await cli([privileges, '--require-privilege-ack'])).status).toBe(4);
    expect((await cli([privileges, '--require-privilege-ack'], { CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES: 'true' })).status).toBe(0);
    expect((await cli([privileges, removals, '--require-privilege-ack'])).status).toBe(3);
    expect((await cli([removals, privileges, '--require-privilege-ack'])).status).toBe(3);
  });

  it('exits 2 for a plan it cannot read, naming each such file and what is wrong', async () => {
    const bad = write('bad.json', '{"format_version": "1.2", "resource_changes": {"x": 1}}');
    const broken = write('broken.json', '{ nope');
    const result = await cli([fine, bad, broken]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^connect-users: [^\n]*bad\.json: "resource_changes" is not a list; expected the output of `terraform show -json <planfile>` \(PLAN_UNREADABLE\)\nconnect-users: [^\n]*broken\.json: not JSON [^\n]*\(PLAN_UNREADABLE\)\n$/);
  });

  it('refuses a privileged profile list that names none (exit 2), instead of switching the guard off', async () => {
    const result = await cli([privileges, '--require-privilege-ack'], { CONNECT_USERS_PRIVILEGED_PROFILES: ',' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/expected one or more security profile names separated by commas, got ","/);
    expect((await cli([privileges, '--require-privilege-ack', '--privileged-profiles', ' , '])).status).toBe(2);
  });

  it('reads the checked-in Terraform 1.11 plan: 2 replaces and a delete of 6 users is refused', () => {
    const real = write('real.json', readFileSync(fixture('plan', 'terraform-1.11.json'), 'utf8'));
    const result = spawned([real]);
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/^Plan check real: 3 removal\(s\), 0 privilege change\(s\); 6 user\(s\) in the prior state\n {2}- bob: deleted/);
  });
});
