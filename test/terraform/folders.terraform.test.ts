/**
 * The real-Terraform tier, folder by folder: each users folder is
 * synthesized, stood in (stand-in.ts), planned, applied, planned again (no
 * changes) and read back with `terraform output -json`; every user must read
 * back as its files say, field by field (project.ts: compareUsers), and every
 * generated password must sit in its SSM parameter. Folders run concurrently
 * (two Terraform runs at a time, see terraform.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ConnectUsersStackProps } from '../../src/synth/connect-users-stack';
import { ROOT } from '../helpers';
import { writeUsersFolder, type GenerateOptions } from './generate';
import { checkFolder, type CheckFolderOptions } from './project';
import { describeTerraform } from './tier';

const FIXTURES = path.join(__dirname, 'fixtures');

interface Folder {
  name: string;
  dir: () => string;
  users: number;
  props?: Partial<ConnectUsersStackProps>;
  options?: CheckFolderOptions;
}

/** Generated folders, removed after the tests. */
const made: string[] = [];

/** A generated folder of n users (generate.ts), written when the test starts. */
const generated = (n: number, options: GenerateOptions = {}) => () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tier-'));
  made.push(root);
  return writeUsersFolder(path.join(root, 'users'), n, { plaintext: true, ...options });
};

const FOLDERS: Folder[] = [
  // The two stacks of main.ts, as main.ts configures them.
  { name: 'users/ (console-template CSV and TypeScript presets)', dir: () => path.join(ROOT, 'users'), users: 7 },
  { name: 'users-dev/ with default tags', dir: () => path.join(ROOT, 'users-dev'), users: 3, props: { instanceId: '11111111-1111-1111-1111-111111111111', defaultTags: { environment: 'dev' } } },
  {
    // The one folder that runs every command: init (an S3 backend swapped for a local one), validate, plan, show, apply, plan, output.
    name: 'every password source, escapes, hierarchy paths, desk phones, tags, imports; S3 backend; every terraform command',
    dir: () => path.join(FIXTURES, 'all-sources'),
    users: 8,
    props: { allowPlaintextPasswords: true, backend: { bucket: 'state-bucket' }, defaultTags: { environment: 'dev ${x}', team: 'default', 'clé été': '"q" \\' } },
    options: { backend: 'local', run: { validate: true, showPlan: true } },
  },
  { name: 'SAML', dir: () => path.join(FIXTURES, 'saml'), users: 3, props: { identityManagementType: 'SAML' } },
  { name: 'EXISTING_DIRECTORY', dir: () => path.join(FIXTURES, 'existing-directory'), users: 2, props: { identityManagementType: 'EXISTING_DIRECTORY' } },
  {
    name: '20 generated users: default password from SSM, prevent_destroy, plaintext passwords allowed',
    dir: generated(20),
    users: 20,
    props: { allowPlaintextPasswords: true, defaultPassword: 'ssm:/team/default', preventDestroy: true },
  },
  {
    name: '12 generated users: instance by alias, default password from a key of a JSON secret',
    // No imports file: its users are of another instance than the alias finds, which fails the plan (imports.terraform.test.ts).
    dir: generated(12, { imports: false }),
    users: 12,
    props: { allowPlaintextPasswords: true, instanceId: undefined, instanceAlias: 'my-alias', defaultPassword: 'secretsmanager:team/default#pw' },
  },
];

describeTerraform('real Terraform: every user reads back as the files say', () => {
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it.concurrent.each(FOLDERS)('$name', async ({ dir, users, props, options }) => {
    const { problems, readBack, result } = await checkFolder(dir(), { ...options, props });
    expect(problems).toStrictEqual([]);
    expect(Object.keys(readBack)).toHaveLength(users);
    // The plan created every instance (or imported it); the second plan, checked by runTerraform, had nothing to do.
    expect(result.plan.exitCode).toBe(2);
  });
});
