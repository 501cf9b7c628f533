/**
 * A broken expression fails the tier with Terraform's own message. Each test
 * breaks the synthesized all-sources fixture the way a bug in the stack would
 * (a value left unescaped, a lookup key missing from a data source's
 * for_each, an import of a user not defined...), runs Terraform, and asserts
 * the diagnostic Terraform gives: its title, its detail, and what it shows.
 * Plan-only runs, about 0.3 s each.
 */
import * as path from 'node:path';
import { compareUsers, factsOf, realAttributes, secretStringOf, synthFolder } from './project';
import { standIn } from './stand-in';
import { planError, runTerraform, TerraformError } from './terraform';
import { describeTerraform, diagnostics, type Diagnostic } from './tier';

const ALL_SOURCES = path.join(__dirname, 'fixtures', 'all-sources');
const PROPS = { allowPlaintextPasswords: true };

/** The fixture, synthesized, with its real attributes; `edit` breaks it. */
function broken(edit: (config: Record<string, any>, data: Record<string, Record<string, object>>) => void) {
  const { config, users } = synthFolder(ALL_SOURCES, PROPS);
  const facts = factsOf(PROPS);
  const data = realAttributes(config, users, facts);
  edit(config, data);
  return { config, users, facts, data, tf: standIn(config, { data, backend: 'none' }) };
}

/** The diagnostics of a plan that must fail. */
async function errorsOf(edit: Parameters<typeof broken>[0]): Promise<Diagnostic[]> {
  return diagnostics(await planError(broken(edit).tf));
}

/** The parts of a diagnostic a test compares (the line numbers depend on the configuration's layout). */
const essentials = (d: Diagnostic) => ({ summary: d.summary, detail: d.detail, in: d.where.replace(/^main\.tf\.json line \d+, in /, ''), values: d.values });

describeTerraform('real Terraform: a broken expression fails with Terraform\'s message', () => {
  it.concurrent.each([
    [
      'an unescaped ${ in a user value',
      'Roe ${var.x}',
      {
        summary: 'Reference to undeclared input variable',
        detail: 'An input variable with the name "x" has not been declared. This variable can be declared with a variable "x" {} block.',
      },
    ],
    [
      'an unescaped %{ in a user value',
      'Roe %{if x}',
      { summary: 'Unexpected end of template', detail: expect.stringMatching(/^The if directive at main\.tf\.json:\d+,23-30 is missing its corresponding endif directive\.$/) },
    ],
    [
      'an unescaped ${each.key} in a user value',
      'Roe ${each.key}',
      {
        summary: 'Reference to "each" in context without for_each',
        detail: 'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.',
      },
    ],
  ])('%s (what a missing escapeTemplate would write)', async (_name, lastName, expected) => {
    const errors = await errorsOf((config) => {
      config.locals.connect_users['john.roe'].last_name = lastName;
    });
    expect(errors.map(essentials)).toStrictEqual([{ ...expected, in: 'locals.connect_users.john.roe', values: [] }]);
  });

  it.concurrent('an unescaped ${ in a tag key: JSON object keys are templates too', async () => {
    const errors = await errorsOf((config) => {
      config.locals.connect_users['ana.silva'].tags = { 'k${x}': 'v' };
    });
    expect(errors.map(essentials)).toStrictEqual([
      {
        summary: 'Invalid reference',
        detail: 'A reference to a resource type must be followed by at least one attribute access, specifying the resource name.',
        in: 'locals.connect_users.ana.silva.tags',
        values: [],
      },
    ]);
  });

  it.concurrent('a self-contained ${...} raises no error, but the read-back finds the changed value', async () => {
    const { tf, users, facts, data, config } = broken((config) => {
      config.locals.connect_users['john.roe'].identity_info.last_name = 'Roe ${"x"}';
    });
    const result = await runTerraform(tf, { validate: false });
    expect(compareUsers(result.outputs.users as Record<string, any>, users, { facts, secretString: secretStringOf(data, config) })).toStrictEqual([
      'john.roe: identity_info.last_name: expected "Roe ${var.x} %{if true}y%{endif}", got "Roe x"',
    ]);
  });

  const invalidIndex = 'The given key does not identify an element in this collection value.';

  it.concurrent("a routing profile missing from its lookup's for_each: one error per user of it", async () => {
    const errors = await errorsOf((config) => {
      delete config.locals.connect_routing_profiles.Supervisors;
    });
    const expected = {
      summary: 'Invalid index',
      detail: invalidIndex,
      in: 'resource.terraform_data.aws_connect_user__users.input',
      values: ['each.value.routing_profile is "Supervisors"', 'local.standin__data__aws_connect_routing_profile__routing_profiles is object with 3 attributes'],
    };
    // rita.costa and tom.walsh
    expect(errors.map(essentials)).toStrictEqual([expected, expected]);
  });

  it.concurrent("a security profile missing from its lookup's for_each", async () => {
    const errors = await errorsOf((config) => {
      delete config.locals.connect_security_profiles.CallCenterManager;
    });
    const expected = {
      summary: 'Invalid index',
      detail: invalidIndex,
      in: 'resource.terraform_data.aws_connect_user__users.input',
      values: ['local.standin__data__aws_connect_security_profile__security_profiles is object with 2 attributes'],
    };
    expect(errors.map(essentials)).toStrictEqual([expected, expected]);
  });

  it.concurrent("a hierarchy group missing from its lookup's for_each", async () => {
    const errors = await errorsOf((config) => {
      delete config.locals.connect_hierarchy_groups['Dublin Support'];
    });
    const expected = {
      summary: 'Invalid index',
      detail: invalidIndex,
      in: 'resource.terraform_data.aws_connect_user__users.input',
      values: ['each.value.hierarchy_group is "Dublin Support"', 'local.standin__data__aws_connect_user_hierarchy_group__hierarchy_groups is object with 3 attributes'],
    };
    // mary.obrien and tom.walsh
    expect(errors.map(essentials)).toStrictEqual([expected, expected]);
  });

  it.concurrent('a secret read with #key that is not JSON', async () => {
    const errors = await errorsOf((_config, data) => {
      delete data['data.aws_secretsmanager_secret_version.password_secrets'];
    });
    // luis.goncalves and zoe.lee read keys of `sec`; the made-up `secret-sec` is no JSON.
    expect(errors.map((e) => [e.summary, e.detail, e.values.includes('ref.secret_id is "sec"')])).toStrictEqual([
      ['Error in function call', 'Call to function "jsondecode" failed: invalid character \'s\' looking for beginning of value.', true],
      ['Error in function call', 'Call to function "jsondecode" failed: invalid character \'s\' looking for beginning of value.', true],
    ]);
  });

  it.concurrent('an import of a user the files do not define', async () => {
    const errors = await errorsOf((config) => {
      config.import.push({ to: 'aws_connect_user.users["nobody"]', id: 'x:y' });
    });
    expect(errors.map(essentials)).toStrictEqual([
      {
        summary: 'Configuration for import target does not exist',
        detail:
          'The configuration for the given import terraform_data.aws_connect_user__users["nobody"] does not exist. All target instances must have an associated configuration to be imported.',
        in: '',
        values: [],
      },
    ]);
  });

  it.concurrent('an import into a resource that is not declared fails at validate', async () => {
    const { tf } = broken((config) => {
      config.import.push({ to: 'aws_connect_user.others["jane.doe"]', id: 'x:y' });
    });
    const failure = await runTerraform(tf, { planOnly: true, cleanup: true }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(TerraformError);
    expect((failure as TerraformError).command).toBe('validate');
    // Terraform 1.11's detail for an undeclared resource is about config generation (its own wording).
    expect(diagnostics((failure as TerraformError).stderr).map((d) => [d.summary, d.detail])).toStrictEqual([
      [
        'Configuration for import target does not exist',
        'The given import block is not compatible with config generation. The -generate-config-out option cannot be used with import blocks which use for_each, or resources which use for_each or count.',
      ],
    ]);
  });

  it.concurrent('passwords are sensitive, as the provider marks them: an output of them without sensitive = true fails', async () => {
    const { tf } = broken(() => undefined);
    (tf as Record<string, any>).output.users.sensitive = false;
    const failure = (await runTerraform(tf, { validate: false, cleanup: true }).catch((err: unknown) => err)) as TerraformError;
    expect(diagnostics(failure.stderr).map((d) => d.summary)).toStrictEqual(['Output refers to sensitive values']);
  });

  it.concurrent('a value that changes at every plan fails the second plan, which must show no changes', async () => {
    const { tf } = broken((config) => {
      config.resource.aws_connect_user.users.description = '${timestamp()}';
    });
    const failure = (await runTerraform(tf, { validate: false, cleanup: true }).catch((err: unknown) => err)) as TerraformError;
    expect(failure.command).toBe('plan (the second, expected to show no changes)');
    expect(failure.exitCode).toBe(2);
    expect(failure.stdout).toMatch(/Plan: 0 to add, 8 to change, 0 to destroy\./);
  });
});
