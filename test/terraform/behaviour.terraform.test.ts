/**
 * What the stack's Terraform expressions do, shown by real Terraform rather
 * than by comparing their text: each password source gives each user the
 * right password, the lookups give each user the right ids, a user without
 * a hierarchy group gets none, imports adopt the right instances, default
 * tags reach every user, the conditions pass or fail on real attributes,
 * and a later change leaves passwords alone and cannot remove a protected user.
 * Most tests share one run of the all-sources fixture (about 1 s).
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { tempFolder } from '../helpers';
import { checkFolder, compareUsers, factsOf, hierarchyPath, INSTANCE_ID, realAttributes, secretPassword, secretStringOf, synthFolder, type FolderCheck } from './project';
import { standIn } from './stand-in';
import { planError, runTerraform, TerraformError, type RunOptions } from './terraform';
import { describeTerraform, diagnostics, once } from './tier';

const ALL_SOURCES = path.join(__dirname, 'fixtures', 'all-sources');
const PROPS = { allowPlaintextPasswords: true };

describeTerraform('real Terraform: what the expressions do (all-sources fixture)', () => {
  const run = once(() => checkFolder(ALL_SOURCES, { props: PROPS, run: { showPlan: true } }));
  /** What Terraform read back for one user (the stand-in of aws_connect_user.users[username]). */
  const user = async (username: string) => (await run()).readBack[username];
  /** The instance keys of a stand-in in the plan (for_each keys, as Terraform sees them). */
  const planned = (check: FolderCheck, standInName: string) =>
    check.result.plan.json.resource_changes.filter((c: any) => c.type === 'terraform_data' && c.name === standInName).map((c: any) => c.index);

  it.concurrent('reads every user back as the files say', async () => {
    expect((await run()).problems).toStrictEqual([]);
  });

  // The secret `sec` is read whole by ana.silva and by key by luis and zoe: its string is the JSON of those keys.
  const secJson = JSON.stringify({ key: secretPassword('sec', 'key'), 'key 2 ${k}': secretPassword('sec', 'key 2 ${k}') });
  it.concurrent.each([
    ['jane.doe', 'generate: the random password made for this user', 'Made-up-1!jane.doe'],
    ['tom.walsh', "an empty cell: the stack's default (generate)", 'Made-up-1!tom.walsh'],
    ['john.roe', 'ssm:/a/b: the SSM parameter, decrypted', 'ssm-/a/b'],
    ['ana.silva', 'secretsmanager:sec: the whole secret string', secJson],
    ['luis.goncalves', 'secretsmanager:sec#key: that key of the JSON secret', 'Json-Pw-1!sec#key'],
    ['zoe.lee@example.com', 'secretsmanager:sec#key 2 ${k}: a key with a space and ${', 'Json-Pw-1!sec#key 2 ${k}'],
    ['rita.costa', 'a plaintext password (allowed), with ${ read literally', 'Pa55-${word}'],
    ['mary.obrien', 'none: no password at all', null],
  ])('password of %s, from %s', async (username, _source, password) => {
    expect((await user(username)).password).toBe(password);
  });

  it.concurrent('stores each generated password, and only those, in an SSM parameter of its own', async () => {
    const { result, readBack } = await run();
    const parameters = Object.values(result.outputs.generated_password_parameters as Record<string, { name: string; value: string; type: string }>);
    // Matched by the password they hold: their keys and names are the stack's to choose.
    expect(parameters.map((p) => p.value).sort()).toStrictEqual([readBack['jane.doe'].password, readBack['tom.walsh'].password]);
    expect(parameters.map((p) => p.type)).toStrictEqual(['SecureString', 'SecureString']);
    expect(new Set(parameters.map((p) => p.name)).size).toBe(2);
  });

  it.concurrent.each([
    ['jane.doe', 'Sales Inbound', ['Agent'], 'Sales'],
    ['john.roe', 'Sales Inbound', ['Agent', 'Quality Review'], 'Sales'],
    ['luis.goncalves', 'Support ${tier} 2', ['Agent', 'Quality Review'], 'Tier 2 ${x}'],
    ['tom.walsh', 'Supervisors', ['Agent', 'CallCenterManager'], 'Dublin Support'],
    ['rita.costa', 'Supervisors', ['Agent', 'CallCenterManager'], null],
  ])('lookups give %s the ids of %s, %j and group %s', async (username, routing, security, group) => {
    const u = await user(username);
    expect(u.routing_profile_id).toBe(`rp-${routing}`);
    expect([...u.security_profile_ids].sort()).toStrictEqual(security.map((s) => `sp-${s}`));
    expect(u.hierarchy_group_id).toBe(group === null ? null : `hg-${group}`);
  });

  it.concurrent('looks up each distinct name once', async () => {
    const check = await run();
    expect(planned(check, 'data__aws_connect_routing_profile__routing_profiles')).toStrictEqual(['Sales Inbound', 'Supervisors', 'Support ${tier} 2', 'Support Tier 1']);
    expect(planned(check, 'data__aws_connect_security_profile__security_profiles')).toStrictEqual(['Agent', 'CallCenterManager', 'Quality Review']);
    expect(planned(check, 'data__aws_connect_user_hierarchy_group__hierarchy_groups')).toStrictEqual(['Dublin Support', 'Sales', 'Support', 'Tier 2 ${x}']);
    expect(planned(check, 'data__aws_ssm_parameter__password_parameters')).toStrictEqual(['/a/b']);
    expect(planned(check, 'data__aws_secretsmanager_secret_version__password_secrets')).toStrictEqual(['sec']);
  });

  it.concurrent('keeps ${, %{, $${, quotes, backslashes, accents, emoji and __proto__ tag keys as written', async () => {
    expect((await user('john.roe')).identity_info[0].last_name).toBe('Roe ${var.x} %{if true}y%{endif}');
    expect((await user('ana.silva')).identity_info[0].last_name).toBe('Silva $${x}');
    expect((await user('ana.silva')).identity_info[0].first_name).toBe('Ana "Q" \\back\\slash');
    expect((await user('luis.goncalves')).identity_info[0].last_name).toBe('Gonçalves 😀');
    expect((await user('zoe.lee@example.com')).identity_info[0]).toStrictEqual({ first_name: 'Zoë', last_name: 'Lee 李', email: 'zoe.lee@example.com', secondary_email: null });
    expect((await user('rita.costa')).identity_info[0].first_name).toBe('aws_connect_user.users');
    const tags = (await user('ana.silva')).tags;
    expect(Object.keys(tags)).toStrictEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('polluted');
    expect((await user('tom.walsh')).tags).toStrictEqual({ 'clé été': 'v\\ %{', role: 'supervisor' });
    expect((await user('mary.obrien')).tags).toStrictEqual({ note: 'night shift', team: 'support', x: '${y}' });
  });

  it.concurrent('sets desk phones and their numbers, soft phones without', async () => {
    expect((await user('john.roe')).phone_config).toStrictEqual([{ phone_type: 'DESK_PHONE', desk_phone_number: '+351210000001', auto_accept: false, after_contact_work_time_limit: 60 }]);
    expect((await user('zoe.lee@example.com')).phone_config[0].after_contact_work_time_limit).toBe(2000000);
    expect((await user('jane.doe')).phone_config).toStrictEqual([{ phone_type: 'SOFT_PHONE', desk_phone_number: null, auto_accept: true, after_contact_work_time_limit: 30 }]);
  });

  it.concurrent('adopts the users listed in x.imports.json: Terraform matched each `to` with an existing instance', async () => {
    const { result } = await run();
    const imported = result.plan.changes!.filter((c) => c.importing).map((c) => [c.address, c.importing]);
    expect(imported).toStrictEqual([
      ['terraform_data.aws_connect_user__users["jane.doe"]', `${INSTANCE_ID}:uid`],
      ['terraform_data.aws_connect_user__users["tom.walsh"]', `${INSTANCE_ID}:uid2`],
      ['terraform_data.aws_connect_user__users["zoe.lee@example.com"]', `${INSTANCE_ID}:uid-\${3}`],
    ]);
    // Each `to` is the address of a user instance of the plan.
    const users = new Set(result.plan.changes!.filter((c) => c.address.startsWith('terraform_data.aws_connect_user__users[')).map((c) => c.address));
    for (const [address] of imported) expect(users.has(address!)).toBe(true);
  });
});

describeTerraform('real Terraform: default tags, dynamic blocks, conditions', () => {
  /** Synthesizes the fixture and returns it with its real attributes. */
  function fixture(props: Record<string, unknown> = {}) {
    const { config, users } = synthFolder(ALL_SOURCES, { ...PROPS, ...props });
    const facts = factsOf({ ...PROPS, ...props });
    return { config, users, facts, data: realAttributes(config, users, facts) };
  }

  it.concurrent("gives every user the provider's default tags, the user's own tags winning", async () => {
    const defaultTags = { environment: 'dev ${x}', team: 'default', role: 'default role', quote: '"' };
    const { readBack, problems } = await checkFolder(ALL_SOURCES, { props: { ...PROPS, defaultTags } });
    expect(problems).toStrictEqual([]); // tags_all = merge(default tags, tags), for every user
    expect(readBack['tom.walsh'].tags_all).toStrictEqual({ environment: 'dev ${x}', team: 'default', role: 'supervisor', quote: '"', 'clé été': 'v\\ %{' });
    expect(Object.getOwnPropertyDescriptor(readBack['ana.silva'].tags_all, '__proto__')?.value).toBe('polluted');
  });

  // Found by this tier: cdktf's resolver drops a `__proto__` key from the provider's default_tags
  // (escapeMap keeps it; user tags, written as literal locals, keep theirs). To check it once fixed:
  // checkFolder(ALL_SOURCES, { props: { ...PROPS, defaultTags: JSON.parse('{"__proto__": "d", "team": "t"}') } })
  // must give no problems (JSON.parse: an object literal's `__proto__` would set the prototype).
  it.todo('a default tag named __proto__ reaches every user (cdktf drops it from provider.aws.default_tags)');

  it.concurrent('a dynamic identity_info block (only for users with a name) reads back the same', async () => {
    const { config, users, facts, data } = fixture();
    const resource = config.resource.aws_connect_user.users;
    if (resource.identity_info) {
      // The static block as the stack writes it today: made dynamic here. Once the stack writes it
      // dynamic itself, this test runs the stack's own block.
      const content: Record<string, string> = {};
      for (const [k, v] of Object.entries(resource.identity_info as Record<string, string>)) content[k] = v.replace('each.value.', 'identity_info.value.');
      delete resource.identity_info;
      resource.dynamic = { ...resource.dynamic, identity_info: { for_each: '${each.value.first_name == null ? [] : [each.value]}', content } };
    }
    expect(resource.dynamic.identity_info).toBeDefined();
    const result = await runTerraform(standIn(config, { data, backend: 'none' }), { validate: false });
    expect(compareUsers(result.outputs.users as Record<string, any>, users, { facts, secretString: secretStringOf(data, config) })).toStrictEqual([]);
  });

  it.concurrent("a condition on the hierarchy lookup sees the group's real path, and fails when it is not under the path the files give", async () => {
    const { config, data } = fixture();
    const groups = config.data.aws_connect_user_hierarchy_group.hierarchy_groups;
    groups.lifecycle = {
      ...groups.lifecycle,
      postcondition: [
        ...(groups.lifecycle?.postcondition ?? []),
        { condition: '${self.hierarchy_path[0].level_one[0].name == "EMEA" || self.hierarchy_path[0].level_one[0].name == "Global"}', error_message: 'The hierarchy group ${self.name} is not under EMEA.' },
      ],
    };
    await runTerraform(standIn(config, { data, backend: 'none' }), { validate: false, planOnly: true });
    const wrong = { ...data, 'data.aws_connect_user_hierarchy_group.hierarchy_groups': { ...data['data.aws_connect_user_hierarchy_group.hierarchy_groups'], 'Dublin Support': { hierarchy_path: [hierarchyPath(['APAC', 'Dublin', 'Dublin Support'])] } } };
    const errors = diagnostics(await planError(standIn(config, { data: wrong, backend: 'none' })));
    // The stack's own postcondition (synth.terraform.test.ts) fails too: the files put the group under EMEA.
    expect(errors.map((e) => [e.summary, e.values, e.detail]).sort((a, b) => (String(a[2]) < String(b[2]) ? -1 : 1))).toStrictEqual([
      ['Resource postcondition failed', expect.any(Array), expect.stringMatching(/^The hierarchy group "Dublin Support" is at "APAC\|Dublin\|Dublin Support" in the Connect instance, but /)],
      ['Resource postcondition failed', ['self.input.hierarchy_path[0].level_one[0].name is "APAC"'], 'The hierarchy group Dublin Support is not under EMEA.'],
    ]);
  });

  it.concurrent("checks the instance's identity management type (the users' precondition), once per user", async () => {
    const { config, data } = fixture();
    const saml = { ...data, 'data.aws_connect_instance.instance': { '': { identity_management_type: 'SAML' } } };
    const errors = diagnostics(await planError(standIn(config, { data: saml, backend: 'none' })));
    expect(errors.map((e) => e.summary)).toStrictEqual(Array(8).fill('Resource precondition failed'));
    expect(errors[0].detail).toBe(
      "The Connect instance does not manage identities as CONNECT_MANAGED: set CONNECT_IDENTITY_MANAGEMENT (identityManagementType) to the instance's type, so the users are validated by the right rules.",
    );
  });
});

describeTerraform('real Terraform: a later change to applied users', () => {
  it.concurrent('a new password source changes no existing user (ignore_changes), and prevent_destroy refuses a removal', async () => {
    const folder = (rows: string[]) => tempFolder({ 'users.csv': ['username,firstName,lastName,password,routingProfile,securityProfiles,phoneType', ...rows].join('\n') + '\n' });
    const jane = (password: string) => `jane.doe,Jane,Doe,${password},Sales,Agent,soft`;
    const john = 'john.roe,John,Roe,generate,Sales,Agent,soft';
    const props = { preventDestroy: true };
    const state = tempFolder();
    const apply = async (dir: string, run: RunOptions) => {
      const { config, users } = synthFolder(dir, props);
      return runTerraform(standIn(config, { data: realAttributes(config, users, factsOf(props)), backend: 'none' }), { dir: state, cleanup: false, validate: false, ...run });
    };
    await apply(folder([jane('ssm:/pw/a'), john]), {});

    const changed = await apply(folder([jane('ssm:/pw/b'), john]), { planOnly: true, showPlan: true });
    const actions = (address: string) => changed.plan.json.resource_changes.find((c: any) => c.address === address)?.change.actions;
    expect(actions('terraform_data.aws_connect_user__users["jane.doe"]')).toStrictEqual(['no-op']);
    expect(actions('terraform_data.data__aws_ssm_parameter__password_parameters["/pw/b"]')).toStrictEqual(['create']);

    const removed = (await apply(folder([jane('ssm:/pw/a')]), { planOnly: true }).catch((err: unknown) => err)) as TerraformError;
    expect(removed).toBeInstanceOf(TerraformError);
    expect(diagnostics(removed.stderr).map((d) => [d.summary, d.detail])).toStrictEqual([
      [
        'Instance cannot be destroyed',
        'Resource terraform_data.aws_connect_user__users["john.roe"] has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.',
      ],
    ]);
    rmSync(state, { recursive: true, force: true });
  });
});

describeTerraform('real Terraform: the stand-in on other Terraform features', () => {
  it.concurrent('count, depends_on, replace_triggered_by, postconditions on self and moved blocks are accepted and work', async () => {
    const config = {
      provider: { aws: [{ region: 'eu-west-1' }] },
      terraform: { required_version: '>= 1.5.0', required_providers: { aws: { source: 'hashicorp/aws' } }, backend: { s3: { bucket: 'b', key: 'k' } } },
      data: { aws_y: { b: { name: 'the ${"b"}' } } },
      resource: {
        aws_x: {
          a: {
            count: 2,
            provider: 'aws',
            depends_on: ['data.aws_y.b'],
            name: '${data.aws_y.b.name}-${count.index}',
            lifecycle: {
              postcondition: [{ condition: '${self.name == "the b-${count.index}"}', error_message: 'bad name ${self.name}' }],
              replace_triggered_by: ['aws_x.c.id'],
            },
          },
          c: { name: 'c' },
        },
      },
      moved: [{ from: 'aws_x.old', to: 'aws_x.c' }],
      output: { names: { value: '${aws_x.a[*].name}' }, c: { value: '${aws_x.c.name}-${length(aws_x.a)}' } },
    };
    const result = await runTerraform(standIn(config));
    expect(result.outputs).toStrictEqual({ names: ['the b-0', 'the b-1'], c: 'c-2' });
  });
});
