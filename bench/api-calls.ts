/**
 * The Connect API calls of `export` and `drift`, counted with
 * aws-sdk-client-mock against a fake instance holding the bench's generated
 * users (bench/generate.ts), paced at 2 calls/s on a simulated clock; and the
 * cost of plans, from `estimateCost` on the same users. "Before" replays the
 * export as it was before SearchUsers (ListUsers, then DescribeUser per user
 * and DescribeUserHierarchyGroup per group used), which is also what reading
 * an instance for drift cost that way.
 */
import {
  ConnectClient,
  DescribeUserCommand,
  DescribeUserHierarchyGroupCommand,
  ListRoutingProfilesCommand,
  ListSecurityProfilesCommand,
  ListUsersCommand,
  type DescribeUserCommandOutput,
  type ListRoutingProfilesCommandOutput,
  type ListSecurityProfilesCommandOutput,
  type ListUsersCommandOutput,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { pacedSender, type CommandSender } from '../src/connect/client';
import { paginate } from '../src/connect/read-instance';
import { estimateCost } from '../src/cost/estimate';
import { checkDrift } from '../src/drift/check';
import { exportUsers } from '../src/export/export-users';
import type { User } from '../src/model';
import { serveInstance, type FakeInstance } from '../test/connect/fake-instance';
import { generateUsers, type GeneratedUser } from './generate';

const INSTANCE = 'bbbbbbbb-0000-4000-8000-000000000000';
const RATE = 2;

/** The bench's users as a Connect instance: profiles and groups with ids, every user with an email. */
function instanceOf(generated: GeneratedUser[]): FakeInstance {
  const routing = [...new Set(generated.map((u) => u.routing))].sort().map((Name, i) => ({ Id: `rp-${i}`, Name }));
  const security = [...new Set(generated.flatMap((u) => u.security))].sort().map((Name, i) => ({ Id: `sp-${i}`, Name }));
  const leaves = [...new Set(generated.map((u) => `${u.site}|${u.team}`))].sort();
  const sites = [...new Set(generated.map((u) => u.site))].sort();
  const groups = [
    { Id: 'g-top', path: ['Global'] },
    ...sites.map((s) => ({ Id: `g-${s}`, path: ['Global', s] })),
    ...leaves.map((l) => ({ Id: `g-${l}`, path: ['Global', l.split('|')[0], `${l.split('|')[0]} ${l.split('|')[1]}`] })),
  ];
  const id = (list: { Id: string; Name: string }[], name: string) => list.find((p) => p.Name === name)!.Id;
  return {
    id: INSTANCE,
    routingProfiles: routing,
    securityProfiles: security,
    groups,
    users: generated.map((u, i) => ({
      Id: `user-${i}`,
      Username: u.username,
      FirstName: u.first,
      LastName: u.last,
      Email: `${u.username}@example.com`,
      RoutingProfileId: id(routing, u.routing),
      SecurityProfileIds: u.security.map((s) => id(security, s)),
      HierarchyGroupId: `g-${u.site}|${u.team}`,
      PhoneType: u.desk ? 'DESK_PHONE' : 'SOFT_PHONE',
      DeskPhoneNumber: u.desk,
      AutoAccept: u.autoAccept,
      Acw: u.acw,
      Tags: u.tags,
    })),
  };
}

/** The same users as the user files would give them. */
function filesOf(generated: GeneratedUser[]): User[] {
  return generated.map((u) => ({
    username: u.username,
    firstName: u.first,
    lastName: u.last,
    email: `${u.username}@example.com`,
    routingProfile: u.routing,
    securityProfiles: u.security,
    hierarchyPath: ['Global', u.site, `${u.site} ${u.team}`],
    phoneType: u.desk ? 'DESK_PHONE' : 'SOFT_PHONE',
    deskPhoneNumber: u.desk,
    autoAccept: u.autoAccept,
    afterContactWorkTimeLimit: u.acw,
    tags: u.tags,
    source: { file: 'users/agents-000.csv', line: 2 },
  }));
}

/** The export before SearchUsers (src/export/export-users.ts at e67705a): lists, ListUsers, DescribeUser each, a group once each. */
async function describeEachUser(client: CommandSender, InstanceId: string): Promise<number> {
  await paginate(async (NextToken) => {
    const r = (await client.send(new ListRoutingProfilesCommand({ InstanceId, NextToken, MaxResults: 100 }))) as ListRoutingProfilesCommandOutput;
    return { items: r.RoutingProfileSummaryList, next: r.NextToken };
  });
  await paginate(async (NextToken) => {
    const r = (await client.send(new ListSecurityProfilesCommand({ InstanceId, NextToken, MaxResults: 100 }))) as ListSecurityProfilesCommandOutput;
    return { items: r.SecurityProfileSummaryList, next: r.NextToken };
  });
  const users = await paginate(async (NextToken) => {
    const r = (await client.send(new ListUsersCommand({ InstanceId, NextToken, MaxResults: 100 }))) as ListUsersCommandOutput;
    return { items: r.UserSummaryList, next: r.NextToken };
  });
  const groups = new Set<string>();
  let emails = 0;
  for (const u of users) {
    const { User } = (await client.send(new DescribeUserCommand({ InstanceId, UserId: u.Id }))) as DescribeUserCommandOutput;
    if (User?.IdentityInfo?.Email) emails++;
    const g = User?.HierarchyGroupId;
    if (g && !groups.has(g)) {
      groups.add(g);
      await client.send(new DescribeUserHierarchyGroupCommand({ InstanceId, HierarchyGroupId: g }));
    }
  }
  return emails;
}

interface Count {
  calls: number;
  minutes: number;
}

/** Runs `body` against a fresh fake instance with a paced sender on a simulated clock; its calls and minutes. */
async function counted(instance: FakeInstance, body: (client: CommandSender) => Promise<unknown>): Promise<Count> {
  const connect = mockClient(ConnectClient);
  serveInstance(connect, instance);
  const t = { now: 0 };
  const client = pacedSender(new ConnectClient({}), { rate: RATE, now: () => t.now, sleep: async (ms) => void (t.now += ms) });
  try {
    await body(client);
    return { calls: client.calls, minutes: (t.now + 1000 / RATE) / 60_000 };
  } finally {
    connect.restore();
  }
}

const n = (x: number) => x.toLocaleString('en');
const m = (x: number) => (x < 10 ? x.toFixed(1) : n(Math.round(x)));
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;

export interface ApiCallsResult {
  readonly markdown: string;
  readonly targetsMet: boolean;
}

export async function apiCalls(sizes = [1000, 10_000], planSizes = [1000, 10_000, 100_000], log: (s: string) => void = () => undefined): Promise<ApiCallsResult> {
  const lines: string[] = ['## API calls', ''];
  lines.push(
    'Connect allows about 2 requests/s per API and account, so calls are minutes. Counted with aws-sdk-client-mock against a fake',
    'instance holding the bench users (`bench/api-calls.ts`; every user has an email, 20 routing profiles, 5 security profiles,',
    '21 hierarchy groups), paced at 2 calls/s on a simulated clock. **Before**: ListUsers, then one DescribeUser per user (and one',
    'DescribeUserHierarchyGroup per group used): the export before SearchUsers, and what reading an instance for drift cost that way.',
    '',
    '| users | command | calls before | calls after | after / before | minutes before | minutes after | emails in the output |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  const checks: { label: string; ok: boolean; detail: string }[] = [];
  for (const size of sizes) {
    const generated = generateUsers(size);
    const instance = instanceOf(generated);
    const files = filesOf(generated);
    let emailsBefore = 0;
    const before = await counted(instance, async (c) => (emailsBefore = await describeEachUser(c, INSTANCE)));
    log(`api calls ${size}: before ${before.calls}\n`);
    let lossless = 0;
    const exportAfter = await counted(instance, async (client) => {
      const r = await exportUsers({ client, instanceId: INSTANCE });
      lossless = r.users.filter((u) => u.email).length;
    });
    const exportFast = await counted(instance, (client) => exportUsers({ client, instanceId: INSTANCE, withoutEmails: true }));
    let driftFound = -1;
    const drift = await counted(instance, async (client) => {
      const [r] = await checkDrift([{ id: 'bench', instanceId: INSTANCE, users: files, selected: true }], { clientFor: () => client });
      driftFound = r.missing.length + r.changed.length + (r.unmanaged?.length ?? 0);
    });
    const driftEmails = await counted(instance, (client) => checkDrift([{ id: 'bench', instanceId: INSTANCE, users: files, selected: true }], { clientFor: () => client, emails: true }));
    log(`api calls ${size}: export ${exportAfter.calls}, drift ${drift.calls}\n`);
    if (driftFound !== 0) throw new Error(`the bench instance should show no drift, found ${driftFound}`);
    const row = (command: string, after: Count, emails: string) =>
      lines.push(`| ${n(size)} | ${command} | ${n(before.calls)} | ${n(after.calls)} | ${pct(after.calls, before.calls)} | ${m(before.minutes)} | ${m(after.minutes)} | ${emails} |`);
    row('`export` (lossless, the default)', exportAfter, `${n(lossless)} of ${n(emailsBefore)}`);
    row('`export --without-emails`', exportFast, `0 of ${n(emailsBefore)} (\`keep\`)`);
    row('`drift`', drift, 'not compared');
    row('`drift --emails`', driftEmails, 'compared');
    if (size === 10_000) {
      checks.push({ label: 'drift of 10k users in at most 2% of the calls of DescribeUser per user', ok: drift.calls <= 0.02 * before.calls, detail: `${n(drift.calls)} / ${n(before.calls)} = ${pct(drift.calls, before.calls)}` });
      checks.push({ label: 'export of 10k users lossless within the calls of before', ok: exportAfter.calls <= before.calls && lossless === emailsBefore, detail: `${n(exportAfter.calls)} ≤ ${n(before.calls)}, ${n(lossless)} of ${n(emailsBefore)} emails` });
    }
  }

  lines.push(
    '',
    '### The cost of a plan',
    '',
    'From `estimateCost` (`connect-users cost`), on the bench users: every plan reads each distinct name through the provider\'s data',
    'sources (every page of ListRoutingProfiles, ListSecurityProfiles or ListUserHierarchyGroups at 60 a page, a describe, then the',
    "queues or permissions, one page each here); a full refresh adds one DescribeUser per user, a fast plan (`-refresh=false`) only",
    'the users it changes (one here).',
    '',
    '| users | name lookups | full-refresh plan | minutes | fast plan, 1 user changed | minutes | drift check | minutes |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const size of planSizes) {
    const e = estimateCost(filesOf(generateUsers(size)));
    lines.push(`| ${n(size)} | ${n(e.lookups.calls)} | ${n(e.fullRefresh.calls)} | ${m(e.fullRefresh.minutes)} | ${n(e.fastPlan.calls)} | ${m(e.fastPlan.minutes)} | ${n(e.drift.calls)} | ${m(e.drift.minutes)} |`);
    if (size === 10_000) {
      checks.push({ label: 'a fast plan of a one-user change in a 10k-user stack costs only its lookups and that user', ok: e.fastPlan.calls === e.lookups.calls + 1, detail: `${n(e.lookups.calls)} + 1 = ${n(e.fastPlan.calls)} calls` });
    }
  }
  lines.push('', '### Targets (API calls)', '');
  for (const c of checks) lines.push(`- ${c.label}: ${c.detail}, ${c.ok ? 'met' : '**missed**'}`);
  return { markdown: `${lines.join('\n')}\n`, targetsMet: checks.every((c) => c.ok) };
}
