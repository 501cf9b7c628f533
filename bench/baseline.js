// The benchmark's baseline: parse the same CSV files with csv-parse and write the
// equivalent Terraform JSON with JSON.stringify. No validation, no cdktf.
// Usage: node bench/baseline.js <users dir> <out file>
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { parse } = require('csv-parse/sync');

const [dir, out] = process.argv.slice(2);
const users = {};
for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
  const [, ...rows] = parse(readFileSync(path.join(dir, name)), { bom: true });
  for (const r of rows) {
    users[r[6]] = {
      first_name: r[0], last_name: r[1], email: r[2] || null, secondary_email: r[3] || null,
      routing_profile: r[8], security_profiles: r[9].split('|'), hierarchy_group: r[10].split('|').pop() || null,
      phone_type: r[11] === 'desk' ? 'DESK_PHONE' : 'SOFT_PHONE', desk_phone_number: r[12] || null,
      auto_accept: r[13] === 'yes', after_contact_work_time_limit: Number(r[14] || 0),
      tags: Object.fromEntries(r[15] ? r[15].split('|').map((p) => p.split('=')) : []), directory_user_id: null,
    };
  }
}
const names = (f) => Object.fromEntries([...new Set(Object.values(users).flatMap(f))].sort().map((n) => [n, n]));
const tf = {
  locals: {
    connect_users: users,
    connect_routing_profiles: names((u) => [u.routing_profile]),
    connect_security_profiles: names((u) => u.security_profiles),
    connect_hierarchy_groups: names((u) => (u.hierarchy_group ? [u.hierarchy_group] : [])),
  },
  resource: { aws_connect_user: { users: { for_each: '${local.connect_users}', name: '${each.key}' } } },
};
writeFileSync(out, JSON.stringify(tf, null, 2));
