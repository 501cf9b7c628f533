/**
 * standIn (stand-in.ts) on hand-written Terraform JSON: the shape of the
 * provider-free configuration. Pure: no terraform binary, no cdktf. What
 * Terraform makes of it is tested in *.terraform.test.ts.
 */
import { standIn } from './stand-in';

/** standIn's result, typed loosely for reading. */
const stand = (config: object, options?: Parameters<typeof standIn>[1]) => standIn(config, options) as Record<string, any>;

describe('standIn: blocks become terraform_data stand-ins', () => {
  const config = {
    '//': { metadata: { version: '0.21.0' } },
    provider: { aws: [{ region: 'eu-west-1' }] },
    terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } }, required_version: '>= 1.5', backend: { s3: { bucket: 'b', key: 'k', use_lockfile: true } } },
    data: {
      aws_connect_routing_profile: {
        rp: { '//': { metadata: {} }, for_each: '${local.names}', instance_id: 'i', name: '${each.key}', provider: 'aws' },
      },
    },
    resource: {
      aws_connect_user: {
        users: {
          for_each: '${local.users}',
          name: '${each.key}',
          routing_profile_id: '${data.aws_connect_routing_profile.rp[each.value.rp].routing_profile_id}',
          identity_info: { first_name: '${each.value.first}' },
          tags: { k: 'v' },
          password: '${each.value.pw}',
          provisioner: [{ 'local-exec': { command: 'x' } }],
          connection: { host: 'h' },
        },
      },
    },
    locals: { names: { Sales: 'Sales' }, users: {} },
  };
  const out = stand(config);
  const users = out.resource.terraform_data.aws_connect_user__users;
  const rp = out.resource.terraform_data.data__aws_connect_routing_profile__rp;

  it('drops providers, provider requirements and the backend, keeps required_version, adds a local backend', () => {
    expect(out.provider).toBe(undefined);
    expect(out.terraform).toStrictEqual({ required_version: '>= 1.5', backend: { local: { path: 'terraform.tfstate' } } });
    expect(stand(config, { backend: 'none' }).terraform).toStrictEqual({ required_version: '>= 1.5' });
    expect(out['//']).toStrictEqual(config['//']);
  });

  it('leaves no aws_* block: every one is a terraform_data named after its address', () => {
    expect(Object.keys(out.resource)).toStrictEqual(['terraform_data']);
    expect(out.data).toBe(undefined);
    expect(Object.keys(out.resource.terraform_data)).toStrictEqual(['aws_connect_user__users', 'data__aws_connect_routing_profile__rp']);
  });

  it('keeps for_each on the stand-in and the arguments in input, references rewritten', () => {
    expect(users.for_each).toBe('${local.users}');
    expect(users.input.name).toBe('${each.key}');
    expect(users.input.routing_profile_id).toBe('${local.standin__data__aws_connect_routing_profile__rp[each.value.rp].routing_profile_id}');
    expect(users.input.tags).toStrictEqual({ k: 'v' });
    expect(rp.for_each).toBe('${local.names}');
    expect(rp.input.instance_id).toBe('i');
  });

  it('drops provider, provisioner, connection and cdktf metadata', () => {
    for (const key of ['provider', 'provisioner', 'connection', '//']) {
      expect(key in rp.input || key in rp || key in users.input || key in users).toBe(false);
    }
  });

  it('puts a nested block written once into input as a list of one, as the provider sees it', () => {
    expect(users.input.identity_info).toStrictEqual([{ first_name: '${each.value.first}' }]);
  });

  it('adds made-up attributes keyed by the looked-up name, never over an argument', () => {
    expect(rp.input.routing_profile_id).toBe('rp-${each.key}');
    expect(rp.input.arn).toBe('arn:made-up:routing-profile/rp-${each.key}');
    expect(rp.input.id).toBe('aws_connect_routing_profile-${each.key}');
    expect(rp.input.name).toBe('${each.key}');
    expect(users.input.user_id).toBe('user-${each.key}');
  });

  it('reads data sources through input (known at plan) and resources through output (known after apply)', () => {
    expect(out.locals.standin__data__aws_connect_routing_profile__rp).toBe('${{for k, v in terraform_data.data__aws_connect_routing_profile__rp : k => v.input}}');
    // password is sensitive in the provider's schema: marked again after output, which drops the marks.
    expect(out.locals.standin__aws_connect_user__users).toBe(
      '${{for k, v in terraform_data.aws_connect_user__users : k => merge(v.output, {password = sensitive(v.output.password)})}}',
    );
  });

  it('keeps the locals it did not make as written', () => {
    expect(out.locals.names).toStrictEqual({ Sales: 'Sales' });
  });

  it('adds a sensitive users output for aws_connect_user.users', () => {
    expect(out.output).toStrictEqual({ users: { value: '${local.standin__aws_connect_user__users}', sensitive: true } });
  });

  it('does not change its argument', () => {
    const copy = JSON.parse(JSON.stringify(config));
    stand(config);
    expect(config).toStrictEqual(copy);
  });
});

describe('standIn: meta-arguments, lifecycle and self', () => {
  const out = stand({
    resource: {
      aws_x: {
        a: {
          count: 2,
          provider: 'aws.west',
          depends_on: ['data.aws_y.b'],
          name: '${data.aws_y.b.id}',
          lifecycle: {
            ignore_changes: ['password', 'tags["k"]', 'identity_info[0].email', '${tags["k-1"]}'],
            postcondition: [{ condition: '${self.arn != ""}', error_message: 'self.arn: ${self.arn}' }],
            replace_triggered_by: ['aws_x.c[0].arn', 'aws_x.c'],
            prevent_destroy: true,
            create_before_destroy: true,
          },
        },
        c: { count: 1 },
        d: { lifecycle: { ignore_changes: 'all' } },
      },
    },
    data: { aws_y: { b: { lifecycle: { postcondition: [{ condition: '${self.id != "" && self["id"] != null}', error_message: 'x' }] } } } },
  });
  const a = out.resource.terraform_data.aws_x__a;

  it('keeps count, drops provider, points depends_on at the stand-in', () => {
    expect(a.count).toBe(2);
    expect(a.provider).toBe(undefined);
    expect(a.depends_on).toStrictEqual(['terraform_data.data__aws_y__b']);
    expect(a.input.name).toBe('${local.standin__data__aws_y__b.id}');
  });

  it('writes ignore_changes as attribute steps into input (an index step would ignore the whole input)', () => {
    expect(a.lifecycle.ignore_changes).toStrictEqual(['input.password', 'input.tags.k', 'input.identity_info[0].email', 'input.tags.k-1']);
    expect(out.resource.terraform_data.aws_x__d.lifecycle.ignore_changes).toBe('all');
  });

  it('rewrites self in conditions: output for a resource, input for a data source', () => {
    expect(a.lifecycle.postcondition).toStrictEqual([{ condition: '${self.output.arn != ""}', error_message: 'self.arn: ${self.output.arn}' }]);
    expect(out.resource.terraform_data.data__aws_y__b.lifecycle.postcondition[0].condition).toBe('${self.input.id != "" && self.input["id"] != null}');
  });

  it('points replace_triggered_by at the stand-in, through output for an attribute', () => {
    expect(a.lifecycle.replace_triggered_by).toStrictEqual(['terraform_data.aws_x__c[0].output.arn', 'terraform_data.aws_x__c']);
  });

  it('keeps prevent_destroy and create_before_destroy', () => {
    expect(a.lifecycle.prevent_destroy).toBe(true);
    expect(a.lifecycle.create_before_destroy).toBe(true);
  });

  it('gives count a list local and a single instance its object', () => {
    expect(out.locals.standin__aws_x__a).toBe('${[for v in terraform_data.aws_x__a : v.output]}');
    expect(out.locals.standin__data__aws_y__b).toBe('${terraform_data.data__aws_y__b.input}');
    expect(out.resource.terraform_data.aws_x__a.input.id).toBe('aws_x-${tostring(count.index)}');
    expect(out.resource.terraform_data.data__aws_y__b.input.id).toBe('aws_y-${""}');
  });

  it('adds no output when there is no aws_connect_user.users', () => {
    expect(out.output).toBe(undefined);
  });
});

describe('standIn: dynamic blocks', () => {
  const user = (body: object) =>
    stand({ resource: { aws_connect_user: { u: body } }, data: { aws_y: { b: {} } } }).resource.terraform_data.aws_connect_user__u.input;

  it('becomes a list expression over the for_each, contents as HCL', () => {
    const input = user({
      dynamic: {
        identity_info: {
          for_each: '${data.aws_y.b.list}',
          content: { first_name: '${identity_info.value.first}', last_name: 'Mc"${identity_info.key}"\n' },
        },
      },
    });
    expect(input.identity_info).toBe(
      '${[for identity_info in [for k, v in (local.standin__data__aws_y__b.list) : {key = k, value = v}] : ' +
        '{"first_name" = (identity_info.value.first), "last_name" = "Mc\\"${identity_info.key}\\"\\n"}]}',
    );
  });

  it('honours iterator, and puts static blocks of the same type first', () => {
    const input = user({
      phone_config: { phone_type: 'SOFT_PHONE' },
      dynamic: { phone_config: { for_each: '${[1]}', iterator: 'p', content: { phone_type: 'DESK_PHONE', n: '${p.value}' } } },
    });
    expect(input.phone_config).toBe(
      '${concat([{"phone_type" = "SOFT_PHONE"}], [for p in [for k, v in ([1]) : {key = k, value = v}] : {"phone_type" = "DESK_PHONE", "n" = (p.value)}])}',
    );
  });

  it('supports nested dynamic blocks', () => {
    const input = user({
      dynamic: { a: { for_each: '${[1]}', content: { dynamic: { b: { for_each: '${[a.value]}', content: { x: '${b.value}' } } } } } },
    });
    expect(input.a).toBe('${[for a in [for k, v in ([1]) : {key = k, value = v}] : {"b" = [for b in [for k, v in ([a.value]) : {key = k, value = v}] : {"x" = (b.value)}]}]}');
  });

  it('refuses a labelled dynamic block (provider blocks take no labels)', () => {
    expect(() => user({ dynamic: { x: { for_each: '${[1]}', labels: ['l'], content: {} } } })).toThrow('standIn: dynamic "x" has labels, which provider blocks do not take');
  });
});

describe('standIn: provider default tags, real attributes, sensitivity', () => {
  it("gives aws_* resources with tags a tags_all = merge(the provider's default tags, tags)", () => {
    const out = stand({
      provider: { aws: [{ alias: 'other', default_tags: [{ tags: { no: 'no' } }] }, { default_tags: [{ tags: { env: 'dev $${x}' } }] }] },
      resource: { aws_x: { a: { tags: { k: 'v' } }, b: {} }, random_y: { c: { tags: {} } } },
    });
    expect(out.resource.terraform_data.aws_x__a.input.tags_all).toBe('${merge({"env" = "dev $${x}"}, {"k" = "v"})}');
    expect(out.resource.terraform_data.aws_x__b.input.tags_all).toBe(undefined);
    expect(out.resource.terraform_data.random_y__c.input.tags_all).toBe(undefined);
  });

  it('reads real attributes from a table keyed by instance, escaped, with the made-up value as fallback', () => {
    const out = stand(
      { data: { aws_connect_instance: { i: { instance_id: 'x' } }, aws_connect_user_hierarchy_group: { g: { for_each: '${local.g}', name: '${each.key}' } } } },
      { data: { 'data.aws_connect_instance.i': { '': { identity_management_type: 'SAML' } }, 'data.aws_connect_user_hierarchy_group.g': { 'a ${b}': { 'odd-name': 1, 'x y': 2 } } } },
    );
    expect(out.locals.standin__attributes__data__aws_connect_instance__i).toStrictEqual({ '': { identity_management_type: 'SAML' } });
    expect(out.resource.terraform_data.data__aws_connect_instance__i.input.identity_management_type).toBe(
      '${try(local.standin__attributes__data__aws_connect_instance__i[""].identity_management_type, "CONNECT_MANAGED")}',
    );
    expect(out.locals.standin__attributes__data__aws_connect_user_hierarchy_group__g).toStrictEqual({ 'a $${b}': { 'odd-name': 1, 'x y': 2 } });
    const g = out.resource.terraform_data.data__aws_connect_user_hierarchy_group__g.input;
    expect(g['odd-name']).toBe('${try(local.standin__attributes__data__aws_connect_user_hierarchy_group__g[each.key].odd-name, null)}');
    expect(g['x y']).toBe('${try(local.standin__attributes__data__aws_connect_user_hierarchy_group__g[each.key]["x y"], null)}');
    expect(g.hierarchy_group_id).toBe('${try(local.standin__attributes__data__aws_connect_user_hierarchy_group__g[each.key].hierarchy_group_id, "hg-${each.key}")}');
  });

  it('marks sensitive the made-up attributes the provider marks (SSM value, secret string, random result)', () => {
    const out = stand({
      data: { aws_ssm_parameter: { p: { for_each: '${local.p}', name: '${each.key}' } } },
      resource: { random_password: { r: { for_each: '${local.r}', length: 20 } } },
    });
    expect(out.resource.terraform_data.data__aws_ssm_parameter__p.input.value).toBe('${sensitive("ssm-${each.key}")}');
    expect(out.resource.terraform_data.random_password__r.input.result).toBe('${sensitive("Made-up-1!${each.key}")}');
    expect(out.locals.standin__random_password__r).toBe('${{for k, v in terraform_data.random_password__r : k => merge(v.output, {result = sensitive(v.output.result)})}}');
  });
});

describe('standIn: imports, moved, removed, outputs, checks', () => {
  const out = stand({
    resource: { aws_connect_user: { users: { for_each: '${local.u}' } }, terraform_data: { mine: { input: '${aws_connect_user.users["a"].arn}', depends_on: ['aws_connect_user.users'] } } },
    import: [
      { to: 'aws_connect_user.users["a"]', id: 'i:${local.x}', provider: 'aws' },
      { to: 'aws_connect_user.undeclared["b"]', id: 'i:b' },
      { to: 'terraform_data.mine', id: 'm' },
    ],
    moved: [{ from: 'aws_connect_user.old', to: 'aws_connect_user.users' }],
    removed: [{ from: 'aws_connect_user.gone', lifecycle: { destroy: false } }],
    output: { arn: { value: '${aws_connect_user.users["a"].arn}', depends_on: ['aws_connect_user.users'] } },
    check: { c: { assert: [{ condition: '${length(aws_connect_user.users) > 0}', error_message: 'none' }] } },
    variable: { v: { default: '${not an expression}' } },
  });

  it('points import, moved and removed at the stand-in, declared or not (Terraform then reports it, not a missing provider)', () => {
    expect(out.import).toStrictEqual([
      { to: 'terraform_data.aws_connect_user__users["a"]', id: 'i:${local.x}' },
      { to: 'terraform_data.aws_connect_user__undeclared["b"]', id: 'i:b' },
      { to: 'terraform_data.mine', id: 'm' },
    ]);
    expect(out.moved).toStrictEqual([{ from: 'terraform_data.aws_connect_user__old', to: 'terraform_data.aws_connect_user__users' }]);
    expect(out.removed).toStrictEqual([{ from: 'terraform_data.aws_connect_user__gone', lifecycle: { destroy: false } }]);
  });

  it('rewrites outputs, checks and terraform_data blocks of our own, and keeps variables as written', () => {
    expect(out.output.arn).toStrictEqual({ value: '${local.standin__aws_connect_user__users["a"].arn}', depends_on: ['terraform_data.aws_connect_user__users'] });
    expect(out.output.users.sensitive).toBe(true);
    expect(out.check.c.assert[0].condition).toBe('${length(local.standin__aws_connect_user__users) > 0}');
    expect(out.resource.terraform_data.mine).toStrictEqual({ input: '${local.standin__aws_connect_user__users["a"].arn}', depends_on: ['terraform_data.aws_connect_user__users'] });
    expect(out.variable).toStrictEqual({ v: { default: '${not an expression}' } });
  });

  it('adds the outputs asked for, and refuses one it cannot make', () => {
    const config = { resource: { aws_x: { a: {} } } };
    expect(stand(config, { outputs: { a: 'aws_x.a' } }).output).toStrictEqual({ a: { value: '${local.standin__aws_x__a}', sensitive: true } });
    expect(() => stand(config, { outputs: { b: 'aws_x.b' } })).toThrow('standIn: output b: no stand-in for aws_x.b');
  });

  it('leaves a malformed template as written, for Terraform to report', () => {
    expect(stand({ resource: { aws_x: { a: { name: '${aws_x.b' } } } }).resource.terraform_data.aws_x__a.input.name).toBe('${aws_x.b');
  });
});

describe('standIn: what it refuses', () => {
  it.each([
    ['a module', { module: { m: { source: './m' } } }, 'standIn: "module" blocks are not supported'],
    ['an ephemeral block', { ephemeral: { x: {} } }, 'standIn: "ephemeral" blocks are not supported'],
    ['a check with a scoped data block', { check: { c: { data: { aws_x: { y: {} } } } } }, 'standIn: check.c has a scoped data block, which is not supported'],
    ['an array of blocks', { resource: [{ aws_x: {} }] }, 'standIn: resource must be a JSON object (arrays of blocks are not supported)'],
    ['a stand-in name taken twice', { resource: { aws_x: { a__b: {} }, aws_x__a: { b: {} } } }, 'standIn: two blocks would share the stand-in name aws_x__a__b'],
    ['a terraform_data of our own with a stand-in name', { resource: { aws_x: { a: {} }, terraform_data: { aws_x__a: {} } } }, 'standIn: terraform_data.aws_x__a exists already'],
  ])('%s', (_name, config, message) => {
    expect(() => standIn(config)).toThrow(message);
  });
});
