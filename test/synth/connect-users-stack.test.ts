import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConnectUser } from '@cdktf/provider-aws/lib/connect-user';
import { DataAwsConnectUserHierarchyGroup } from '@cdktf/provider-aws/lib/data-aws-connect-user-hierarchy-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { App, Testing } from 'cdktf';
// The types of cdktf's jest matchers (test/setup.ts installs them).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { UsersError, type Problem } from '../../src/problems';
import { GENERATED_PASSWORD_DESCRIPTION } from '../../src/synth/password-sources';
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

/** The stack as cdktf's Testing sees it (toTerraform, no file written): for the jest matchers. */
function testingSynth(files: Record<string, string>, props: Partial<ConnectUsersStackProps> = {}): string {
  return Testing.synth(new ConnectUsersStack(Testing.app(), 'connect-users', { instanceId: 'inst-1', usersDir: tempFolder(files), ...props }));
}

/** The problems of the UsersError that building the stack throws, as [field, code, message]. */
function propsProblems(props: Partial<ConnectUsersStackProps>, id = 's'): [string | undefined, string, string][] {
  const err = thrown(() => new ConnectUsersStack(new App({ outdir: tempFolder() }), id, { instanceId: 'i', usersDir: tempFolder(USERS), ...props }));
  expect(err).toBeInstanceOf(UsersError);
  return err.problems.map((p: Problem) => {
    expect(p.file).toBe(`stack ${id}`);
    return [p.field, p.code, p.message];
  });
}

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
    }
    expect(Object.values(tf.locals.connect_routing_profiles)).toStrictEqual(['Sales', 'Support']);
    expect(Object.values(tf.locals.connect_security_profiles)).toStrictEqual(['Agent', 'QA']);
    // Groups carry the path the files give them, and where, for the lookup's postcondition.
    expect(tf.locals.connect_hierarchy_groups).toStrictEqual({
      Sales: { path: ['EMEA', 'Sales'], used_at: expect.stringMatching(/agents\.csv:2$/) },
      Support: { path: ['EMEA', 'Support'], used_at: expect.stringMatching(/agents\.csv:4$/) },
    });
  });

  // What the expressions do (each user gets the ids of its names) is shown by real Terraform in
  // test/terraform; here, that every one names only what the configuration has.
  it('writes expressions that reference only what exists: data sources, locals, attributes of each.value', () => {
    expect(Object.keys(user).filter((k) => k.endsWith('_id') || k.endsWith('_ids')).sort()).toStrictEqual(['directory_user_id', 'hierarchy_group_id', 'instance_id', 'routing_profile_id', 'security_profile_ids']);
    const { locals } = tf;
    for (const blocks of [tf.resource, tf.data]) {
      for (const [type, byName] of Object.entries<Record<string, any>>(blocks)) {
        for (const [name, block] of Object.entries<any>(byName)) {
          // each.value.X only where the block iterates over a local whose entries have X.
          const local = /^\$\{local\.([a-z_]+)\}$/.exec(block.for_each ?? '')?.[1];
          const attributes = new Set(local ? Object.keys(Object.values<any>(locals[local])[0] ?? {}) : []);
          for (const expr of expressions(block)) {
            for (const [, t, n] of expr.matchAll(/data\.([a-z_]+)\.([a-z_]+)/g)) expect([type, name, tf.data[t]?.[n] !== undefined]).toStrictEqual([type, name, true]);
            for (const [, l] of expr.matchAll(/local\.([a-z_]+)/g)) expect([type, name, l in locals]).toStrictEqual([type, name, true]);
            for (const [, attr] of expr.matchAll(/each\.value\.([a-z_]+)/g)) expect([type, name, attr, attributes.has(attr)]).toStrictEqual([type, name, attr, true]);
          }
        }
      }
    }
  });

  it('writes no identity_info block for a user without names or email (a dynamic block over identity_info, null then)', () => {
    // What it does (no block, or one with the user's names) is shown by real Terraform (test/terraform/synth.terraform.test.ts).
    const json = testingSynth(USERS);
    expect(json).toHaveResourceWithProperties(ConnectUser, { dynamic: { identity_info: expect.objectContaining({ for_each: expect.stringContaining('each.value.identity_info') }) } });
    expect(Object.keys(JSON.parse(json).resource.aws_connect_user.users.dynamic.identity_info.content).sort()).toStrictEqual(['email', 'first_name', 'last_name', 'secondary_email']);
    expect(JSON.parse(json).resource.aws_connect_user.users.identity_info).toBe(undefined) /* no static block beside the dynamic one */;
    const { tf: directory } = synth(
      { 'a.csv': 'username,firstName,lastName,routingProfile,securityProfiles,phoneType,directoryUserId\nnamed,N,M,Sales,Agent,soft,d-1\nbare,,,Sales,Agent,soft,d-2\n' },
      { identityManagementType: 'EXISTING_DIRECTORY' },
    );
    expect(directory.locals.connect_users.bare.identity_info).toBe(null);
    expect(directory.locals.connect_users.named.identity_info).toStrictEqual({ first_name: 'N', last_name: 'M', email: null, secondary_email: null });
  });

  it.each([
    ['CONNECT_MANAGED', ['password']],
    ['SAML', ['password']],
    ['EXISTING_DIRECTORY', ['password', 'identity_info']],
  ] as const)('ignores later changes of what Connect owns, for %s: %j', (identityManagementType, ignored) => {
    const files = { 'a.csv': 'username,firstName,lastName,routingProfile,securityProfiles,phoneType\namy,A,B,Sales,Agent,soft\n' };
    expect(JSON.parse(testingSynth(files, { identityManagementType })).resource.aws_connect_user.users.lifecycle.ignore_changes).toStrictEqual(ignored);
  });

  it("checks each hierarchy group's real path against the files' (a postcondition on the lookup)", () => {
    const json = testingSynth(USERS);
    expect(json).toHaveDataSourceWithProperties(DataAwsConnectUserHierarchyGroup, { for_each: '${local.connect_hierarchy_groups}' });
    // What it does (passes, or fails naming the group, both paths and a file:line) is shown by
    // real Terraform (test/terraform/synth.terraform.test.ts); here, that there is one, on the paths.
    const posts = JSON.parse(json).data.aws_connect_user_hierarchy_group.hierarchy_groups.lifecycle.postcondition;
    expect(posts.map((p: { condition: string }) => [p.condition.includes('self.hierarchy_path'), p.condition.includes('each.value.path')])).toStrictEqual([[true, true]]);
  });

  it.each([
    ['a local state file', undefined, '>= 1.5'],
    ["S3 with S3's lock file (use_lockfile)", { bucket: 'b' }, '>= 1.10'],
    ['S3 locked by DynamoDB', { bucket: 'b', dynamodbTable: 't' }, '>= 1.5'],
  ])('requires the Terraform that reads it: %s', (_what, backend, version) => {
    expect(JSON.parse(testingSynth(USERS, { backend })).terraform.required_version).toBe(version);
  });

  it('passes absent optional fields as null, never as empty strings', () => {
    expect(tf.locals.connect_users['john.roe']).toStrictEqual({
      identity_info: { first_name: 'John', last_name: 'Roe', email: null, secondary_email: null },
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

  it('checks the identity management type against the real instance at plan time (shown by real Terraform in test/terraform)', () => {
    expect(user.lifecycle.precondition.map((p: { condition: string }) => p.condition.includes('identity_management_type'))).toStrictEqual([true]);
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

  it('sets region and default tags on the provider, the tags escaped as a literal local (a key __proto__ kept)', () => {
    const defaultTags = JSON.parse('{"managed-by":"connect-users","note":"${x}","__proto__":"p"}');
    expect(testingSynth(USERS, { region: 'eu-west-2', defaultTags })).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-west-2',
      default_tags: [{ tags: '${local.connect_default_tags}' }],
    });
    const { text } = synth(USERS, { region: 'eu-west-2', defaultTags });
    expect(text).toContain('"connect_default_tags": {\n      "__proto__": "p",\n      "managed-by": "connect-users",\n      "note": "$${x}"\n    }');
  });

  it('writes no default_tags and no local without defaultTags', () => {
    const { tf } = synth(USERS);
    expect(tf.provider.aws[0].default_tags).toBe(undefined);
    expect(tf.locals.connect_default_tags).toBe(undefined);
  });

  it("refuses a user whose own tags and the stack's defaultTags make more than 50", () => {
    const tagCell = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join('|');
    const files = { 'a.csv': csv(`amy,A,A,,Sales,Agent,,soft,,${tagCell(49)}`, `bob,B,B,,Sales,Agent,,soft,,${tagCell(50)}`) };
    const err = thrown(() => synth(files, { defaultTags: { team: 'x' } }));
    expect(err.problems.map((p: Problem) => [path.basename(p.file), p.line, p.field, p.code])).toStrictEqual([['a.csv', 3, 'tags', 'TAG_COUNT']]);
    expect(Object.keys(synth(files, { defaultTags: { k0: 'x' } }).tf.locals.connect_users)).toStrictEqual(['amy', 'bob']);
  });

  it('fails when props are contradictory, naming every problem at once (INVALID_PROP, at the stack)', () => {
    expect(propsProblems({ instanceId: 'a', instanceAlias: 'b', identityManagementType: 'LDAP' as never })).toStrictEqual([
      ['identityManagementType', 'INVALID_PROP', 'expected one of CONNECT_MANAGED, SAML, EXISTING_DIRECTORY, got "LDAP"'],
      ['instanceId', 'INVALID_PROP', 'expected exactly one of instanceId and instanceAlias, got both'],
    ]);
    const err = thrown(() => new ConnectUsersStack(new App({ outdir: tempFolder() }), 'my-stack', { usersDir: tempFolder(USERS) }));
    expect(err.message).toBe(
      'ConnectUsersStack my-stack: 1 problem in its props:\nstack my-stack: instanceId: expected exactly one of instanceId and instanceAlias, got neither (INVALID_PROP)',
    );
  });

  // Every rule, case by case: test/validate/stack-props.test.ts. Here: the stack runs them, before reading its users.
  it('runs the stack-props rules (src/validate/stack-props.ts) before reading its users', () => {
    expect(propsProblems({ generatedPasswordPrefix: '/aws/bad/', defaultTags: { 'aws:owner': 'x' }, tsTimeoutMs: 0 }).map(([field]) => field)).toStrictEqual([
      'defaultTags',
      'generatedPasswordPrefix',
      'tsTimeoutMs',
    ]);
  });

  it('gives each TypeScript user file tsTimeoutMs to load', () => {
    const err = thrown(() => synth({ 'hang.ts': 'while (true) {}\n' }, { tsTimeoutMs: 300 }));
    expect(err.problems.map((p: Problem) => [path.basename(p.file), p.code, p.message.slice(0, 51)])).toStrictEqual([
      ['hang.ts', 'TS_TIMEOUT', 'the file did not finish loading within 0.3 s (an en'],
    ]);
  });

  it('checks the default prefix, made from the stack id, only where passwords are generated', () => {
    expect(propsProblems({}, 'my+stack')).toStrictEqual([
      ['generatedPasswordPrefix', 'INVALID_PROP', 'the default "/connect-users/my+stack/initial-passwords/", made from the stack id, must start and end with "/" and have levels of letters, digits and _ . - (no empty level), e.g. /connect/initial-passwords/: set generatedPasswordPrefix'],
    ]);
    const app = new App({ outdir: tempFolder() });
    expect(new ConnectUsersStack(app, 'my+stack', { instanceId: 'i', usersDir: tempFolder(USERS), generatedPasswordPrefix: '/ok/' }).users).toHaveLength(3);
    expect(new ConnectUsersStack(app, 'directory+stack', { instanceId: 'i', usersDir: tempFolder(USERS), identityManagementType: 'EXISTING_DIRECTORY' }).users).toHaveLength(3);
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
    expect(evil.identity_info.first_name).toBe('$${file("/etc/passwd")}');
    expect(evil.identity_info.last_name).toBe('%%{ if true }x%%{ endif }');
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
    expect(tf.locals.connect_users.amy.identity_info.first_name).toBe('__connect_users_local_connect_security_profiles__');
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
    expect(tf.locals.connect_password_generated).toStrictEqual({ amy: '/connect-users/connect-users/initial-passwords/amy', bob: '/connect-users/connect-users/initial-passwords/bob' });
    expect(tf.resource.random_password.generated_passwords.for_each).toBe('${local.connect_password_generated}');
    const param = tf.resource.aws_ssm_parameter.generated_password_parameters;
    expect(param.type).toBe('SecureString');
    expect(param.name).toBe('${each.value}') /* the name computed in TypeScript */;
    expect(param.tier).toBe('Standard');
    expect(param.description).toBe(GENERATED_PASSWORD_DESCRIPTION);
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
    // Which password each user then gets is shown by real Terraform (test/terraform/behaviour.terraform.test.ts).
  });

  it('sends no password for a user whose source is none (an existing, adopted user)', () => {
    const { tf } = synth(files(row('amy', 'none'), row('bob', '')));
    expect(Object.keys(tf.locals.connect_password_generated)).toStrictEqual(['bob']) /* 'amy gets no generated password' */;
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
    expect(tf.locals.connect_user_passwords).toContain('sensitive(local.connect_password_plaintext)');
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

  it('stores generated passwords under the prefix, one distinct parameter per user, in the tier asked for', () => {
    const json = testingSynth(files(row('a@b.co', ''), row('a-at-b.co', '')), { generatedPasswordPrefix: '/connect/pw/', generatedPasswordTier: 'Advanced' });
    expect(JSON.parse(json).locals.connect_password_generated).toStrictEqual({ 'a-at-b.co': '/connect/pw/a--at--b.co', 'a@b.co': '/connect/pw/a-at-b.co' });
    expect(json).toHaveResourceWithProperties(SsmParameter, { name: '${each.value}', tier: 'Advanced', type: 'SecureString' });
  });

  it("describes the parameter for whoever finds it: what deleting it does, and how to remove it", () => {
    expect(GENERATED_PASSWORD_DESCRIPTION.length <= 1024).toBe(true) /* SSM's limit for a description */;
    expect(GENERATED_PASSWORD_DESCRIPTION).toContain('Deleting this parameter does not last: the next apply recreates it with the same password.');
    expect(GENERATED_PASSWORD_DESCRIPTION).toContain("set the user's password to none");
  });

  it('warns in its notes when more than 1,000 users get a generated password on the Standard tier', () => {
    const many = files(...Array.from({ length: 1001 }, (_, i) => row(`u${i}`, '')));
    const notes = (props: Partial<ConnectUsersStackProps>) => new ConnectUsersStack(new App({ outdir: tempFolder() }), 's', { instanceId: 'i', usersDir: tempFolder(many), ...props }).notes;
    expect(notes({})).toStrictEqual([expect.stringMatching(/^warning: .*: 1,001 users get a generated password/)]);
    expect(notes({ generatedPasswordTier: 'Intelligent-Tiering' })).toStrictEqual([]);
    expect(notes({ defaultPassword: 'ssm:/pw' })).toStrictEqual([]);
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
    expect(stack.notes.join('\n')).toMatch(/lists users of instance "other", not "inst-1": ignored/);
  });

  it('on an alias stack, checks at plan time that the alias finds the instance of the imports (a postcondition on the instance lookup)', () => {
    const { tf } = synth({ ...USERS, 'x.imports.json': imports('inst-9', [['jane.doe', 'inst-9:u-1']]) }, { instanceId: undefined, instanceAlias: 'my-centre' });
    expect(tf.import).toStrictEqual([{ to: 'aws_connect_user.users["jane.doe"]', id: 'inst-9:u-1' }]);
    const [check, ...more] = tf.data.aws_connect_instance.instance.lifecycle.postcondition;
    expect([check.condition, more]).toStrictEqual(['${self.id == "inst-9"}', []]);
    expect(check.error_message).toMatch(/^The users imported by \S+x\.imports\.json are in the Connect instance inst-9, but the alias "my-centre" finds the instance \$\{self\.id\}\./);
  });

  it('writes no such postcondition on a stack with an instance id, or without imports', () => {
    expect(synth({ ...USERS, 'x.imports.json': imports('inst-1', [['jane.doe', 'inst-1:u-1']]) }).tf.data.aws_connect_instance.instance.lifecycle).toBe(undefined);
    expect(synth(USERS, { instanceId: undefined, instanceAlias: 'my-centre' }).tf.data.aws_connect_instance.instance.lifecycle).toBe(undefined);
  });

  it('fails when an imports file is malformed', () => {
    const err = thrown(() => synth({ ...USERS, 'bad.imports.json': '{"instanceId": "inst-1", "imports": [{"username": "x", "id": "elsewhere:u"}]}' }));
    expect(err).toBeInstanceOf(UsersError);
    expect(err.problems.map((p: Problem) => [p.code, p.file.endsWith('bad.imports.json')])).toStrictEqual([['IMPORTS_FORMAT', true]]);
  });
});
