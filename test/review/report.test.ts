import { diffUsers } from '../../src/review/compare';
import { checkPrivileges, checkRemovals } from '../../src/review/guard';
import { DEFAULT_PRIVILEGED_PROFILES, formatReport, formatReports, privilegeChanges, type Report, reportJson } from '../../src/review/report';
import { makeUser as u } from '../helpers';

/** The sample change, built per test (not at load time) so that each test covers the code it runs. */
function sample(): { diff: ReturnType<typeof diffUsers>; report: Report } {
  const before = [u('amy'), u('bob', { email: 'bob@example.com' }), u('cat'), u('eve', { password: 'Secr3tPass' })];
  const after = [
    u('amy', { securityProfiles: ['Agent', 'Admin'] }),
    u('robert', { email: 'bob@example.com' }),
    u('dan', { securityProfiles: ['CallCenterManager'] }),
    u('eve', { password: 'N3wSecret' }),
  ];
  const diff = diffUsers(before, after);
  return {
    diff,
    report: {
      base: 'origin/main',
      diff,
      privilege: privilegeChanges(diff, before, ['Admin', 'CallCenterManager']),
      removalGuard: checkRemovals(diff, before.length),
    },
  };
}

describe('privilegeChanges', () => {
  it('takes Admin and CallCenterManager as privileged by default', () => {
    expect(DEFAULT_PRIVILEGED_PROFILES).toStrictEqual(['Admin', 'CallCenterManager']);
  });

  it('lists privilege changes: a user gaining one, and a new user with one', () => {
    const { report } = sample();
    expect(report.privilege).toStrictEqual([
      { username: 'amy', kind: 'gained', profiles: ['Admin'] },
      { username: 'dan', kind: 'new user', profiles: ['CallCenterManager'] },
    ]);
  });

  it('counts a renamed user who gains a privileged profile', () => {
    const b = [u('jdoe', { email: 'j@x.io' })];
    const d = diffUsers(b, [u('jane.doe', { email: 'j@x.io', securityProfiles: ['Agent', 'Admin'] })]);
    expect(privilegeChanges(d, b, ['Admin'])).toStrictEqual([{ username: 'jane.doe', kind: 'renamed', profiles: ['Admin'], from: 'jdoe' }]);
  });

  it('counts a renamed user who keeps a privileged profile: in Connect a rename creates a new user (as plan-check sees it)', () => {
    const b = [u('tom.walsh', { email: 't@x.io', securityProfiles: ['CallCenterManager', 'QA'] })];
    const d = diffUsers(b, [u('tom.walshe', { email: 't@x.io', securityProfiles: ['CallCenterManager', 'QA'] })]);
    expect(d.renamed.length).toBe(1);
    expect(privilegeChanges(d, b, ['Admin', 'CallCenterManager'])).toStrictEqual([{ username: 'tom.walshe', kind: 'renamed', profiles: ['CallCenterManager'], from: 'tom.walsh' }]);
  });

  it('does not count a renamed user without a privileged profile', () => {
    const b = [u('tom.walsh', { email: 't@x.io', securityProfiles: ['Admin'] })];
    const d = diffUsers(b, [u('tom.walshe', { email: 't@x.io', securityProfiles: ['Agent'] })]);
    expect(d.renamed.length).toBe(1);
    expect(privilegeChanges(d, b, ['Admin'])).toStrictEqual([]);
  });

  it('reports a renamed privileged user with its old name, as a new user in Connect (text, Markdown, JSON)', () => {
    const b = [u('tom.walsh', { email: 't@x.io', securityProfiles: ['CallCenterManager'] })];
    const d = diffUsers(b, [u('tom.walshe', { email: 't@x.io', securityProfiles: ['CallCenterManager'] })]);
    const r: Report = { base: 'origin/main', diff: d, privilege: privilegeChanges(d, b, DEFAULT_PRIVILEGED_PROFILES) };
    expect(formatReport(r, 'text')).toContain('\nPrivilege changes (review first):\n  ! tom.walshe (renamed from tom.walsh: a new user in Connect) gets CallCenterManager\n');
    expect(formatReport(r, 'markdown')).toContain('\n| tom\\.walshe | renamed from tom\\.walsh\\: a new user in Connect | CallCenterManager |\n');
    expect(JSON.parse(formatReport(r, 'json')).privilege).toStrictEqual([{ username: 'tom.walshe', kind: 'renamed', profiles: ['CallCenterManager'], from: 'tom.walsh' }]);
  });

  it('reports a new user and a user who gains by kind alone', () => {
    const { report } = sample();
    expect(formatReport(report, 'text')).toContain('\nPrivilege changes (review first):\n  ! amy (gained) gets Admin\n  ! dan (new user) gets CallCenterManager\n');
  });

  it('does not count a privileged profile the user already had, nor an unprivileged one', () => {
    const b = [u('a', { securityProfiles: ['Admin'] })];
    const d = diffUsers(b, [u('a', { securityProfiles: ['Admin', 'QA'] })]);
    expect(privilegeChanges(d, b, ['Admin'])).toStrictEqual([]);
  });

  it('sorts the users and their profiles', () => {
    const d = diffUsers([], [u('zed', { securityProfiles: ['Zeta', 'Alpha'] }), u('abe', { securityProfiles: ['Alpha'] })]);
    expect(privilegeChanges(d, [], ['Alpha', 'Zeta'])).toStrictEqual([
      { username: 'abe', kind: 'new user', profiles: ['Alpha'] },
      { username: 'zed', kind: 'new user', profiles: ['Alpha', 'Zeta'] },
    ]);
  });
});

describe('change report', () => {
  it('text: counts on top, privilege changes first, destructive changes flagged, set changes as +/-', () => {
    const { report } = sample();
    const text = formatReport(report, 'text');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Users: 1 added, 1 removed, 1 renamed, 2 changed, 0 unchanged (against origin/main)');
    expect(text.indexOf('Privilege changes') < text.indexOf('Removed')).toBeTruthy();
    expect(text).toMatch(/\nRemoved on this branch \(destructive: Connect deletes these users\):\n {2}- cat \(was users\/a\.csv:2\)\n/);
    expect(text).toMatch(/Renamed \(destructive[^\n]*\n {2}- bob -> robert \(same email, users\/a\.csv:2\)\n/);
    expect(text).toMatch(/\n {2}\+ dan \(Sales; CallCenterManager\) at users\/a\.csv:2\n/);
    expect(text).toMatch(/\n {6}securityProfiles: \+Admin\n/);
    expect(text).toMatch(/\n {6}password: plaintext -> plaintext \(changed\) \(no effect on an existing user: Connect uses the password only when it creates the user\)\n/);
    expect(text).toMatch(/\nREFUSED: 2 user\(s\) would be removed/);
    expect(!text.includes('Secr3t') && !text.includes('N3w')).toBeTruthy();
  });

  it('markdown: a table per section, ready for a PR comment', () => {
    const { report } = sample();
    const md = formatReport(report, 'markdown');
    expect(md).toMatch(/^### Connect users\n\n\*\*1 added, 1 removed, 1 renamed, 2 changed, 0 unchanged\*\* against origin/);
    expect(md).toMatch(/#### :warning: Privilege changes \(review first\)\n\n\| user \| kind \| privileged profiles \|\n\|---\|---\|---\|\n\| amy \| gained \| Admin \|/);
    expect(md).toMatch(/\n\| amy \| securityProfiles \| \\\+Admin \|\n/);
    expect(md).toMatch(/:no_entry: 2 user\\\(s\\\) would be removed/);
  });

  it('markdown: the summary line renders bold (no space before the closing **)', () => {
    const { report } = sample();
    const md = formatReport(report, 'markdown');
    expect(md.split('\n')[2]).toMatch(/^\*\*\S.*\S\*\* against /);
  });

  it('markdown escapes what users wrote, in every cell', () => {
    const b = [u('x', { routingProfile: 'Sales' })];
    const d = diffUsers(b, [u('x', { routingProfile: '<img src=x> | **bold** @admins &lt;b&gt;' })]);
    const md = formatReport({ base: 'b', diff: d, privilege: [] }, 'markdown');
    expect(md).toMatch(/\n\| x \| routingProfile \| Sales → \\<img src\\=x\\> \\\| \\\*\\\*bold\\\*\\\* @\u200dadmins \\&lt;b\\&gt; \|\n/);
  });

  it('text: a control character in a user file cannot start a CI log line (GitHub workflow commands)', () => {
    const d = diffUsers([], [u('x', { routingProfile: 'Sales\n::error::pwned', firstName: 'a' }), u('y\u001b[2J', {})]);
    const text = formatReport({ base: 'b', diff: d, privilege: [] }, 'text');
    expect(text.split('\n').some((line) => line.trimStart().startsWith('::'))).toBe(false);
    expect(text).toMatch(/\+ x \(Sales\\n::error::pwned; Agent\)/);
    expect(text).toMatch(/\+ y\\u001b\[2J \(/);
    expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)).toBe(false);
  });

  it("shows users added on the base since the fork separately from this branch's removals", () => {
    const { diff, report } = sample();
    const missing = [u('zoe', { source: { file: 'origin/main:users/a.csv', line: 9 } })];
    const r: Report = { ...report, missing, removalGuard: checkRemovals(diff, 5, {}, missing) };
    const text = formatReport(r, 'text');
    expect(text.split('\n')[0]).toBe('Users: 1 added, 1 removed, 1 renamed, 2 changed, 0 unchanged, 1 missing compared with the base\'s tip (against origin/main)');
    expect(text).toMatch(
      /\nMissing compared with origin\/main \(added there since this branch forked: rebase, or a deploy of this branch deletes them\):\n {2}- zoe \(origin\/main:users\/a\.csv:9\)\n/,
    );
    expect(formatReport(r, 'markdown')).toMatch(/#### :x: Missing compared with origin\/main[^\n]*\n\n\| user \| in \|\n\|---\|---\|\n\| zoe \| origin\/main\\:users\/a\\\.csv\\:9 \|/);
    expect(JSON.parse(formatReport(r, 'json')).missing).toStrictEqual([{ username: 'zoe', file: 'origin/main:users/a.csv', line: 9 }]);
  });

  it('lists base files that cannot be read', () => {
    const { report } = sample();
    const unreadable = [{ file: 'origin/main:users/team.ts', code: 'TS_LOAD_ERROR', message: 'the file failed to load: boom' }];
    const text = formatReport({ ...report, unreadable }, 'text');
    expect(text).toMatch(/\nBase files that cannot be read \(BASE_UNREADABLE\):\n {2}origin\/main:users\/team\.ts: the file failed to load: boom \(TS_LOAD_ERROR\)\n/);
    expect(formatReport({ ...report, unreadable }, 'markdown')).toMatch(/#### :no_entry: Base files that cannot be read/);
  });

  it('json: counts and lists for scripts', () => {
    const { report } = sample();
    const json = JSON.parse(formatReport(report, 'json'));
    expect(json.counts).toStrictEqual({ added: 1, removed: 1, renamed: 1, changed: 2, unchanged: 0, missing: 0, privilege: 2 });
    expect(json.renamed[0]).toStrictEqual({ from: 'bob', to: 'robert', by: 'email', file: 'users/a.csv', line: 2 });
    expect(json.removed).toStrictEqual([{ username: 'cat', file: 'users/a.csv', line: 2 }]);
    expect(json.changed[0].fields).toStrictEqual([{ field: 'securityProfiles', before: 'Agent', after: 'Admin, Agent', added: ['Admin'], removed: [] }]);
    expect(json.removalGuard.ok).toBe(false);
    expect(json.unreadable).toStrictEqual([]);
  });
});

describe('formatReports', () => {
  it('cuts Markdown for many stacks, as a whole, to GitHub\'s comment limit', () => {
    const many = Array.from({ length: 3000 }, (_, i) => u(`user${i}`));
    const big: Report = { base: 'b', diff: diffUsers([], many), privilege: [] };
    const md = formatReports([big, { ...big, stack: 's2' }], 'markdown');
    expect(md.length <= 65536).toBe(true);
    expect(md).toMatch(/\n> :scissors: This report was cut at 65,536 characters \(GitHub's limit\)\. The full report is in the workflow run's artifacts/);
    expect(formatReports([big], 'text').includes('user2999')).toBe(true);
  });
});

/** A report with one of everything: a stack, each kind of privilege change, renames by email and by name, both guards, warnings. */
function everything(): Report {
  const before = [u('amy'), u('bob', { email: 'bob@x.io' }), u('cy', { firstName: 'Cy', lastName: 'Young' }), u('dee', { source: { file: 'users/b.csv', line: 7 } })];
  const after = [
    u('amy', { securityProfiles: ['Agent', 'Admin', 'CallCenterManager'], routingProfile: 'Support', source: { file: 'users/a.csv', line: 3 } }),
    u('robert', { email: 'bob@x.io', securityProfiles: ['Admin'], source: { file: 'users/a.csv', line: 4 } }),
    u('cyril', { firstName: 'Cy', lastName: 'Young', source: { file: 'users/a.csv', line: 5 } }),
    u('eve', { securityProfiles: ['QA', 'Admin'], source: { file: 'users/c.csv', line: 9 } }),
  ];
  const diff = diffUsers(before, after);
  const privilege = privilegeChanges(diff, before, DEFAULT_PRIVILEGED_PROFILES);
  return {
    stack: 'east',
    base: 'origin/main',
    diff,
    missing: [u('zoe', { source: { file: 'origin/main:users/a.csv', line: 11 } })],
    privilege,
    removalGuard: checkRemovals(diff, 100),
    privilegeGuard: checkPrivileges(privilege.length, { requirePrivilegeAck: true }),
    unreadable: [{ file: 'origin/main:users/t.ts', line: 4, code: 'TS_LOAD_ERROR', message: 'boom' }],
    warnings: ['note: one', 'note: two'],
  };
}

const REMOVAL_OK =
  '3 user(s) would be removed (1 deleted, 2 renamed; a rename deletes the user and creates a new one, which loses its history): allowed, at most 5 without acknowledgement (no more than 5 users and no more than 10% of the 100 users before)';
const PRIVILEGE_REFUSED =
  '3 privilege change(s) need a stricter review; once reviewed, acknowledge with --allow-privilege-changes (or CONNECT_USERS_ALLOW_PRIVILEGE_CHANGES=true; in the sample CI workflow, the pull request label connect-users/allow-privilege-changes)';

const EVERYTHING_TEXT = [
  "Users of east: 1 added, 1 removed, 2 renamed, 1 changed, 0 unchanged, 1 missing compared with the base's tip (against origin/main)",
  '',
  'Privilege changes (review first):',
  '  ! amy (gained) gets Admin, CallCenterManager',
  '  ! eve (new user) gets Admin',
  '  ! robert (renamed from bob: a new user in Connect) gets Admin',
  '',
  'Removed on this branch (destructive: Connect deletes these users):',
  '  - dee (was users/b.csv:7)',
  '',
  'Renamed (destructive: delete + create, the user loses its history):',
  '  - bob -> robert (same email, users/a.csv:4)',
  '  - cy -> cyril (same name, users/a.csv:5)',
  '',
  'Missing compared with origin/main (added there since this branch forked: rebase, or a deploy of this branch deletes them):',
  '  - zoe (origin/main:users/a.csv:11)',
  '',
  'Added:',
  '  + eve (Sales; QA, Admin) at users/c.csv:9',
  '',
  'Changed:',
  '  ~ amy (users/a.csv:3)',
  '      routingProfile: Sales -> Support',
  '      securityProfiles: +Admin, +CallCenterManager',
  '',
  'Base files that cannot be read (BASE_UNREADABLE):',
  '  origin/main:users/t.ts:4: boom (TS_LOAD_ERROR)',
  '',
  `OK: ${REMOVAL_OK}`,
  '',
  `REFUSED: ${PRIVILEGE_REFUSED}`,
  'note: one',
  'note: two',
  '',
].join('\n');

const EVERYTHING_MARKDOWN = [
  '### Connect users: east',
  '',
  "**1 added, 1 removed, 2 renamed, 1 changed, 0 unchanged, 1 missing compared with the base's tip** against origin/main",
  '',
  '#### :warning: Privilege changes (review first)',
  '',
  '| user | kind | privileged profiles |',
  '|---|---|---|',
  '| amy | gained | Admin, CallCenterManager |',
  '| eve | new user | Admin |',
  '| robert | renamed from bob\\: a new user in Connect | Admin |',
  '',
  '#### :x: Removed on this branch (Connect deletes these users)',
  '',
  '| user | was in |',
  '|---|---|',
  '| dee | users/b\\.csv\\:7 |',
  '',
  '#### :x: Renamed (delete + create: history is lost)',
  '',
  '| from | to | matched by | in |',
  '|---|---|---|---|',
  '| bob | robert | same email | users/a\\.csv\\:4 |',
  '| cy | cyril | same name | users/a\\.csv\\:5 |',
  '',
  '#### :x: Missing compared with origin/main (added there since this branch forked: rebase, or a deploy of this branch deletes them)',
  '',
  '| user | in |',
  '|---|---|',
  '| zoe | origin/main\\:users/a\\.csv\\:11 |',
  '',
  '#### Added',
  '',
  '| user | routing profile | security profiles | in |',
  '|---|---|---|---|',
  '| eve | Sales | QA, Admin | users/c\\.csv\\:9 |',
  '',
  '#### Changed',
  '',
  '| user | field | change |',
  '|---|---|---|',
  '| amy | routingProfile | Sales → Support |',
  '| amy | securityProfiles | \\+Admin, \\+CallCenterManager |',
  '',
  '#### :no_entry: Base files that cannot be read',
  '',
  '| file | problem |',
  '|---|---|',
  '| origin/main\\:users/t\\.ts\\:4 | boom \\(TS\\_LOAD\\_ERROR\\) |',
  '',
  ':white_check_mark: 3 user\\(s\\) would be removed \\(1 deleted, 2 renamed; a rename deletes the user and creates a new one, which loses its history\\)\\: allowed, at most 5 without acknowledgement \\(no more than 5 users and no more than 10% of the 100 users before\\)',
  '',
  ':no_entry: 3 privilege change\\(s\\) need a stricter review; once reviewed, acknowledge with \\-\\-allow\\-privilege\\-changes \\(or CONNECT\\_USERS\\_ALLOW\\_PRIVILEGE\\_CHANGES\\=true; in the sample CI workflow, the pull request label connect\\-users/allow\\-privilege\\-changes\\)',
  '',
  '> note\\: one',
  '',
  '> note\\: two',
  '',
].join('\n');

describe('the whole report, every section', () => {
  it('text: every section in order, each line exact', () => {
    expect(formatReport(everything(), 'text')).toBe(EVERYTHING_TEXT);
  });

  it('markdown: every table in order, each line exact', () => {
    expect(formatReport(everything(), 'markdown')).toBe(EVERYTHING_MARKDOWN);
  });

  it('json: every field exact', () => {
    const r = everything();
    const user = (username: string, file: string, line: number) => ({ username, file, line });
    expect(JSON.parse(formatReport(r, 'json'))).toStrictEqual({
      stack: 'east',
      base: 'origin/main',
      counts: { added: 1, removed: 1, renamed: 2, changed: 1, unchanged: 0, missing: 1, privilege: 3 },
      privilege: [
        { username: 'amy', kind: 'gained', profiles: ['Admin', 'CallCenterManager'] },
        { username: 'eve', kind: 'new user', profiles: ['Admin'] },
        { username: 'robert', kind: 'renamed', profiles: ['Admin'], from: 'bob' },
      ],
      removed: [user('dee', 'users/b.csv', 7)],
      missing: [user('zoe', 'origin/main:users/a.csv', 11)],
      renamed: [
        { from: 'bob', to: 'robert', by: 'email', file: 'users/a.csv', line: 4 },
        { from: 'cy', to: 'cyril', by: 'name', file: 'users/a.csv', line: 5 },
      ],
      added: [{ ...user('eve', 'users/c.csv', 9), routingProfile: 'Sales', securityProfiles: ['QA', 'Admin'] }],
      changed: [
        {
          ...user('amy', 'users/a.csv', 3),
          fields: [
            { field: 'routingProfile', before: 'Sales', after: 'Support' },
            { field: 'securityProfiles', before: 'Agent', after: 'Admin, Agent, CallCenterManager', added: ['Admin', 'CallCenterManager'], removed: [] },
          ],
        },
      ],
      removalGuard: { ok: true, removals: 3, limit: 5, message: REMOVAL_OK },
      privilegeGuard: { ok: false, message: PRIVILEGE_REFUSED },
      unreadable: [{ file: 'origin/main:users/t.ts', line: 4, code: 'TS_LOAD_ERROR', message: 'boom' }],
      warnings: ['note: one', 'note: two'],
    });
  });

  it('a report with nothing in it: the counts line alone (no empty section, no stack, empty lists in JSON)', () => {
    const r: Report = { base: 'b', diff: diffUsers([], []), privilege: [] };
    expect(formatReport(r, 'text')).toBe('Users: 0 added, 0 removed, 0 renamed, 0 changed, 0 unchanged (against b)\n');
    expect(formatReport(r, 'markdown')).toBe('### Connect users\n\n**0 added, 0 removed, 0 renamed, 0 changed, 0 unchanged** against b\n');
    expect(JSON.parse(formatReport(r, 'json'))).toStrictEqual({
      base: 'b',
      counts: { added: 0, removed: 0, renamed: 0, changed: 0, unchanged: 0, missing: 0, privilege: 0 },
      privilege: [],
      removed: [],
      missing: [],
      renamed: [],
      added: [],
      changed: [],
      unreadable: [],
      warnings: [],
    });
  });

  it('reportJson: no stack key at all without a stack', () => {
    const json = reportJson({ base: 'b', diff: diffUsers([], []), privilege: [] });
    expect('stack' in json).toBe(false);
    expect(Object.keys(json)).toStrictEqual(['base', 'counts', 'privilege', 'removed', 'missing', 'renamed', 'added', 'changed', 'removalGuard', 'privilegeGuard', 'unreadable', 'warnings']);
  });

  it('json: an empty stack name is still said', () => {
    const r: Report = { stack: '', base: 'b', diff: diffUsers([], []), privilege: [] };
    expect(JSON.parse(formatReport(r, 'json')).stack).toBe('');
  });

  it('formatReports: the reports one after the other, in the format asked', () => {
    const a: Report = { stack: 'a', base: 'b', diff: diffUsers([], []), privilege: [] };
    const z: Report = { ...a, stack: 'z' };
    expect(formatReports([a, z], 'text')).toBe(`${formatReport(a, 'text')}\n${formatReport(z, 'text')}`);
    expect(formatReports([a, z], 'markdown')).toBe(`${formatReport(a, 'markdown')}\n${formatReport(z, 'markdown')}`);
    expect(formatReports([a, z], 'text')).toBe('Users of a: 0 added, 0 removed, 0 renamed, 0 changed, 0 unchanged (against b)\n\nUsers of z: 0 added, 0 removed, 0 renamed, 0 changed, 0 unchanged (against b)\n');
  });

  it('privilegeChanges: a changed user missing from `before` gets all its privileged profiles counted as gained', () => {
    const d = diffUsers([u('a')], [u('a', { securityProfiles: ['Admin', 'QA'] })]);
    expect(privilegeChanges(d, [], ['Admin'])).toStrictEqual([{ username: 'a', kind: 'gained', profiles: ['Admin'] }]);
  });
});
