import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { affectedStacks } from '../../src/review/affected';
import { ROOT } from '../helpers';

const stacks = [
  { id: 'sales', usersDir: 'users/sales' },
  { id: 'support', usersDir: 'users/support' },
  { id: 'dev', usersDir: 'users-dev' },
];

describe('affectedStacks', () => {
  const cases: [string, string[], string[]][] = [
    ['a file in one stack folder affects that stack only', ['users/sales/agents.csv'], ['sales']],
    ['a nested file counts too', ['users/support/emea/team.ts'], ['support']],
    ['a folder whose name starts like another does not count for it', ['users-dev/x.csv'], ['dev']],
    ['main.ts affects every stack', ['main.ts'], ['sales', 'support', 'dev']],
    ['the sources and the lock file affect every stack', ['src/model.ts', 'package-lock.json'], ['sales', 'support', 'dev']],
    ['docs and workflows affect none', ['README.md', '.github/workflows/connect-users.yml'], []],
  ];
  for (const [when, changed, expected] of cases) {
    it(when, () => expect(affectedStacks(stacks, changed).map((s) => s.id)).toStrictEqual(expected));
  }

  it('says which files make a stack affected', () => {
    expect(affectedStacks(stacks, ['users/sales/a.csv'])[0].because).toStrictEqual(['users/sales/a.csv']);
  });
});

describe('the app describes its stacks without synthesizing', () => {
  it('CONNECT_USERS_DESCRIBE=1 prints each stack with its users folder and identity type', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'app.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CONNECT_USERS_DESCRIBE: '1' } });
    expect(run.status).toBe(0) /* run.stderr */;
    expect(JSON.parse(run.stdout)).toStrictEqual([
      { id: 'connect-users', usersDir: 'users', identityManagementType: 'CONNECT_MANAGED', allowPlaintextPasswords: false, instance: '00000000-0000-0000-0000-000000000000' },
      { id: 'connect-users-dev', usersDir: 'users-dev', identityManagementType: 'CONNECT_MANAGED', allowPlaintextPasswords: false, instance: '11111111-1111-1111-1111-111111111111' },
    ]);
    const saml = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'app.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CONNECT_USERS_DESCRIBE: '1', CONNECT_IDENTITY_MANAGEMENT: 'saml' },
    });
    expect(JSON.parse(saml.stdout)[0].identityManagementType).toBe('SAML');
  });
});
