import { diffUsers } from '../../src/review/compare';
import { checkRemovals } from '../../src/review/guard';
import { formatReport, privilegeChanges, type Report } from '../../src/review/report';
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

describe('change report', () => {
  it('lists privilege changes: a user gaining one, and a new user with one', () => {
    expect(report.privilege).toStrictEqual([
      { username: 'amy', kind: 'gained', profiles: ['Admin'] },
      { username: 'dan', kind: 'new user', profiles: ['CallCenterManager'] },
    ]);
  });

  it('text: counts on top, privilege changes first, destructive changes flagged, field before/after', () => {
    const text = formatReport(report, 'text');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Users: 1 added, 1 removed, 1 renamed, 2 changed, 0 unchanged (against origin/main)');
    expect(text.indexOf('Privilege changes') < text.indexOf('Removed')).toBeTruthy();
    expect(text).toMatch(/Removed \(destructive: Connect deletes these users\):\n {2}- cat/);
    expect(text).toMatch(/Renamed \(destructive[^\n]*\n {2}- bob -> robert \(same email/);
    expect(text).toMatch(/ {6}securityProfiles: Agent -> Admin, Agent/);
    expect(text).toMatch(/ {6}password: plaintext -> plaintext \(changed\)/);
    expect(text).toMatch(/REFUSED: 2 user\(s\) would be removed/);
    expect(!text.includes('Secr3t') && !text.includes('N3w')).toBeTruthy();
  });

  it('markdown: a table per section, ready for a PR comment', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toMatch(/^### Connect users\n/);
    expect(md).toMatch(/#### :warning: Privilege changes \(review first\)\n\n\| user \| kind \| privileged profiles \|\n\|---\|---\|---\|\n\| amy \| gained \| Admin \|/);
    expect(md).toMatch(/\| amy \| securityProfiles \| Agent \| Admin, Agent \|/);
    expect(md).toMatch(/:no_entry: 2 user\\\(s\\\) would be removed/);
  });

  it('markdown escapes what users wrote, so a name cannot inject markup', () => {
    const d = diffUsers([], [u('x', { routingProfile: '<img src=x> | **bold**' })]);
    const md = formatReport({ base: 'b', diff: d, privilege: [] }, 'markdown');
    expect(md.includes('\\<img src=x\\> \\| \\*\\*bold\\*\\*')).toBeTruthy() /* md */;
  });

  it('json: counts and lists for scripts', () => {
    const json = JSON.parse(formatReport(report, 'json'));
    expect(json.counts).toStrictEqual({ added: 1, removed: 1, renamed: 1, changed: 2, unchanged: 0, privilege: 2 });
    expect(json.renamed[0].from).toStrictEqual('bob');
    expect(json.removalGuard.ok).toBe(false);
  });
});
