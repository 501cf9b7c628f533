import { diffUsers } from '../../src/review/compare';
import { checkRemovals } from '../../src/review/guard';
import { DEFAULT_PRIVILEGED_PROFILES, formatReport, formatReports, privilegeChanges, type Report } from '../../src/review/report';
import { makeUser as u } from '../helpers';

const before = [u('amy'), u('bob', { email: 'bob@example.com' }), u('cat'), u('eve', { password: 'Secr3tPass' })];
const after = [
  u('amy', { securityProfiles: ['Agent', 'Admin'] }),
  u('robert', { email: 'bob@example.com' }),
  u('dan', { securityProfiles: ['CallCenterManager'] }),
  u('eve', { password: 'N3wSecret' }),
];
const diff = diffUsers(before, after);
const report: Report = {
  base: 'origin/main',
  diff,
  privilege: privilegeChanges(diff, before, ['Admin', 'CallCenterManager']),
  removalGuard: checkRemovals(diff, before.length),
};

describe('privilegeChanges', () => {
  it('takes Admin and CallCenterManager as privileged by default', () => {
    expect(DEFAULT_PRIVILEGED_PROFILES).toStrictEqual(['Admin', 'CallCenterManager']);
  });

  it('lists privilege changes: a user gaining one, and a new user with one', () => {
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
    const md = formatReport(report, 'markdown');
    expect(md).toMatch(/^### Connect users\n\n\*\*1 added, 1 removed, 1 renamed, 2 changed, 0 unchanged\*\* against origin/);
    expect(md).toMatch(/#### :warning: Privilege changes \(review first\)\n\n\| user \| kind \| privileged profiles \|\n\|---\|---\|---\|\n\| amy \| gained \| Admin \|/);
    expect(md).toMatch(/\n\| amy \| securityProfiles \| \\\+Admin \|\n/);
    expect(md).toMatch(/:no_entry: 2 user\\\(s\\\) would be removed/);
  });

  it('markdown: the summary line renders bold (no space before the closing **)', () => {
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
    const unreadable = [{ file: 'origin/main:users/team.ts', code: 'TS_LOAD_ERROR', message: 'the file failed to load: boom' }];
    const text = formatReport({ ...report, unreadable }, 'text');
    expect(text).toMatch(/\nBase files that cannot be read \(BASE_UNREADABLE\):\n {2}origin\/main:users\/team\.ts: the file failed to load: boom \(TS_LOAD_ERROR\)\n/);
    expect(formatReport({ ...report, unreadable }, 'markdown')).toMatch(/#### :no_entry: Base files that cannot be read/);
  });

  it('json: counts and lists for scripts', () => {
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
