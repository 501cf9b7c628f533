/**
 * Imports on a stack that finds its instance by alias: the stack only learns
 * the instance's id at plan time, so a postcondition on the instance lookup
 * compares it with the instance the imports files were exported from (see
 * src/synth/adoption.ts). Real Terraform, plan only (about 0.5 s a run).
 */
import * as path from 'node:path';
import { factsOf, INSTANCE_ID, realAttributes, synthFolder } from './project';
import { standIn } from './stand-in';
import { planError, runTerraform } from './terraform';
import { describeTerraform, diagnostics } from './tier';

const ALL_SOURCES = path.join(__dirname, 'fixtures', 'all-sources');
/** The fixture's x.imports.json lists users of INSTANCE_ID; the alias stand-in's made-up id is `instance-centre`. */
const PROPS = { allowPlaintextPasswords: true, instanceId: undefined, instanceAlias: 'centre' };
const INSTANCE = 'data.aws_connect_instance.instance';

describeTerraform('real Terraform: imports on a stack that finds its instance by alias', () => {
  const { config, users } = synthFolder(ALL_SOURCES, PROPS);
  const data = realAttributes(config, users, factsOf(PROPS));
  /** The stand-in configuration, with the instance the alias finds given this id. */
  const found = (id?: string) => standIn(config, { data: id ? { ...data, [INSTANCE]: { '': { ...data[INSTANCE][''], id } } } : data, backend: 'none' });

  it.concurrent('fails the plan, once, when the alias finds another instance than the imports are from', async () => {
    const errors = diagnostics(await planError(found()));
    expect(errors.map((e) => [e.severity, e.summary, e.detail])).toStrictEqual([
      [
        'Error',
        'Resource postcondition failed',
        `The users imported by ${ALL_SOURCES}/x.imports.json are in the Connect instance ${INSTANCE_ID}, but the alias "centre" finds the instance instance-centre. ` +
          'Users can only be imported into the instance they are in: export them from this instance (connect-users export --instance-id instance-centre), or delete the imports file.',
      ],
    ]);
  });

  it.concurrent('imports the users when the alias finds that instance', async () => {
    const { plan } = await runTerraform(found(INSTANCE_ID), { validate: false, planOnly: true, showPlan: true });
    expect(plan.changes!.filter((c) => c.importing).map((c) => c.importing)).toStrictEqual([`${INSTANCE_ID}:uid`, `${INSTANCE_ID}:uid2`, `${INSTANCE_ID}:uid-\${3}`]);
  });
});
