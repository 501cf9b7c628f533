/**
 * What the stack writes to match the provider (issue 8), shown by real Terraform through the
 * stand-ins: the hierarchy group lookup's postcondition, the identity_info block only for users
 * with a name or email (and ignored after creation in EXISTING_DIRECTORY stacks), a default tag
 * named __proto__, one distinct SSM parameter per generated password, and required_version.
 */
import { rmSync } from 'node:fs';
import { csv, tempFolder } from '../helpers';
import { generatedPasswordParameterName } from '../../src/passwords';
import { checkFolder, factsOf, hierarchyPath, realAttributes, synthFolder } from './project';
import { standIn } from './stand-in';
import { planError, runTerraform } from './terraform';
import { describeTerraform, diagnostics } from './tier';

const GROUPS = 'data.aws_connect_user_hierarchy_group.hierarchy_groups';

describeTerraform("real Terraform: the hierarchy group lookup checks the group's real path", () => {
  const dir = tempFolder({
    'a.csv': csv(
      'amy,A,A,,Sales,Agent,EMEA|Lisbon|Sales,soft,,',
      'bob,B,B,,Sales,Agent,Sales,soft,,',
      'cat,C,C,,Sales,Agent,Support,soft,,',
      'dan,D,D,,Sales,Agent,"EMEA|Sales ${x} %{y}",soft,,',
    ),
  });
  const { config, users } = synthFolder(dir);
  const data = realAttributes(config, users, factsOf({}));
  /** The real attributes with some groups at other paths (levels absent rather than empty when `absent`). */
  const withPaths = (paths: Record<string, string[]>, absent = false) => {
    const table: Record<string, object> = { ...data[GROUPS] };
    for (const [name, levels] of Object.entries(paths)) {
      const element = hierarchyPath(levels);
      if (absent) for (const key of Object.keys(element)) if (element[key].length === 0) delete element[key];
      table[name] = { hierarchy_path: [element] };
    }
    return { ...data, [GROUPS]: table };
  };
  const errors = async (paths: Record<string, string[]>) => diagnostics(await planError(standIn(config, { data: withPaths(paths), backend: 'none' })));

  it.concurrent('passes when each group is where the files put it, levels absent or empty, and a bare name anywhere', async () => {
    await runTerraform(standIn(config, { data: withPaths({ Sales: ['EMEA', 'Lisbon', 'Sales'], Support: ['AMER', 'NYC', 'Support'] }, true), backend: 'none' }), { validate: false, planOnly: true });
    await runTerraform(standIn(config, { data: withPaths({ Support: ['Support'] }), backend: 'none' }), { validate: false, planOnly: true });
  });

  it.concurrent('fails on a group under another branch: one error for that group, naming it, both paths and a file:line using it', async () => {
    expect((await errors({ Sales: ['AMER', 'NYC', 'Sales'] })).map((e) => [e.summary, e.detail])).toStrictEqual([
      [
        'Resource postcondition failed',
        `The hierarchy group "Sales" is at "AMER|NYC|Sales" in the Connect instance, but ${dir}/a.csv:2 puts it at "EMEA|Lisbon|Sales". ` +
          'Groups are looked up by name alone: correct the path in the user files (a bare group name matches any path), or rename one of the groups in Connect.',
      ],
    ]);
  });

  it.concurrent('fails on a path with a level more or less, and prints names holding ${ and %{ as written', async () => {
    // Terraform's order of the errors is its own: sorted here.
    const deeper = (await errors({ Sales: ['Global', 'EMEA', 'Lisbon', 'Sales'], 'Sales ${x} %{y}': ['Sales ${x} %{y}'] })).map((e) => e.detail).sort();
    expect(deeper.map((d) => d.slice(0, d.indexOf(' in the Connect instance')))).toStrictEqual([
      'The hierarchy group "Sales ${x} %{y}" is at "Sales ${x} %{y}"',
      'The hierarchy group "Sales" is at "Global|EMEA|Lisbon|Sales"',
    ]);
    expect(deeper[0]).toContain(`${dir}/a.csv:5 puts it at "EMEA|Sales \${x} %{y}".`);
  });
});

describeTerraform('real Terraform: identity_info', () => {
  const header = 'username,firstName,lastName,email,routingProfile,securityProfiles,phoneType,directoryUserId';
  const folder = (...rows: string[]) => tempFolder({ 'users.csv': [header, ...rows].join('\n') + '\n' });
  const DIRECTORY = { identityManagementType: 'EXISTING_DIRECTORY' as const };

  it.concurrent('has no block for a user without a name or email, and one for the others', async () => {
    const { readBack, problems } = await checkFolder(folder('named,N,M,,Sales,Agent,soft,d-1', 'bare,,,,Sales,Agent,soft,d-2', 'mail,,,m@example.com,Sales,Agent,soft,d-3'), { props: DIRECTORY });
    expect(problems).toStrictEqual([]);
    expect(readBack.bare.identity_info).toStrictEqual([]);
    expect(readBack.named.identity_info).toStrictEqual([{ first_name: 'N', last_name: 'M', email: null, secondary_email: null }]);
    expect(readBack.mail.identity_info).toStrictEqual([{ first_name: null, last_name: null, email: 'm@example.com', secondary_email: null }]);
  });

  it.concurrent.each([
    // bob has no name at first: no block; then a first name.
    ['EXISTING_DIRECTORY: ignored after creation (the directory owns it)', 'EXISTING_DIRECTORY', ['bob,,,,Sales,Agent,soft,', 'bob,B,,,Sales,Agent,soft,'], ['no-op', 'no-op']],
    ['SAML: updated', 'SAML', ['bob,B,B,,Sales,Agent,soft,', 'bob,B,D,,Sales,Agent,soft,'], ['update', 'update']],
  ] as const)('a later change of names: %s', async (_what, identityManagementType, [bobBefore, bobAfter], actions) => {
    const props = { identityManagementType };
    const state = tempFolder();
    const apply = async (dir: string, planOnly: boolean) => {
      const { config, users } = synthFolder(dir, props);
      return runTerraform(standIn(config, { data: realAttributes(config, users, factsOf(props)), backend: 'none' }), { dir: state, cleanup: false, validate: false, planOnly, showPlan: planOnly });
    };
    await apply(folder('amy,A,B,,Sales,Agent,soft,', bobBefore), false);
    const changed = await apply(folder('amy,A,C,,Sales,Agent,soft,', bobAfter), true);
    const action = (u: string) => changed.plan.json.resource_changes.find((c: any) => c.address === `terraform_data.aws_connect_user__users["${u}"]`)?.change.actions.join();
    expect([action('amy'), action('bob')]).toStrictEqual(actions);
    rmSync(state, { recursive: true, force: true });
  });
});

describeTerraform('real Terraform: default tags and generated-password parameters', () => {
  it.concurrent('gives every user a default tag named __proto__ (written as a literal local, not through cdktf)', async () => {
    const defaultTags = JSON.parse('{"__proto__":"d","team":"default","note":"v${x}%{y}"}');
    const { readBack, problems } = await checkFolder(tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,team=own|__proto__=mine', 'bob,B,B,,Sales,Agent,,soft,,') }), { props: { defaultTags } });
    expect(problems).toStrictEqual([]);
    expect(JSON.stringify(readBack.bob.tags_all)).toBe('{"__proto__":"d","note":"v${x}%{y}","team":"default"}');
    expect(JSON.stringify(readBack.amy.tags_all)).toBe('{"__proto__":"mine","note":"v${x}%{y}","team":"own"}');
  });

  it.concurrent('stores each generated password under its own name, a@b.co and a-at-b.co too, in the tier asked for', async () => {
    const dir = tempFolder({ 'a.csv': csv('a@b.co,A,A,,Sales,Agent,,soft,,', 'a-at-b.co,B,B,,Sales,Agent,,soft,,', 'x_y.z,C,C,,Sales,Agent,,soft,,') });
    const { result, readBack, problems } = await checkFolder(dir, { props: { generatedPasswordPrefix: '/connect/pw/', generatedPasswordTier: 'Advanced' } });
    expect(problems).toStrictEqual([]);
    const parameters = Object.values(result.outputs.generated_password_parameters as Record<string, { name: string; value: string; tier: string }>);
    const byPassword = Object.fromEntries(parameters.map((p) => [p.value, [p.name, p.tier]]));
    for (const u of ['a@b.co', 'a-at-b.co', 'x_y.z']) expect(byPassword[readBack[u].password]).toStrictEqual([generatedPasswordParameterName('/connect/pw/', u), 'Advanced']);
    expect(parameters.map((p) => p.name).sort()).toStrictEqual(['/connect/pw/a--at--b.co', '/connect/pw/a-at-b.co', '/connect/pw/x_y.z']);
  });
});

describeTerraform('real Terraform: required_version', () => {
  it.concurrent('is written and checked by Terraform (>= 1.10 with S3 use_lockfile passes 1.11; a later one is refused)', async () => {
    const { config } = synthFolder(tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') }), { backend: { bucket: 'b' } });
    expect(config.terraform.required_version).toBe('>= 1.10');
    await runTerraform(standIn(config, { backend: 'none' }), { validate: true, planOnly: true });
    config.terraform.required_version = '>= 99.0';
    expect(diagnostics(await planError(standIn(config, { backend: 'none' }))).map((e) => e.summary)).toStrictEqual(['Unsupported Terraform Core version']);
  });
});
