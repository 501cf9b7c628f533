/**
 * Provider-free stand-ins for a synthesized Terraform JSON configuration
 * (cdktf's cdk.tf.json), so the real terraform binary can init, validate,
 * plan, apply and read back what we generate, offline and without AWS.
 *
 * Every provider-backed block (`resource` and `data`, e.g. `aws_*`, `random_*`)
 * becomes a `terraform_data` resource (built into Terraform) whose `input`
 * holds the block's own arguments, unchanged, plus made-up values for the
 * attributes the provider would compute (ids, `result`, `secret_string`...).
 * `for_each`, `count`, `depends_on` and `lifecycle` stay on the stand-in.
 *
 * References are rewritten only inside `${ }` / `%{ }` (see template.ts), to
 * a local that looks like the original object:
 *
 *   aws_connect_user.users                         -> local.standin__aws_connect_user__users
 *   local.standin__aws_connect_user__users         =  { for k, v in terraform_data.aws_connect_user__users : k => v.output }
 *   data.aws_connect_routing_profile.routing_profiles
 *                                                  -> local.standin__data__aws_connect_routing_profile__routing_profiles
 *   ... its local                                  =  { for k, v in terraform_data.data__aws_connect_routing_profile__routing_profiles : k => v.input }
 *
 * A resource's local reads `output`, which is unknown until apply (like the
 * attributes a provider computes when it creates something); a data source's
 * local reads `input`, which is known at plan time (as a data source is read
 * during plan), so lookups, for_each over data and data postconditions behave
 * at plan time as they would with the provider.
 *
 * Pure: `standIn` returns a new object and never touches its argument.
 */
import {
  escapeTemplate,
  escapeValue,
  jsonToHcl,
  matchNames,
  rewriteTemplate,
  setKey,
  templateToHcl,
  TemplateSyntaxError,
  type RootRewriter,
} from './template';

export interface StandInOptions {
  /**
   * "Real" attributes per instance, to test what depends on them (e.g. the
   * `hierarchy_path` of a hierarchy group, for a postcondition):
   * address (`data.aws_connect_user_hierarchy_group.hierarchy_groups`, or a
   * resource address) -> instance key (the `for_each` key as Terraform sees
   * it, i.e. unescaped; the count index as a string; `""` for a single
   * instance) -> attributes (plain values, escaped here). They replace the
   * made-up attributes of the same name; the block's own arguments win over both.
   */
  data?: Record<string, Record<string, object>>;
  /**
   * Nested block types per resource type. A block written once is a JSON
   * object in cdk.tf.json, but Terraform (and the provider) sees a list of
   * blocks: listing it here puts it into `input` as a list, the same shape
   * as a `dynamic` block or several blocks give, so references such as
   * `identity_info[0].email` and `ignore_changes` paths keep working.
   * Default: DEFAULT_BLOCKS. Anything not listed goes into `input` as written.
   */
  blocks?: Record<string, readonly string[]>;
  /** Which types get a stand-in. Default: every type not built into Terraform (`terraform_*`). */
  standIn?: (type: string, mode: 'resource' | 'data') => boolean;
  /**
   * Outputs to add, each sensitive: name -> address of a stand-in
   * (`aws_connect_user.users`, `data.aws_x.y`); the value is what the local
   * gives (a map key -> the instance's input, for for_each).
   * Default: `users` for `aws_connect_user.users` when it exists.
   */
  outputs?: Record<string, string>;
  /** `local` (default): a local backend in the working folder (needs `terraform init`); `none`: no backend block (plan works without init). */
  backend?: 'local' | 'none';
}

/**
 * The default AWS provider's `default_tags` (cdktf: `provider.aws[0].default_tags[0].tags`),
 * or undefined. The provider block goes, but its tags are user data too: every
 * `aws_*` resource stand-in with a `tags` argument gets the made-up attribute
 * `tags_all = merge(default_tags, tags)`, as the provider computes it.
 */
function defaultTagsOf(provider: unknown): Record<string, unknown> | undefined {
  const aws = listOf((provider as Record<string, unknown> | undefined)?.aws).find((p: any) => p && p.alias === undefined) as any;
  const tags = listOf(aws?.default_tags)[0] as { tags?: Record<string, unknown> } | undefined;
  return tags?.tags;
}

/** Nested blocks of the types we use (see StandInOptions.blocks). */
export const DEFAULT_BLOCKS: Record<string, readonly string[]> = {
  aws_connect_user: ['identity_info', 'phone_config'],
};

/** One provider-backed block and the names of its stand-in. */
interface Block {
  mode: 'resource' | 'data';
  type: string;
  name: string;
  /** `aws_connect_user.users` or `data.aws_x.y`. */
  address: string;
  body: Record<string, unknown>;
  /** The terraform_data resource's name: `aws_connect_user__users`, `data__aws_x__y`. */
  standIn: string;
  /** The local that stands for the original object: `standin__<standIn>`. */
  local: string;
  /** The instance key as an expression, for made-up values and the data table. */
  key: string;
}

export function standIn(config: object, options: StandInOptions = {}): object {
  const src = config as Record<string, any>;
  const blocksOf = options.blocks ?? DEFAULT_BLOCKS;
  const isStandIn = options.standIn ?? ((type: string) => !type.startsWith('terraform_'));
  for (const unsupported of ['module', 'ephemeral']) {
    if (src[unsupported] !== undefined) throw new Error(`standIn: "${unsupported}" blocks are not supported`);
  }

  // 1. Find the blocks to replace: resource.TYPE.NAME and data.TYPE.NAME.
  const blocks = new Map<string, Block>();
  for (const mode of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(objectAt(src[mode], mode))) {
      if (!isStandIn(type, mode)) continue;
      for (const [name, body] of Object.entries(objectAt(byName, `${mode}.${type}`))) {
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        const standInName = mode === 'data' ? `data__${type}__${name}` : `${type}__${name}`;
        const b = objectAt(body, address);
        const key = b.for_each !== undefined ? 'each.key' : b.count !== undefined ? 'tostring(count.index)' : '""';
        blocks.set(address, { mode, type, name, address, body: b, standIn: standInName, local: `standin__${standInName}`, key });
      }
    }
  }
  const names = new Set<string>();
  for (const b of blocks.values()) {
    if (names.has(b.standIn)) throw new Error(`standIn: two blocks would share the stand-in name ${b.standIn}`);
    names.add(b.standIn);
  }

  // An address in depends_on, import, moved, removed or replace_triggered_by: the stand-in's name,
  // also for a block that is not declared (Terraform then says so about the stand-in, rather than
  // asking for the provider of the original type).
  const standInOf: StandInOf = (mode, type, name) => {
    const b = blocks.get(mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`);
    if (b) return b.standIn;
    return isStandIn(type, mode) ? (mode === 'data' ? `data__${type}__${name}` : `${type}__${name}`) : undefined;
  };
  const rw = referenceRewriter(blocks);
  const ctx: Context = { blocks, standInOf, rw, defaultTags: defaultTagsOf(src.provider) };
  const out: Record<string, any> = {};

  // 2. Everything else is copied, with its expressions rewritten.
  for (const [section, value] of Object.entries(src)) {
    switch (section) {
      case 'provider':
        break; // no providers: terraform_data is built in
      case 'terraform':
        out.terraform = terraformBlock(value, options.backend ?? 'local');
        break;
      case 'resource':
      case 'data': {
        // Blocks kept as they are (terraform_data, terraform_remote_state) keep their expressions, rewritten.
        const kept: Record<string, unknown> = {};
        for (const [type, byName] of Object.entries(value as object)) {
          if (isStandIn(type, section)) continue;
          const copy: Record<string, unknown> = {};
          for (const [name, body] of Object.entries(byName as object)) setKey(copy, name, keptBlock(body, ctx));
          setKey(kept, type, copy);
        }
        if (Object.keys(kept).length > 0) out[section] = kept;
        break;
      }
      case 'locals':
        out.locals = rewriteValue(value, rw);
        break;
      case 'output': {
        out.output = {};
        for (const [name, o] of Object.entries(value as object)) setKey(out.output, name, keptBlock(o, ctx));
        break;
      }
      case 'import':
        out.import = listOf(value).map((i: any) => importBlock(i, standInOf, rw));
        break;
      case 'moved':
        out.moved = listOf(value).map((m: any) => ({ from: rewriteAddress(m.from, standInOf), to: rewriteAddress(m.to, standInOf) }));
        break;
      case 'removed':
        out.removed = listOf(value).map((r: any) => ({ ...r, from: rewriteAddress(r.from, standInOf) }));
        break;
      case 'check':
        out.check = {};
        for (const [name, c] of Object.entries(value as Record<string, any>)) {
          if (c.data !== undefined) throw new Error(`standIn: check.${name} has a scoped data block, which is not supported`);
          setKey(out.check, name, rewriteValue(c, rw));
        }
        break;
      default:
        out[section] = value; // "//" (cdktf's metadata), variable: no expressions to rewrite
    }
  }

  if (out.terraform === undefined && (options.backend ?? 'local') === 'local') out.terraform = terraformBlock({}, 'local');

  // 3. The stand-ins, their locals and the data tables.
  const resources: Record<string, unknown> = { ...(out.resource?.terraform_data ?? {}) };
  const locals: Record<string, unknown> = out.locals ?? {};
  for (const b of blocks.values()) {
    if (Object.prototype.hasOwnProperty.call(resources, b.standIn)) throw new Error(`standIn: terraform_data.${b.standIn} exists already`);
    const table = options.data?.[b.address];
    const tableLocal = table ? `standin__attributes__${b.standIn}` : undefined;
    if (table && tableLocal) setKey(locals, tableLocal, escapeValue(table));
    const block = standInBlock(b, ctx, blocksOf[b.type] ?? [], tableLocal, table);
    setKey(resources, b.standIn, block);
    setKey(locals, b.local, `\${${localFor(b, Object.keys(block.input as object))}}`);
  }
  out.resource = { ...(out.resource ?? {}), terraform_data: resources };
  out.locals = locals;

  // 4. Outputs exposing what the stand-ins hold, for the test to read back.
  const wanted = options.outputs ?? (blocks.has('aws_connect_user.users') ? { users: 'aws_connect_user.users' } : {});
  for (const [name, address] of Object.entries(wanted)) {
    const b = blocks.get(address);
    if (!b) throw new Error(`standIn: output ${name}: no stand-in for ${address}`);
    out.output = out.output ?? {};
    if (Object.prototype.hasOwnProperty.call(out.output, name)) throw new Error(`standIn: output ${name} exists already`);
    setKey(out.output, name, { value: `\${local.${b.local}}`, sensitive: true });
  }
  return out;
}

/** What the rewriting functions need: the stand-ins by original address, and the expression rewriter. */
interface Context {
  blocks: Map<string, Block>;
  standInOf: StandInOf;
  rw: RootRewriter;
  /** The AWS provider's default tags (Terraform JSON: escaped templates), if any. */
  defaultTags?: Record<string, unknown>;
}

/**
 * The expression of a stand-in's local: the stand-in's instances shaped like
 * the original object. terraform_data's `output` drops the sensitive marks
 * that `input` had (Terraform 1.11), where a provider marks the attributes its
 * schema calls sensitive: those are marked again here, with merge(), which
 * keeps the marks per attribute.
 */
function localFor(b: Block, inputKeys: readonly string[]): string {
  const attr = b.mode === 'data' ? 'input' : 'output';
  const sensitive = b.mode === 'resource' ? (MADE_UP[b.type]?.sensitive ?? []).filter((n) => inputKeys.includes(n)) : [];
  const value = (v: string) =>
    sensitive.length === 0 ? `${v}.${attr}` : `merge(${v}.${attr}, {${sensitive.map((n) => `${n} = sensitive(${v}.${attr}.${n})`).join(', ')}})`;
  const body = b.body;
  if (body.for_each !== undefined) return `{for k, v in terraform_data.${b.standIn} : k => ${value('v')}}`;
  if (body.count !== undefined) return `[for v in terraform_data.${b.standIn} : ${value('v')}]`;
  return value(`terraform_data.${b.standIn}`);
}

/**
 * The rewriter for expressions: `TYPE.NAME` and `data.TYPE.NAME` of a
 * stand-in become its local; with `self`, `self.x` becomes `self.<self>.x`
 * (in a stand-in's own pre- and postconditions).
 */
function referenceRewriter(blocks: Map<string, Block>, self?: 'input' | 'output'): RootRewriter {
  return (tokens, at) => {
    const word = tokens[at].text;
    if (word === 'self' && self) {
      let j = at + 1;
      while (tokens[j]?.kind === 'space') j++;
      if (tokens[j]?.kind === 'dot' || tokens[j]?.text === '[') return { count: 1, text: `self.${self}` };
      return undefined;
    }
    const m = matchNames(tokens, at, word === 'data' ? 3 : 2);
    if (!m) return undefined;
    const b = blocks.get(m.names.join('.'));
    return b ? { count: m.count, text: `local.${b.local}` } : undefined;
  };
}

/**
 * Rewrites every template string (and object key) of a JSON value. A string
 * that is not a well-formed template is left as it is: Terraform then
 * reports it with its own message.
 */
function rewriteValue(value: unknown, rw: RootRewriter): any {
  if (typeof value === 'string') {
    try {
      return rewriteTemplate(value, rw);
    } catch (err) {
      if (err instanceof TemplateSyntaxError) return value;
      throw err;
    }
  }
  if (Array.isArray(value)) return value.map((v) => rewriteValue(v, rw));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setKey(out, rewriteValue(k, rw), rewriteValue(v, rw));
    return out;
  }
  return value;
}

/** A block kept as it is (an output, a terraform_data of our own...): expressions rewritten, depends_on too. */
function keptBlock(body: unknown, ctx: Context): unknown {
  const out = rewriteValue(body, ctx.rw);
  if (isPlainObject(body) && body.depends_on !== undefined) out.depends_on = listOf(body.depends_on).map((d) => rewriteAddress(d, ctx.standInOf));
  return out;
}

/** The stand-in name for `TYPE.NAME` or `data.TYPE.NAME`, or undefined for a type that keeps its own blocks. */
type StandInOf = (mode: 'resource' | 'data', type: string, name: string) => string | undefined;

/**
 * `TYPE.NAME...` or `data.TYPE.NAME...` as written in depends_on, import `to`,
 * moved and replace_triggered_by: the stand-in's address, then the rest. With
 * `attribute`, an attribute after the instance key goes through that
 * attribute of the stand-in (`aws_x.y[k].arn` -> `terraform_data.aws_x__y[k].output.arn`).
 */
function rewriteAddress(address: unknown, standInOf: StandInOf, attribute?: 'input' | 'output'): unknown {
  if (typeof address !== 'string') return address;
  const m = /^(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/.exec(address);
  if (!m) return address;
  const name = standInOf(m[1] ? 'data' : 'resource', m[2], m[3]);
  if (!name) return address;
  let rest = address.slice(m[0].length);
  if (attribute) {
    const index = /^\[(?:"(?:[^"\\]|\\.)*"|[^\]])*\]/.exec(rest); // [0], ["key"], [each.key]
    const afterIndex = index ? rest.slice(index[0].length) : rest;
    if (afterIndex.startsWith('.')) rest = (index ? index[0] : '') + `.${attribute}` + afterIndex;
  }
  return `terraform_data.${name}${rest}`;
}

function importBlock(i: Record<string, unknown>, standInOf: StandInOf, rw: RootRewriter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i)) {
    if (k === 'provider') continue;
    setKey(out, k, k === 'to' ? rewriteAddress(v, standInOf) : rewriteValue(v, rw));
  }
  return out;
}

/** The `terraform` block without providers, with a local backend (or none). */
function terraformBlock(value: unknown, backend: 'local' | 'none'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as object)) {
    if (['required_providers', 'backend', 'cloud', 'provider_meta'].includes(k)) continue;
    setKey(out, k, v);
  }
  if (backend === 'local') out.backend = { local: { path: 'terraform.tfstate' } };
  return out;
}

/** The terraform_data resource standing for block `b`. */
function standInBlock(
  b: Block,
  ctx: Context,
  nestedBlocks: readonly string[],
  tableLocal: string | undefined,
  table: Record<string, object> | undefined,
): Record<string, unknown> {
  const rw = ctx.rw;
  const out: Record<string, unknown> = {};
  const input: Record<string, unknown> = {};
  let dynamic: Record<string, any> | undefined;
  for (const [k, v] of Object.entries(b.body)) {
    switch (k) {
      case '//': // cdktf's metadata: a JSON comment in a block body, not an argument
      case 'provider': // terraform_data needs no provider
      case 'provisioner':
      case 'connection':
        break;
      case 'for_each':
      case 'count':
        out[k] = rewriteValue(v, rw);
        break;
      case 'depends_on':
        out.depends_on = listOf(v).map((d) => rewriteAddress(d, ctx.standInOf));
        break;
      case 'lifecycle':
        out.lifecycle = lifecycle(v, b, ctx);
        break;
      case 'dynamic':
        dynamic = v as Record<string, any>;
        break;
      default: {
        // A nested block written once is a JSON object; the provider sees a list of blocks.
        const shaped = nestedBlocks.includes(k) && isPlainObject(v) ? [v] : v;
        setKey(input, k, rewriteValue(shaped, rw));
      }
    }
  }
  for (const [name, spec] of Object.entries(dynamic ?? {})) {
    const list = dynamicToHcl(name, spec, rw);
    const hasStatic = Object.prototype.hasOwnProperty.call(input, name);
    // Static blocks of the same type come first, as Terraform orders them.
    setKey(input, name, hasStatic ? `\${concat(${jsonToHcl(listOf(input[name]))}, ${list})}` : `\${${list}}`);
  }
  if (ctx.defaultTags && b.mode === 'resource' && b.type.startsWith('aws_') && input.tags !== undefined && input.tags_all === undefined) {
    // merge() skips a null `tags`, as the provider does.
    setKey(input, 'tags_all', `\${merge(${jsonToHcl(rewriteValue(ctx.defaultTags, rw))}, ${jsonToHcl(input.tags)})}`);
  }
  addMadeUp(b, input, tableLocal, table);
  out.input = input;
  return out;
}

/**
 * The lifecycle block of a stand-in. `ignore_changes = ["password"]` becomes
 * `["input.password"]`: Terraform 1.11 accepts paths into terraform_data's
 * input, but only attribute steps work as expected there; an index step with a
 * string key (`input["password"]`, `input.tags["x"]`) silently ignores changes
 * to the whole input. So `["key"]` becomes `.key` where key is an identifier.
 */
function lifecycle(value: unknown, b: Block, ctx: Context): Record<string, unknown> {
  const selfRw = referenceRewriter(ctx.blocks, b.mode === 'data' ? 'input' : 'output');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as object)) {
    switch (k) {
      case 'ignore_changes':
        out[k] = v === 'all' ? v : listOf(v).map((p) => (p === 'all' ? p : ignorePath(String(p))));
        break;
      case 'precondition':
      case 'postcondition':
        out[k] = rewriteValue(v, selfRw);
        break;
      case 'replace_triggered_by':
        out[k] = listOf(v).map((r) => rewriteAddress(r, ctx.standInOf, 'output'));
        break;
      default:
        out[k] = v; // create_before_destroy, prevent_destroy
    }
  }
  return out;
}

function ignorePath(path: string): string {
  const bare = /^\$\{(.*)\}$/s.exec(path)?.[1] ?? path;
  return `input.${bare.replace(/\["([A-Za-z_][A-Za-z0-9_-]*)"\]/g, '.$1')}`;
}

/**
 * A `dynamic` block as a list expression with the blocks' values:
 *   [for <iterator> in [for k, v in <for_each> : {key = k, value = v}] : {<content>}]
 * (a list's key is its index, a set's key its value, as for dynamic blocks).
 */
function dynamicToHcl(name: string, spec: Record<string, any>, rw: RootRewriter): string {
  if (spec.labels !== undefined) throw new Error(`standIn: dynamic "${name}" has labels, which provider blocks do not take`);
  const iterator = typeof spec.iterator === 'string' ? spec.iterator : name;
  const forEach = templateToHcl(rewriteValue(spec.for_each, rw));
  return `[for ${iterator} in [for k, v in ${forEach} : {key = k, value = v}] : ${contentToHcl(spec.content ?? {}, rw)}]`;
}

function contentToHcl(content: Record<string, unknown>, rw: RootRewriter): string {
  const entries: string[] = [];
  for (const [k, v] of Object.entries(content)) {
    if (k === '//') continue;
    if (k === 'dynamic') {
      for (const [name, spec] of Object.entries(v as Record<string, any>)) entries.push(`${templateToHcl(name)} = ${dynamicToHcl(name, spec, rw)}`);
    } else entries.push(`${templateToHcl(escapeTemplate(k))} = ${jsonToHcl(rewriteValue(v, rw))}`);
  }
  return `{${entries.join(', ')}}`;
}

// ---------------------------------------------------------------------------
// Made-up attributes

/** What a made-up attribute is built from: the block's (rewritten) arguments and its instance key expression. */
interface MadeUpContext {
  args: Record<string, unknown>;
  key: string;
}

/** Attributes a provider computes, as Terraform JSON values (strings are templates), plus which are sensitive. */
interface MadeUp {
  attributes: (c: MadeUpContext) => Record<string, unknown>;
  /**
   * Attributes the provider's schema marks sensitive, computed or arguments:
   * made-up ones are wrapped in sensitive(); a resource's local marks them all
   * again after `output` (see localFor).
   */
  sensitive?: readonly string[];
}

/** A literal, escaped for a template. */
const lit = (text: string) => escapeTemplate(text);

/** An argument as template text (it is one already when it is a string), or the instance key when absent. */
function arg(c: MadeUpContext, name: string): string {
  const v = c.args[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `\${${c.key}}`;
}

/**
 * Made-up attributes of the types connect-users uses, keyed by the looked-up
 * name where there is one (`rp-` + name...). `id` is added for every type.
 */
export const MADE_UP: Record<string, MadeUp> = {
  'data.aws_connect_instance': {
    attributes: (c) => ({
      id: c.args.instance_id !== undefined ? arg(c, 'instance_id') : lit('instance-') + arg(c, 'instance_alias'),
      arn: lit('arn:aws:connect:us-east-1:123456789012:instance/') + arg(c, c.args.instance_id !== undefined ? 'instance_id' : 'instance_alias'),
      identity_management_type: 'CONNECT_MANAGED',
      status: 'ACTIVE',
    }),
  },
  'data.aws_connect_routing_profile': {
    attributes: (c) => ({ routing_profile_id: lit('rp-') + arg(c, 'name'), arn: lit('arn:made-up:routing-profile/rp-') + arg(c, 'name') }),
  },
  'data.aws_connect_security_profile': {
    attributes: (c) => ({ security_profile_id: lit('sp-') + arg(c, 'name'), arn: lit('arn:made-up:security-profile/sp-') + arg(c, 'name') }),
  },
  'data.aws_connect_user_hierarchy_group': {
    attributes: (c) => ({
      hierarchy_group_id: lit('hg-') + arg(c, 'name'),
      arn: lit('arn:made-up:agent-group/hg-') + arg(c, 'name'),
      // The group alone at level one; pass the real path in options.data to test conditions on it.
      hierarchy_path: [
        {
          level_one: [{ id: lit('hg-') + arg(c, 'name'), name: arg(c, 'name'), arn: lit('arn:made-up:agent-group/hg-') + arg(c, 'name') }],
          level_two: [],
          level_three: [],
          level_four: [],
          level_five: [],
        },
      ],
    }),
  },
  'data.aws_ssm_parameter': {
    attributes: (c) => ({ value: lit('ssm-') + arg(c, 'name'), arn: lit('arn:made-up:ssm:parameter') + arg(c, 'name'), type: 'SecureString', version: 1 }),
    sensitive: ['value'],
  },
  'data.aws_secretsmanager_secret_version': {
    // Not JSON: pass a JSON object in options.data for secrets read with jsondecode(...)[key].
    attributes: (c) => ({ secret_string: lit('secret-') + arg(c, 'secret_id'), arn: lit('arn:made-up:secret:') + arg(c, 'secret_id'), version_id: 'v1' }),
    sensitive: ['secret_string'],
  },
  aws_connect_user: {
    attributes: (c) => ({
      user_id: lit('user-') + arg(c, 'name'),
      arn: lit('arn:made-up:agent/user-') + arg(c, 'name'),
      id: arg(c, 'instance_id') + lit(':user-') + arg(c, 'name'),
    }),
    sensitive: ['password'],
  },
  aws_ssm_parameter: {
    attributes: (c) => ({ id: arg(c, 'name'), arn: lit('arn:made-up:ssm:parameter') + arg(c, 'name'), version: 1 }),
    sensitive: ['value'],
  },
  random_password: {
    // A made-up "random" password that meets Connect's rule, different for each key.
    attributes: (c) => ({ id: 'none', result: lit('Made-up-1!') + `\${${c.key}}` }),
    sensitive: ['result'],
  },
};

/**
 * Adds the made-up attributes to a stand-in's input (the block's own
 * arguments are never replaced). With a table of real attributes, each is
 * `try(local.<table>[<key>].<name>, <made-up>)`; sensitive ones are wrapped in
 * sensitive(), as the provider marks them.
 */
function addMadeUp(b: Block, input: Record<string, unknown>, tableLocal: string | undefined, table: Record<string, object> | undefined): void {
  const def = MADE_UP[b.mode === 'data' ? `data.${b.type}` : b.type];
  const made: Record<string, unknown> = {
    id: lit(`${b.type}-`) + `\${${b.key}}`,
    ...(def?.attributes({ args: input, key: b.key }) ?? {}),
  };
  const names = new Set(Object.keys(made));
  for (const entry of Object.values(table ?? {})) for (const name of Object.keys(entry)) names.add(name);
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(input, name)) continue; // an argument: kept as written
    const fallback = Object.prototype.hasOwnProperty.call(made, name) ? made[name] : null;
    const sensitive = def?.sensitive?.includes(name) ?? false;
    let expr = jsonToHcl(fallback);
    if (tableLocal) {
      const step = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? `.${name}` : `[${templateToHcl(escapeTemplate(name))}]`;
      expr = `try(local.${tableLocal}[${b.key}]${step}, ${expr})`;
    }
    if (sensitive) expr = `sensitive(${expr})`;
    // Plain JSON when nothing was wrapped around the made-up value.
    setKey(input, name, tableLocal || sensitive ? `\${${expr}}` : fallback);
  }
}

// ---------------------------------------------------------------------------
// Small helpers

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function objectAt(v: unknown, where: string): Record<string, any> {
  if (v === undefined) return {};
  if (!isPlainObject(v)) throw new Error(`standIn: ${where} must be a JSON object (arrays of blocks are not supported)`);
  return v;
}

function listOf(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
