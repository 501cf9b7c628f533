import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { UsersError, type Problem } from '../../src/problems';
import { ConnectUsersStack, type ConnectUsersStackProps } from '../../src/synth/connect-users-stack';
import { csv, tempFolder, thrown } from '../helpers';

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
    expect(Object.keys(tf.resource.aws_connect_user)).toStrictEqual(['users']);
    expect(user.for_each).toBe('${local.connect_users}');
    expect(user.name).toBe('${each.key}');
    expect(Object.keys(tf.locals.connect_users)).toStrictEqual(['ann.lee', 'jane.doe', 'john.roe']);
    expect(user.instance_id).toBe('inst-1');
  });

  it('looks up each distinct routing profile, security profile and hierarchy group once, by name', () => {
    const lookups = [
      ['aws_connect_routing_profile', 'routing_profiles', 'connect_routing_profiles', ['Sales', 'Support']],
      ['aws_connect_security_profile', 'security_profiles', 'connect_security_profiles', ['Agent', 'QA']],
      ['aws_connect_user_hierarchy_group', 'hierarchy_groups', 'connect_hierarchy_groups', ['Sales', 'Support']],
    ] as const;
    for (const [type, name, local, names] of lookups) {
      expect(Object.keys(tf.data[type])).toStrictEqual([name]) /* type */;
      const ds = tf.data[type][name];
      expect(ds.for_each).toBe(`\${local.${local}}`);
      expect(ds.name).toBe('${each.key}');
      expect(ds.instance_id).toBe('inst-1');
      expect(Object.keys(tf.locals[local])).toStrictEqual(names);
      expect(Object.values(tf.locals[local])).toStrictEqual(names);
    }
  });

  it('wires each user to its lookups with expressions that reference only what exists', () => {
    expect(user.routing_profile_id).toBe('${data.aws_connect_routing_profile.routing_profiles[each.value.routing_profile].routing_profile_id}');
    expect(user.security_profile_ids).toBe('${[for name in each.value.security_profiles : data.aws_connect_security_profile.security_profiles[name].security_profile_id]}');
    expect(user.hierarchy_group_id).toBe('${each.value.hierarchy_group == null ? null : data.aws_connect_user_hierarchy_group.hierarchy_groups[each.value.hierarchy_group].hierarchy_group_id}');
    const { locals, ...config } = tf;
    const attributes = new Set(Object.keys(locals.connect_users['jane.doe']));
    for (const expr of expressions(config)) {
      for (const [, type, name] of expr.matchAll(/data\.([a-z_]+)\.([a-z_]+)/g)) expect(tf.data[type]?.[name]).toBeTruthy() /* `${expr} references a missing data source` */;
      for (const [, local] of expr.matchAll(/local\.([a-z_]+)/g)) expect(local in locals).toBeTruthy() /* `${expr} references a missing local` */;
      // Only aws_connect_user iterates over users; the lookups use each.key alone.
      for (const [, attr] of expr.matchAll(/each\.value\.([a-z_]+)/g)) expect(attributes.has(attr)).toBeTruthy() /* `${expr}: each.value.${attr} is not a user attribute` */;
    }
  });

  it('passes absent optional fields as null, never as empty strings', () => {
    expect(tf.locals.connect_users['john.roe']).toStrictEqual({
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
    expect(JSON.stringify(tf.locals).includes('""')).toBeFalsy();
  });

  it('checks the identity management type against the real instance at plan time', () => {
    const [pre] = user.lifecycle.precondition;
    expect(pre.condition).toBe('${data.aws_connect_instance.instance.identity_management_type == "CONNECT_MANAGED"}');
    expect(tf.data.aws_connect_instance.instance.instance_id).toBe('inst-1');
  });

  it('never imports the provider package root (only deep imports are loaded)', () => {
    const loaded = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}@cdktf${path.sep}provider-aws${path.sep}`));
    expect(loaded.length > 0).toBeTruthy();
    expect(loaded.length < 40).toBeTruthy() /* `${loaded.length} provider modules loaded` */;
  });
});

describe('ConnectUsersStack options', () => {
  it('finds the instance by alias when no id is given', () => {
    const { tf } = synth(USERS, { instanceId: undefined, instanceAlias: 'my-centre' });
    expect(tf.data.aws_connect_instance.instance.instance_alias).toBe('my-centre');
    expect(tf.resource.aws_connect_user.users.instance_id).toBe('${data.aws_connect_instance.instance.id}');
    expect(tf.data.aws_connect_routing_profile.routing_profiles.instance_id).toBe('${data.aws_connect_instance.instance.id}');
  });

  it('sets region and default tags on the provider, escaped', () => {
    const { tf } = synth(USERS, { region: 'eu-west-2', defaultTags: { 'managed-by': 'connect-users', note: '${x}' } });
    expect(tf.provider.aws[0].region).toStrictEqual('eu-west-2');
    expect(tf.provider.aws[0].default_tags).toStrictEqual([{ tags: { 'managed-by': 'connect-users', note: '$${x}' } }]);
  });

  it('fails when props are contradictory, naming every problem at once', () => {
    expect(() => new ConnectUsersStack(new App({ outdir: tempFolder() }), 's', { instanceId: 'a', instanceAlias: 'b', identityManagementType: 'LDAP' as never, usersDir: tempFolder() })).toThrow(/exactly one of instanceId and instanceAlias; identityManagementType must be one of/);
  });

  it('throws a UsersError (and writes nothing) when the users folder is not valid', () => {
    const err = thrown(() => synth({ 'a.csv': csv('jane,,Doe,,Sales,Agent,,soft,,') }));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems).toStrictEqual([expect.objectContaining({ code: 'NAME_REQUIRED', field: 'firstName', file: expect.stringMatching(/a\.csv$/), line: 2 })]);
  });
});

describe('ConnectUsersStack output', () => {
  it('escapes ${ and %{ from user files so Terraform reads them as literals', () => {
    const { tf, text } = synth({ 'a.csv': csv('evil,"${file(""/etc/passwd"")}",%{ if true }x%{ endif },,Sales,${var.x},,soft,,k=${v}') });
    const evil = tf.locals.connect_users.evil;
    expect(evil.first_name).toBe('$${file("/etc/passwd")}');
    expect(evil.last_name).toBe('%%{ if true }x%%{ endif }');
    expect(evil.security_profiles).toStrictEqual(['$${var.x}']);
    expect(evil.tags).toStrictEqual({ k: '$${v}' });
    expect(Object.keys(tf.locals.connect_security_profiles)).toStrictEqual(['$${var.x}']);
    const { connect_user_passwords, ...userData } = tf.locals;
    expect(connect_user_passwords).toBeTruthy() /* 'the password expression is ours, not user data' */;
    const localsText = JSON.stringify(userData);
    expect(localsText.replace(/\$\$\{|%%\{/g, '').match(/\$\{|%\{/g)).toBe(null) /* 'no unescaped template sequence in user data' */;
    expect(text.includes('"first_name":"$${file(\\"/etc/passwd\\")}"')).toBeTruthy();
  });

  it('keeps local state where cdktf would, by a relative path (the same in every clone)', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'connect-users-out-'));
    const app = new App({ outdir });
    new ConnectUsersStack(app, 'connect-users', { instanceId: 'i', usersDir: tempFolder(USERS) });
    app.synth();
    const { path: statePath } = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'connect-users', 'cdk.tf.json'), 'utf8')).terraform.backend.local;
    expect(path.isAbsolute(statePath)).toBeFalsy() /* statePath */;
    expect(path.resolve(outdir, 'stacks', 'connect-users', statePath)).toBe(path.resolve('terraform.connect-users.tfstate'));
  });

  it('is byte-identical for the same users, whatever the file order on disk', () => {
    const a = synth({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,'), 'b.csv': csv('bob,B,B,,Support,QA|Agent,,soft,,t=1|s=2') });
    const b = synth({ 'b.csv': csv('bob,B,B,,Support,Agent|QA,,soft,,s=2|t=1'), 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') });
    expect(a.text).toBe(b.text);
  });
});

describe('ConnectUsersStack file writing', () => {
  it('writes user data that looks like an internal placeholder as data', () => {
    const { tf } = synth({
      'a.csv': csv(
        'amy,__connect_users_local_connect_security_profiles__,A,,Sales,"__connect_users_local_connect_users__",,soft,,',
      ),
    });
    expect(tf.locals.connect_users.amy.first_name).toBe('__connect_users_local_connect_security_profiles__');
    expect(Object.keys(tf.locals.connect_security_profiles)).toStrictEqual(['__connect_users_local_connect_users__']);
  });

  it('gives Testing-style consumers of toTerraform() the real data, not placeholders', () => {
    const app = new App({ outdir: tempFolder() });
    const stack = new ConnectUsersStack(app, 's', { instanceId: 'i', usersDir: tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') }) });
    expect(Object.keys(stack.toTerraform().locals.connect_users)).toStrictEqual(['amy']);
  });
});

describe('ConnectUsersStack passwords', () => {
  const row = (name: string, password: string) => `${name},${password},A,B,Sales,Agent,soft`;
  const files = (...rows: string[]) => ({ 'a.csv': ['username,password,firstName,lastName,routingProfile,securityProfiles,phoneType', ...rows].join('\n') + '\n' });

  it('generates a password by default, stores it in SSM, and keeps it out of every for_each', () => {
    const { tf } = synth(files(row('amy', ''), row('bob', 'generate')));
    expect(tf.locals.connect_password_generated).toStrictEqual({ amy: 'amy', bob: 'bob' });
    expect(tf.resource.random_password.generated_passwords.for_each).toBe('${local.connect_password_generated}');
    const param = tf.resource.aws_ssm_parameter.generated_password_parameters;
    expect(param.type).toBe('SecureString');
    expect(param.name).toBe('/connect-users/connect-users/initial-passwords/${replace(each.key, "@", "-at-")}');
    expect(param.value).toBe('${random_password.generated_passwords[each.key].result}');
    expect(tf.resource.aws_connect_user.users.password).toBe('${lookup(local.connect_user_passwords, each.key, null)}');
    expect(tf.resource.aws_connect_user.users.lifecycle.ignore_changes).toStrictEqual(['password']);
    expect(tf.terraform.required_providers.random).toBeTruthy();
    const iteratingOverPasswords = Object.entries<Record<string, { for_each?: string }>>({ ...tf.resource, ...tf.data }).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, block]) => /password_plaintext|connect_user_passwords/.test(String(block.for_each ?? '')))
        .map(([name]) => `${type}.${name}`),
    );
    expect(iteratingOverPasswords).toStrictEqual([]);
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
    expect(tf.locals.connect_password_ssm).toStrictEqual({ '/pw/shared': '/pw/shared' });
    expect(tf.locals.connect_password_ssm_users).toStrictEqual({ amy: '/pw/shared', bob: '/pw/shared' });
    expect(tf.locals.connect_password_secrets).toStrictEqual({ 'connect/pw': 'connect/pw' });
    expect(tf.locals.connect_password_secret_users).toStrictEqual({ cat: 'connect/pw' });
    expect(tf.locals.connect_password_secret_key_users).toStrictEqual({ dan: { secret_id: 'connect/pw', key: 'dan' } });
    expect(tf.data.aws_ssm_parameter.password_parameters.with_decryption).toBe(true);
    expect(tf.data.aws_secretsmanager_secret_version.password_secrets.secret_id).toBe('${each.key}');
    expect(tf.resource.random_password).toBe(undefined) /* 'nothing generated, no random provider' */;
    expect(tf.locals.connect_user_passwords).toBe('${merge({for user, name in local.connect_password_ssm_users : user => data.aws_ssm_parameter.password_parameters[name].value}, ' +
        '{for user, id in local.connect_password_secret_users : user => data.aws_secretsmanager_secret_version.password_secrets[id].secret_string}, ' +
        '{for user, ref in local.connect_password_secret_key_users : user => jsondecode(data.aws_secretsmanager_secret_version.password_secrets[ref.secret_id].secret_string)[ref.key]})}');
  });

  it('sends no password for a user whose source is none (an existing, adopted user)', () => {
    const { tf } = synth(files(row('amy', 'none'), row('bob', '')));
    expect(tf.locals.connect_password_generated).toStrictEqual({ bob: 'bob' }) /* 'amy gets no generated password' */;
    const { tf: allNone } = synth(files(row('amy', 'none')));
    expect(allNone.resource.aws_connect_user.users.password).toBe(undefined);
    expect(allNone.resource.random_password).toBe(undefined);
  });

  it('refuses plaintext passwords by default, without showing them', () => {
    const err = thrown(() => synth(files(row('amy', 'Secr3tPass'))));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems.map((p: Problem) => p.code)).toStrictEqual(['PLAINTEXT_PASSWORD']);
    expect(err.message).not.toContain('Secr3tPass');
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
    expect(tf.locals.connect_password_plaintext).toStrictEqual({ amy: 'Pa55$${word}' });
    expect(tf.locals.connect_user_passwords).toBe('${merge(sensitive(local.connect_password_plaintext))}');
    expect(stack.notes.length).toBe(1);
    expect(stack.notes[0]).toMatch(/a\.csv holds 1 plaintext password\(s\)/);
    expect(stack.notes[0].includes('Pa55')).toBeFalsy();
  });

  it('sends no password at all for SAML users', () => {
    const { tf } = synth({ 'a.csv': csv('jane,J,D,,Sales,Agent,,soft,,') }, { identityManagementType: 'SAML' });
    expect(tf.resource.aws_connect_user.users.password).toBe(undefined);
    expect(tf.locals.connect_user_passwords).toBe(undefined);
    expect(tf.resource.random_password).toBe(undefined);
  });

  it('sets prevent_destroy when asked', () => {
    const { tf } = synth(USERS, { preventDestroy: true });
    expect(tf.resource.aws_connect_user.users.lifecycle.prevent_destroy).toBe(true);
    expect(synth(USERS).tf.resource.aws_connect_user.users.lifecycle.prevent_destroy).toBe(undefined);
  });

  it('fails when defaultPassword is a password rather than a source', () => {
    expect(() => synth(USERS, { defaultPassword: 'Secr3tPass' })).toThrow(/defaultPassword must be generate/);
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
    expect(tf.import).toStrictEqual([
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
    expect(stack.toTerraform().import).toBe(undefined);
    expect(stack.notes.join('\n')).toMatch(/lists users of instance other, not inst-1: ignored/);
  });

  it('fails when an imports file is malformed', () => {
    const err = thrown(() => synth({ ...USERS, 'bad.imports.json': '{"instanceId": "inst-1", "imports": [{"username": "x", "id": "elsewhere:u"}]}' }));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems.map((p: Problem) => [p.code, p.file.endsWith('bad.imports.json')])).toStrictEqual([['IMPORTS_FORMAT', true]]);
  });
});
