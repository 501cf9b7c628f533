import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { App } from 'cdktf';
import { UsersError } from '../../src/problems';
import { ConnectUsersStack, type ConnectUsersStackProps } from '../../src/synth/connect-users-stack';
import { csv, tempFolder } from '../helpers';

/** Synthesizes a stack over the given user files; returns the written cdk.tf.json, parsed and raw. */
function synth(files: Record<string, string>, props: Partial<ConnectUsersStackProps> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'connect-users-out-'));
  const app = new App({ outdir });
  new ConnectUsersStack(app, 'connect-users', { instanceId: 'inst-1', usersDir: tempFolder(files), ...props });
  app.synth();
  const text = readFileSync(path.join(outdir, 'stacks', 'connect-users', 'cdk.tf.json'), 'utf8');
  return { tf: JSON.parse(text), text };
}

const USERS = {
  'agents.csv': csv(
    'jane.doe,Jane,Doe,jane@example.com,Sales,Agent,EMEA|Sales,soft,,team=sales',
    'john.roe,John,Roe,,Sales,Agent|QA,,desk,+14155550100,',
    'ann.lee,Ann,Lee,,Support,Agent,EMEA|Support,soft,,',
  ),
};

/** Every `${...}` expression in a subtree (our hand-written Terraform). */
function expressions(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(...(value.match(/\$\{[^"]*\}/g) ?? []));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) expressions(v, out);
  return out;
}

describe('ConnectUsersStack synthesis', () => {
  const { tf } = synth(USERS);
  const user = tf.resource.aws_connect_user.users;

  it('declares one aws_connect_user with for_each keyed by the exact username', () => {
    assert.deepEqual(Object.keys(tf.resource.aws_connect_user), ['users']);
    assert.equal(user.for_each, '${local.connect_users}');
    assert.equal(user.name, '${each.key}');
    assert.deepEqual(Object.keys(tf.locals.connect_users), ['ann.lee', 'jane.doe', 'john.roe']);
    assert.equal(user.instance_id, 'inst-1');
  });

  it('looks up each distinct routing profile, security profile and hierarchy group once, by name', () => {
    const lookups = [
      ['aws_connect_routing_profile', 'routing_profiles', 'connect_routing_profiles', ['Sales', 'Support']],
      ['aws_connect_security_profile', 'security_profiles', 'connect_security_profiles', ['Agent', 'QA']],
      ['aws_connect_user_hierarchy_group', 'hierarchy_groups', 'connect_hierarchy_groups', ['Sales', 'Support']],
    ] as const;
    for (const [type, name, local, names] of lookups) {
      assert.deepEqual(Object.keys(tf.data[type]), [name], type);
      const ds = tf.data[type][name];
      assert.equal(ds.for_each, `\${local.${local}}`);
      assert.equal(ds.name, '${each.key}');
      assert.equal(ds.instance_id, 'inst-1');
      assert.deepEqual(Object.keys(tf.locals[local]), names);
      assert.deepEqual(Object.values(tf.locals[local]), names);
    }
  });

  it('wires each user to its lookups with expressions that reference only what exists', () => {
    assert.equal(user.routing_profile_id, '${data.aws_connect_routing_profile.routing_profiles[each.value.routing_profile].routing_profile_id}');
    assert.equal(
      user.security_profile_ids,
      '${[for name in each.value.security_profiles : data.aws_connect_security_profile.security_profiles[name].security_profile_id]}',
    );
    assert.equal(
      user.hierarchy_group_id,
      '${each.value.hierarchy_group == null ? null : data.aws_connect_user_hierarchy_group.hierarchy_groups[each.value.hierarchy_group].hierarchy_group_id}',
    );
    const { locals, ...config } = tf;
    const attributes = new Set(Object.keys(locals.connect_users['jane.doe']));
    for (const expr of expressions(config)) {
      for (const [, type, name] of expr.matchAll(/data\.([a-z_]+)\.([a-z_]+)/g)) assert.ok(tf.data[type]?.[name], `${expr} references a missing data source`);
      for (const [, local] of expr.matchAll(/local\.([a-z_]+)/g)) assert.ok(local in locals, `${expr} references a missing local`);
      // Only aws_connect_user iterates over users; the lookups use each.key alone.
      for (const [, attr] of expr.matchAll(/each\.value\.([a-z_]+)/g)) assert.ok(attributes.has(attr), `${expr}: each.value.${attr} is not a user attribute`);
    }
  });

  it('passes absent optional fields as null, never as empty strings', () => {
    assert.deepEqual(tf.locals.connect_users['john.roe'], {
      first_name: 'John',
      last_name: 'Roe',
      email: null,
      secondary_email: null,
      routing_profile: 'Sales',
      security_profiles: ['Agent', 'QA'],
      hierarchy_group: null,
      phone_type: 'DESK_PHONE',
      desk_phone_number: '+14155550100',
      auto_accept: false,
      after_contact_work_time_limit: 0,
      tags: {},
      directory_user_id: null,
    });
    assert.ok(!JSON.stringify(tf.locals).includes('""'));
  });

  it('checks the identity management type against the real instance at plan time', () => {
    const [pre] = user.lifecycle.precondition;
    assert.equal(pre.condition, '${data.aws_connect_instance.instance.identity_management_type == "CONNECT_MANAGED"}');
    assert.equal(tf.data.aws_connect_instance.instance.instance_id, 'inst-1');
  });

  it('never imports the provider package root (only deep imports are loaded)', () => {
    const loaded = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}@cdktf${path.sep}provider-aws${path.sep}`));
    assert.ok(loaded.length > 0);
    assert.ok(loaded.length < 40, `${loaded.length} provider modules loaded`);
  });
});

describe('ConnectUsersStack options', () => {
  it('finds the instance by alias when no id is given', () => {
    const { tf } = synth(USERS, { instanceId: undefined, instanceAlias: 'my-centre' });
    assert.equal(tf.data.aws_connect_instance.instance.instance_alias, 'my-centre');
    assert.equal(tf.resource.aws_connect_user.users.instance_id, '${data.aws_connect_instance.instance.id}');
    assert.equal(tf.data.aws_connect_routing_profile.routing_profiles.instance_id, '${data.aws_connect_instance.instance.id}');
  });

  it('sets region and default tags on the provider, escaped', () => {
    const { tf } = synth(USERS, { region: 'eu-west-2', defaultTags: { 'managed-by': 'connect-users', note: '${x}' } });
    assert.deepEqual(tf.provider.aws[0].region, 'eu-west-2');
    assert.deepEqual(tf.provider.aws[0].default_tags, [{ tags: { 'managed-by': 'connect-users', note: '$${x}' } }]);
  });

  it('fails when props are contradictory, naming every problem at once', () => {
    assert.throws(
      () => new ConnectUsersStack(new App({ outdir: tempFolder() }), 's', { instanceId: 'a', instanceAlias: 'b', identityManagementType: 'LDAP' as never, usersDir: tempFolder() }),
      /exactly one of instanceId and instanceAlias; identityManagementType must be one of/,
    );
  });

  it('throws a UsersError (and writes nothing) when the users folder is not valid', () => {
    assert.throws(() => synth({ 'a.csv': csv('jane,,Doe,,Sales,Agent,,soft,,') }), (err) => err instanceof UsersError && err.problems[0].code === 'NAME_REQUIRED');
  });
});

describe('ConnectUsersStack output', () => {
  it('escapes ${ and %{ from user files so Terraform reads them as literals', () => {
    const { tf, text } = synth({ 'a.csv': csv('evil,"${file(""/etc/passwd"")}",%{ if true }x%{ endif },,Sales,${var.x},,soft,,k=${v}') });
    const evil = tf.locals.connect_users.evil;
    assert.equal(evil.first_name, '$${file("/etc/passwd")}');
    assert.equal(evil.last_name, '%%{ if true }x%%{ endif }');
    assert.deepEqual(evil.security_profiles, ['$${var.x}']);
    assert.deepEqual(evil.tags, { k: '$${v}' });
    assert.deepEqual(Object.keys(tf.locals.connect_security_profiles), ['$${var.x}']);
    const { connect_user_passwords, ...userData } = tf.locals;
    assert.ok(connect_user_passwords, 'the password expression is ours, not user data');
    const localsText = JSON.stringify(userData);
    assert.equal(localsText.replace(/\$\$\{|%%\{/g, '').match(/\$\{|%\{/g), null, 'no unescaped template sequence in user data');
    assert.ok(text.includes('"first_name":"$${file(\\"/etc/passwd\\")}"'));
  });

  it('keeps local state where cdktf would, by a relative path (the same in every clone)', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'connect-users-out-'));
    const app = new App({ outdir });
    new ConnectUsersStack(app, 'connect-users', { instanceId: 'i', usersDir: tempFolder(USERS) });
    app.synth();
    const { path: statePath } = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'connect-users', 'cdk.tf.json'), 'utf8')).terraform.backend.local;
    assert.ok(!path.isAbsolute(statePath), statePath);
    assert.equal(path.resolve(outdir, 'stacks', 'connect-users', statePath), path.resolve('terraform.connect-users.tfstate'));
  });

  it('is byte-identical for the same users, whatever the file order on disk', () => {
    const a = synth({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,'), 'b.csv': csv('bob,B,B,,Support,QA|Agent,,soft,,t=1|s=2') });
    const b = synth({ 'b.csv': csv('bob,B,B,,Support,Agent|QA,,soft,,s=2|t=1'), 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') });
    assert.equal(a.text, b.text);
  });
});

describe('ConnectUsersStack file writing', () => {
  it('writes user data that looks like an internal placeholder as data', () => {
    const { tf } = synth({
      'a.csv': csv(
        'amy,__connect_users_local_connect_security_profiles__,A,,Sales,"__connect_users_local_connect_users__",,soft,,',
      ),
    });
    assert.equal(tf.locals.connect_users.amy.first_name, '__connect_users_local_connect_security_profiles__');
    assert.deepEqual(Object.keys(tf.locals.connect_security_profiles), ['__connect_users_local_connect_users__']);
  });

  it('gives Testing-style consumers of toTerraform() the real data, not placeholders', () => {
    const app = new App({ outdir: tempFolder() });
    const stack = new ConnectUsersStack(app, 's', { instanceId: 'i', usersDir: tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') }) });
    assert.deepEqual(Object.keys(stack.toTerraform().locals.connect_users), ['amy']);
  });
});

describe('ConnectUsersStack passwords', () => {
  const row = (name: string, password: string) => `${name},${password},A,B,Sales,Agent,soft`;
  const files = (...rows: string[]) => ({ 'a.csv': ['username,password,firstName,lastName,routingProfile,securityProfiles,phoneType', ...rows].join('\n') + '\n' });

  it('generates a password by default, stores it in SSM, and keeps it out of every for_each', () => {
    const { tf } = synth(files(row('amy', ''), row('bob', 'generate')));
    assert.deepEqual(tf.locals.connect_password_generated, { amy: 'amy', bob: 'bob' });
    assert.equal(tf.resource.random_password.generated_passwords.for_each, '${local.connect_password_generated}');
    const param = tf.resource.aws_ssm_parameter.generated_password_parameters;
    assert.equal(param.type, 'SecureString');
    assert.equal(param.name, '/connect-users/connect-users/initial-passwords/${replace(each.key, "@", "-at-")}');
    assert.equal(param.value, '${random_password.generated_passwords[each.key].result}');
    assert.equal(tf.resource.aws_connect_user.users.password, '${lookup(local.connect_user_passwords, each.key, null)}');
    assert.deepEqual(tf.resource.aws_connect_user.users.lifecycle.ignore_changes, ['password']);
    assert.ok(tf.terraform.required_providers.random);
    for (const [type, byName] of Object.entries<Record<string, { for_each?: string }>>({ ...tf.resource, ...tf.data })) {
      for (const [name, block] of Object.entries(byName)) {
        assert.ok(!String(block.for_each ?? '').includes('password_plaintext') && !String(block.for_each ?? '').includes('connect_user_passwords'), `${type}.${name}`);
      }
    }
  });

  it('reads SSM parameters and secrets once per distinct name, and maps each user to its value', () => {
    const { tf } = synth(
      files(
        row('amy', 'ssm:/pw/shared'),
        row('bob', 'ssm:/pw/shared'),
        row('cat', 'secretsmanager:connect/pw'),
        row('dan', 'secretsmanager:connect/pw#dan'),
      ),
      { defaultPassword: 'ssm:/pw/default' },
    );
    assert.deepEqual(tf.locals.connect_password_ssm, { '/pw/shared': '/pw/shared' });
    assert.deepEqual(tf.locals.connect_password_ssm_users, { amy: '/pw/shared', bob: '/pw/shared' });
    assert.deepEqual(tf.locals.connect_password_secrets, { 'connect/pw': 'connect/pw' });
    assert.deepEqual(tf.locals.connect_password_secret_users, { cat: 'connect/pw' });
    assert.deepEqual(tf.locals.connect_password_secret_key_users, { dan: { secret_id: 'connect/pw', key: 'dan' } });
    assert.equal(tf.data.aws_ssm_parameter.password_parameters.with_decryption, true);
    assert.equal(tf.data.aws_secretsmanager_secret_version.password_secrets.secret_id, '${each.key}');
    assert.equal(tf.resource.random_password, undefined, 'nothing generated, no random provider');
    assert.equal(
      tf.locals.connect_user_passwords,
      '${merge({for user, name in local.connect_password_ssm_users : user => data.aws_ssm_parameter.password_parameters[name].value}, ' +
        '{for user, id in local.connect_password_secret_users : user => data.aws_secretsmanager_secret_version.password_secrets[id].secret_string}, ' +
        '{for user, ref in local.connect_password_secret_key_users : user => jsondecode(data.aws_secretsmanager_secret_version.password_secrets[ref.secret_id].secret_string)[ref.key]})}',
    );
  });

  it('sends no password for a user whose source is none (an existing, adopted user)', () => {
    const { tf } = synth(files(row('amy', 'none'), row('bob', '')));
    assert.deepEqual(tf.locals.connect_password_generated, { bob: 'bob' }, 'amy gets no generated password');
    const { tf: allNone } = synth(files(row('amy', 'none')));
    assert.equal(allNone.resource.aws_connect_user.users.password, undefined);
    assert.equal(allNone.resource.random_password, undefined);
  });

  it('refuses plaintext passwords by default, without showing them', () => {
    assert.throws(
      () => synth(files(row('amy', 'Secr3tPass'))),
      (err) => err instanceof UsersError && err.problems[0].code === 'PLAINTEXT_PASSWORD' && !err.message.includes('Secr3tPass'),
    );
  });

  it('accepts plaintext passwords when allowed: escaped, marked sensitive, a warning per file', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'connect-users-out-'));
    const app = new App({ outdir });
    const stack = new ConnectUsersStack(app, 'connect-users', {
      instanceId: 'i',
      usersDir: tempFolder(files(row('amy', 'Pa55${word}'))),
      allowPlaintextPasswords: true,
    });
    app.synth();
    const tf = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'connect-users', 'cdk.tf.json'), 'utf8'));
    assert.deepEqual(tf.locals.connect_password_plaintext, { amy: 'Pa55$${word}' });
    assert.equal(tf.locals.connect_user_passwords, '${merge(sensitive(local.connect_password_plaintext))}');
    assert.equal(stack.notes.length, 1);
    assert.match(stack.notes[0], /a\.csv holds 1 plaintext password\(s\)/);
    assert.ok(!stack.notes[0].includes('Pa55'));
  });

  it('sends no password at all for SAML users', () => {
    const { tf } = synth({ 'a.csv': csv('jane,J,D,,Sales,Agent,,soft,,') }, { identityManagementType: 'SAML' });
    assert.equal(tf.resource.aws_connect_user.users.password, undefined);
    assert.equal(tf.locals.connect_user_passwords, undefined);
    assert.equal(tf.resource.random_password, undefined);
  });

  it('sets prevent_destroy when asked', () => {
    const { tf } = synth(USERS, { preventDestroy: true });
    assert.equal(tf.resource.aws_connect_user.users.lifecycle.prevent_destroy, true);
    assert.equal(synth(USERS).tf.resource.aws_connect_user.users.lifecycle.prevent_destroy, undefined);
  });

  it('fails when defaultPassword is a password rather than a source', () => {
    assert.throws(() => synth(USERS, { defaultPassword: 'Secr3tPass' }), /defaultPassword must be generate/);
  });
});

describe('ConnectUsersStack adoption (imports files)', () => {
  const imports = (instanceId: string, entries: [string, string][]) =>
    JSON.stringify({ instanceId, imports: entries.map(([username, id]) => ({ username, id })) });

  it('adds a Terraform import block for each listed user that the files define', () => {
    const { tf } = synth({
      ...USERS,
      'imported.imports.json': imports('inst-1', [
        ['jane.doe', 'inst-1:u-1'],
        ['ann.lee', 'inst-1:u-3'],
        ['gone.user', 'inst-1:u-9'],
      ]),
    });
    assert.deepEqual(tf.import, [
      { to: 'aws_connect_user.users["ann.lee"]', id: 'inst-1:u-3' },
      { to: 'aws_connect_user.users["jane.doe"]', id: 'inst-1:u-1' },
    ]);
  });

  it('ignores an imports file of another instance, with a warning', () => {
    const app = new App({ outdir: tempFolder() });
    const stack = new ConnectUsersStack(app, 's', {
      instanceId: 'inst-1',
      usersDir: tempFolder({ ...USERS, 'x.imports.json': imports('other', [['jane.doe', 'other:u-1']]) }),
    });
    assert.equal(stack.toTerraform().import, undefined);
    assert.match(stack.notes.join('\n'), /lists users of instance other, not inst-1: ignored/);
  });

  it('fails when an imports file is malformed', () => {
    assert.throws(
      () => synth({ ...USERS, 'bad.imports.json': '{"instanceId": "inst-1", "imports": [{"username": "x", "id": "elsewhere:u"}]}' }),
      (err) => err instanceof UsersError && err.problems[0].code === 'IMPORTS_FORMAT',
    );
  });
});
