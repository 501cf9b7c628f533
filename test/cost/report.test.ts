import { estimateCost } from '../../src/cost/estimate';
import { formatCost } from '../../src/cost/report';

const users = Array.from({ length: 10_000 }, (_, i) => ({ routingProfile: `RP ${i % 20}`, securityProfiles: ['Agent'], hierarchyPath: ['Top', `G ${i % 16}`] }));
const stack = { stack: 'connect-users (users)', estimate: estimateCost(users) };

describe('formatCost', () => {
  it('text: a table of calls and minutes per stack, then the warning', () => {
    expect(formatCost([stack], 'text').split('\n')).toStrictEqual([
      'connect-users (users): 10,000 users; 20 routing profile(s), 1 security profile(s), 16 hierarchy group(s) looked up by name',
      '                                                  API calls    minutes at 2/s',
      '  name lookups (every plan)                              96               0.8',
      '  full-refresh plan                                  10,096                84',
      '  fast plan (-refresh=false, 1 user(s) changed)          97               0.8',
      '  drift check                                           103               0.9',
      '  drift check --emails                               10,103                84',
      'warning: a full-refresh plan takes ~84 min (10,096 calls at 2/s), more than 30: split the stack into stacks of at most ~3,504 users (one folder each, see "Many stacks"), plan pull requests with -refresh=false and let the nightly drift check find changes made outside git',
      '',
    ]);
  });

  it('markdown: the stack name escaped, command-line fragments as code, the revision counted against', () => {
    const md = formatCost([{ ...stack, stack: 'team_a (users/a)', changedSince: 'origin/main' }], 'markdown').split('\n');
    expect(md.slice(0, 6)).toStrictEqual([
      '### Plan cost: team\\_a \\(users/a\\)',
      '',
      'team\\_a \\(users/a\\): 10,000 users; 20 routing profile(s), 1 security profile(s), 16 hierarchy group(s) looked up by name',
      '',
      '| | API calls | minutes at 2/s |',
      '|---|---:|---:|',
    ]);
    expect(md[8]).toBe('| fast plan (`-refresh=false`, 1 user(s) changed since `origin/main`) | 97 | 0.8 |');
    expect(md[12]).toMatch(/^> :warning: a full\\-refresh plan takes \\~84 min/);
  });

  it('json: the estimates, per stack', () => {
    const [json] = JSON.parse(formatCost([stack], 'json'));
    expect([json.stack, json.users, json.fullRefresh.calls, json.fastPlan.calls, json.drift.calls, json.warnings.length]).toStrictEqual(['connect-users (users)', 10_000, 10_096, 97, 103, 1]);
  });
});
