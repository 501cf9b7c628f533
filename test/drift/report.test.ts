import type { LiveUser } from '../../src/connect/read-instance';
import type { DriftReport } from '../../src/drift/check';
import { driftJson, formatDrift, MAX_LINES } from '../../src/drift/report';
import { makeUser } from '../helpers';

const liveUser = (username: string): LiveUser => ({
  userId: `id-${username}`,
  username,
  routingProfile: 'Sales',
  securityProfiles: ['Agent', 'Admin'],
  hierarchyPath: [],
  phoneType: 'SOFT_PHONE',
  autoAccept: false,
  afterContactWorkTimeLimit: 0,
  tags: {},
});

const report = (extra: Partial<DriftReport> = {}): DriftReport => ({
  stack: 'connect-users',
  instance: 'inst-1',
  liveUsers: 4,
  emailsCompared: false,
  missing: [makeUser('new.agent', { source: { file: 'users/a.csv', line: 3 } })],
  changed: [
    {
      user: makeUser('ann', { source: { file: 'users/a.csv', line: 2 } }),
      userId: 'id-ann',
      fields: [
        { field: 'routingProfile', connect: 'Support', files: 'Sales' },
        { field: 'tags', connect: 'team=x', files: '' },
      ],
    },
  ],
  unchanged: 1,
  unmanaged: [liveUser('admin')],
  notes: ['emails were not compared (pass --emails: one DescribeUser per user)'],
  ...extra,
});

describe('formatDrift', () => {
  it('text: counts, then missing, changed (Connect then the files) and unmanaged users, then notes', () => {
    expect(formatDrift([report()], 'text')).toBe(
      [
        'Drift of connect-users (instance inst-1): 1 missing from Connect, 1 changed, 1 not managed by any file, 1 unchanged (4 users in Connect)',
        '',
        'Missing from Connect (the next apply creates them):',
        '  + new.agent (users/a.csv:3)',
        '',
        'Changed in Connect (the next apply sets them back to what the files say):',
        '  ~ ann (users/a.csv:2)',
        '      routingProfile: Connect has Support, the files say Sales',
        '      tags: Connect has team=x, the files say (none)',
        '',
        'Not managed by any file (in Connect only; Terraform leaves them alone):',
        '  ? admin (Sales; Agent, Admin)',
        '',
        'note: emails were not compared (pass --emails: one DescribeUser per user)',
        '',
      ].join('\n'),
    );
  });

  it('text: says when a username differs only in case, and when the unmanaged users were not looked for', () => {
    const text = formatDrift([report({ missing: [makeUser('Admin')], changed: [], unmanaged: [liveUser('admin')] })], 'text');
    expect(text).toMatch(/^ {2}\+ Admin \(users\/a\.csv:2\): Connect has admin, which differs only in case$/m);
    expect(formatDrift([report({ unmanaged: undefined })], 'text').split('\n')[0]).toBe(
      'Drift of connect-users (instance inst-1): 1 missing from Connect, 1 changed, not-managed users not looked for, 1 unchanged (4 users in Connect)',
    );
  });

  it('ignored users (--ignore-user): counted apart in the summary, listed in their own section, not drift in JSON', () => {
    const r = report({ missing: [], changed: [], unmanaged: [], ignored: [liveUser('admin'), liveUser('root')] });
    expect(formatDrift([r], 'text')).toBe(
      [
        'Drift of connect-users (instance inst-1): 0 missing from Connect, 0 changed, 0 not managed by any file (and 2 ignored), 1 unchanged (4 users in Connect)',
        '',
        'Not managed by any file, ignored (--ignore-user; not drift):',
        '  - admin (Sales; Agent, Admin)',
        '  - root (Sales; Agent, Admin)',
        '',
        'note: emails were not compared (pass --emails: one DescribeUser per user)',
        '',
      ].join('\n'),
    );
    expect(formatDrift([r], 'markdown').split('\n').slice(2, 9)).toStrictEqual([
      '**0 missing from Connect, 0 changed, 0 not managed by any file (and 2 ignored), 1 unchanged (4 users in Connect)** on instance `inst-1`',
      '',
      '#### Not managed by any file, ignored (not drift)',
      '',
      '| user | routing profile | security profiles |',
      '|---|---|---|',
      '| admin | Sales | Agent, Admin |',
    ]);
    const json = driftJson(r);
    expect([json.drift, json.counts.unmanaged, json.counts.ignored, json.ignored!.map((u) => u.username)]).toStrictEqual([false, 0, 2, ['admin', 'root']]);
  });

  it('text: an instance that could not be read', () => {
    expect(formatDrift([report({ error: 'AccessDeniedException: no (HTTP 403)', missing: [], changed: [], unmanaged: undefined, notes: [] })], 'text')).toBe(
      'Drift of connect-users (instance inst-1): not checked: Connect could not be read\n  AccessDeniedException: no (HTTP 403)\n',
    );
  });

  it('never prints a raw control character from Connect or the files: they are shown as escapes', () => {
    const hostile = report({
      changed: [{ user: makeUser('ann'), userId: 'id', fields: [{ field: 'firstName', connect: 'A\u001b[2Jnn\u0007', files: 'Ann\u202e' }] }],
      unmanaged: [liveUser('evil\r\nadmin\u0085')],
      missing: [],
    });
    for (const format of ['text', 'markdown'] as const) {
      const out = formatDrift([hostile], format);
      // eslint-disable-next-line no-control-regex
      expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(out)).toBe(false);
    }
    const text = formatDrift([hostile], 'text');
    expect(text).toMatch(/firstName: Connect has A\\u001b\[2Jnn\\u0007, the files say Ann\\u202e$/m);
    expect(text).toMatch(/^ {2}\? evil\\r\\nadmin\\u0085 /m);
  });

  it('cuts a long section short in text and Markdown, and says how many more (JSON lists all)', () => {
    const many = Array.from({ length: MAX_LINES + 5 }, (_, i) => liveUser(`u${i}`));
    const r = report({ unmanaged: many });
    const text = formatDrift([r], 'text');
    expect(text.split('\n').filter((l) => l.startsWith('  ? ')).length).toBe(MAX_LINES);
    expect(text).toMatch(/^ {2}\.\.\. and 5 more \(--format json lists every one\)$/m);
    const markdown = formatDrift([r], 'markdown');
    expect(markdown.split('\n').filter((l) => /^\| u\d+ /.test(l)).length).toBe(MAX_LINES);
    expect(markdown).toMatch(/^_\.\.\. and 5 more rows \(`--format json` lists every one\)_$/m);
    expect(driftJson(r).unmanaged!.length).toBe(MAX_LINES + 5);
    expect(MAX_LINES).toBe(200);
  });

  it('markdown: tables with escaped cells, the note as a quote', () => {
    const md = formatDrift([report()], 'markdown');
    expect(md.split('\n')).toStrictEqual([
      '### Drift: connect\\-users',
      '',
      '**1 missing from Connect, 1 changed, 1 not managed by any file, 1 unchanged (4 users in Connect)** on instance `inst-1`',
      '',
      '#### Missing from Connect (the next apply creates them)',
      '',
      '| user | in |',
      '|---|---|',
      '| new\\.agent | users/a\\.csv\\:3 |',
      '',
      '#### Changed in Connect (the next apply sets them back)',
      '',
      '| user | field | in Connect | in the files |',
      '|---|---|---|---|',
      '| ann | routingProfile | Support | Sales |',
      '| ann | tags | team\\=x | _none_ |',
      '',
      '#### Not managed by any file',
      '',
      '| user | routing profile | security profiles |',
      '|---|---|---|',
      '| admin | Sales | Agent, Admin |',
      '',
      '> emails were not compared \\(pass \\-\\-emails\\: one DescribeUser per user\\)',
      '',
    ]);
  });

  it('json: one object with --dir, a list otherwise; unmanaged null when not looked for', () => {
    const json = JSON.parse(formatDrift([report()], 'json', { single: true }));
    expect(json).toStrictEqual({
      stack: 'connect-users',
      drift: true,
      instance: 'inst-1',
      liveUsers: 4,
      emailsCompared: false,
      counts: { missing: 1, changed: 1, unmanaged: 1, ignored: 0, unchanged: 1 },
      missing: [{ username: 'new.agent', file: 'users/a.csv', line: 3 }],
      changed: [
        {
          username: 'ann',
          userId: 'id-ann',
          file: 'users/a.csv',
          line: 2,
          fields: [
            { field: 'routingProfile', connect: 'Support', files: 'Sales' },
            { field: 'tags', connect: 'team=x', files: '' },
          ],
        },
      ],
      unmanaged: [{ username: 'admin', userId: 'id-admin', routingProfile: 'Sales', securityProfiles: ['Agent', 'Admin'] }],
      ignored: [],
      notes: ['emails were not compared (pass --emails: one DescribeUser per user)'],
    });
    const list = JSON.parse(formatDrift([report({ unmanaged: undefined, error: 'boom' })], 'json'));
    expect([list.length, list[0].unmanaged, list[0].counts.unmanaged, list[0].ignored, list[0].counts.ignored, list[0].error]).toStrictEqual([1, null, null, null, null, 'boom']);
    const onlyUnmanaged = report({ missing: [], changed: [] });
    expect([driftJson(onlyUnmanaged).drift, driftJson(onlyUnmanaged, { allowUnmanaged: true }).drift]).toStrictEqual([true, false]);
  });
});
