import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffUsers } from '../src/compare';
import { checkRemovals } from '../src/guard';
import { formatReport, privilegeChanges, type Report } from '../src/report';
import { makeUser as u } from './helpers';

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
    assert.deepEqual(report.privilege, [
      { username: 'amy', kind: 'gained', profiles: ['Admin'] },
      { username: 'dan', kind: 'new user', profiles: ['CallCenterManager'] },
    ]);
  });

  it('text: counts on top, privilege changes first, destructive changes flagged, field before/after', () => {
    const text = formatReport(report, 'text');
    const lines = text.split('\n');
    assert.equal(lines[0], 'Users: 1 added, 1 removed, 1 renamed, 2 changed, 0 unchanged (against origin/main)');
    assert.ok(text.indexOf('Privilege changes') < text.indexOf('Removed'));
    assert.match(text, /Removed \(destructive: Connect deletes these users\):\n {2}- cat/);
    assert.match(text, /Renamed \(destructive[^\n]*\n {2}- bob -> robert \(same email/);
    assert.match(text, / {6}securityProfiles: Agent -> Admin, Agent/);
    assert.match(text, / {6}password: plaintext -> plaintext \(changed\)/);
    assert.match(text, /REFUSED: 2 user\(s\) would be removed/);
    assert.ok(!text.includes('Secr3t') && !text.includes('N3w'));
  });

  it('markdown: a table per section, ready for a PR comment', () => {
    const md = formatReport(report, 'markdown');
    assert.match(md, /^### Connect users\n/);
    assert.match(md, /#### :warning: Privilege changes \(review first\)\n\n\| user \| kind \| privileged profiles \|\n\|---\|---\|---\|\n\| amy \| gained \| Admin \|/);
    assert.match(md, /\| amy \| securityProfiles \| Agent \| Admin, Agent \|/);
    assert.match(md, /:no_entry: 2 user\\\(s\\\) would be removed/);
  });

  it('markdown escapes what users wrote, so a name cannot inject markup', () => {
    const d = diffUsers([], [u('x', { routingProfile: '<img src=x> | **bold**' })]);
    const md = formatReport({ base: 'b', diff: d, privilege: [] }, 'markdown');
    assert.ok(md.includes('\\<img src=x\\> \\| \\*\\*bold\\*\\*'), md);
  });

  it('json: counts and lists for scripts', () => {
    const json = JSON.parse(formatReport(report, 'json'));
    assert.deepEqual(json.counts, { added: 1, removed: 1, renamed: 1, changed: 2, unchanged: 0, privilege: 2 });
    assert.deepEqual(json.renamed[0].from, 'bob');
    assert.equal(json.removalGuard.ok, false);
  });
});
