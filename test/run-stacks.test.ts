import { appStacks, describeStacks, runStacks, type StackConfig } from '../src/run-stacks';
import { SettingsError } from '../src/settings';
import { tempFolder, thrown } from './helpers';

describe('describeStacks (what the app tells the CLI about each stack)', () => {
  it('gives validate what it needs to check as synth does: the instance, the props the rules read, the time limit', () => {
    const [s] = describeStacks([
      {
        id: 'prod',
        instanceId: 'inst-1',
        usersDir: 'users',
        defaultPassword: 'ssm:/connect/initial',
        generatedPasswordPrefix: '/connect/initial/',
        generatedPasswordTier: 'Advanced',
        defaultTags: { team: 'x' },
        identityManagementType: 'SAML',
        region: 'eu-west-2',
        backend: { bucket: 'state', region: 'eu-west-1' },
        tsTimeoutMs: 2500,
      },
    ]);
    expect(s).toStrictEqual({
      id: 'prod',
      usersDir: 'users',
      identityManagementType: 'SAML',
      allowPlaintextPasswords: false,
      instance: 'inst-1',
      instanceId: 'inst-1',
      instanceAlias: undefined,
      region: 'eu-west-2',
      defaultTags: { team: 'x' },
      defaultPassword: 'ssm:/connect/initial',
      generatedPasswordPrefix: '/connect/initial/',
      generatedPasswordTier: 'Advanced',
      backend: { bucket: 'state' },
      tsTimeoutMs: 2500,
    });
  });

  it('keys a stack found by alias by its alias, and defaults the folder and the identity type', () => {
    const [s] = describeStacks([{ id: 'x', instanceAlias: 'my-centre' }]);
    expect([s.instance, s.usersDir, s.identityManagementType, s.backend]).toStrictEqual(['alias:my-centre', 'users', 'CONNECT_MANAGED', undefined]);
  });
});

describe('runStacks with CONNECT_USERS_DESCRIBE=1 (what `validate` receives)', () => {
  /** Runs `runStacks` in describe mode with the given variables; what it printed and its exit code. */
  function describeRun(stacks: Parameters<typeof runStacks>[0], env: Record<string, string>) {
    const names = ['CONNECT_USERS_DESCRIBE', ...Object.keys(env)];
    const saved = names.map((name) => [name, process.env[name]] as const);
    const exitCode = process.exitCode;
    const out: string[] = [];
    const err: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    try {
      Object.assign(process.env, { CONNECT_USERS_DESCRIBE: '1' }, env);
      runStacks(stacks);
      return { described: out.length > 0 ? JSON.parse(out.join('')) : undefined, stderr: err.join(''), exitCode: process.exitCode };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      process.exitCode = exitCode;
    }
  }
  const stack: StackConfig = { id: 'a', instanceId: 'i' };

  it('gives every stack CONNECT_USERS_TS_TIMEOUT_SECONDS in milliseconds (10 s unset), unless main.ts sets its own', () => {
    expect(describeRun([stack], {}).described.map((s: { tsTimeoutMs: number }) => s.tsTimeoutMs)).toStrictEqual([10_000]);
    const run = describeRun(() => [stack, { ...stack, id: 'b', tsTimeoutMs: 1234 }], { CONNECT_USERS_TS_TIMEOUT_SECONDS: '2.5' });
    expect(run.described.map((s: { tsTimeoutMs: number }) => s.tsTimeoutMs)).toStrictEqual([2500, 1234]);
  });

  it('stops on an invalid CONNECT_USERS_TS_TIMEOUT_SECONDS even when main.ts never reads it: exit 2, INVALID_SETTING', () => {
    for (const stacks of [[stack], () => [stack]]) {
      expect(describeRun(stacks, { CONNECT_USERS_TS_TIMEOUT_SECONDS: 'abc' })).toStrictEqual({
        // The problems as data on stdout too, for appStacks.
        described: {
          settingsProblems: [
            {
              file: 'environment',
              field: 'CONNECT_USERS_TS_TIMEOUT_SECONDS',
              code: 'INVALID_SETTING',
              message: 'expected a number of seconds above 0 and at most 3600, e.g. 30 or 2.5, got "abc": fix the variable or unset it',
            },
          ],
        },
        stderr:
          'connect-users: 1 problem(s) in the settings.\nenvironment: CONNECT_USERS_TS_TIMEOUT_SECONDS: expected a number of seconds above 0 and at most 3600, e.g. 30 or 2.5, got "abc": fix the variable or unset it (INVALID_SETTING)\n',
        exitCode: 2,
      });
    }
  });
});

describe('appStacks (asking the app for its stacks, as the CLI and scripts/typecheck.js do)', () => {
  const app = (script: string) => tempFolder({ 'cdktf.json': JSON.stringify({ app: 'node app.js' }), 'app.js': script });

  it("runs cdktf.json's command in the folder given, with CONNECT_USERS_DESCRIBE=1, and reads the last line", () => {
    const dir = app("console.log('noise'); console.log(JSON.stringify([{ id: process.env.CONNECT_USERS_DESCRIBE + process.env.X, usersDir: process.cwd() }]));");
    expect(appStacks({ cwd: dir, env: { X: 'y' } })).toStrictEqual([{ id: '1y', usersDir: dir }]);
  });

  it('says why when the app fails, or prints no list', () => {
    expect(() => appStacks({ cwd: app("process.stderr.write('bad setting\\n'); process.exit(2);") })).toThrow(
      new Error('the app (node app.js) could not list its stacks:\nbad setting'),
    );
    for (const output of ["console.log('{}')", "console.log('not json')", '']) {
      expect(() => appStacks({ cwd: app(output) })).toThrow(new Error('the app (node app.js) printed no list of stacks'));
    }
  });

  const PROBLEM = { file: 'environment', field: 'CONNECT_X', code: 'INVALID_SETTING', message: 'expected a whole number, got "x"' };
  it('throws a SettingsError with the problems when main.ts stopped on invalid settings (exit 2 and {"settingsProblems": [...]} last)', () => {
    const err = thrown(() => appStacks({ cwd: app(`console.log(JSON.stringify({ settingsProblems: [${JSON.stringify(PROBLEM)}] })); process.exit(2);`) }));
    expect([err instanceof SettingsError, (err as SettingsError).problems]).toStrictEqual([true, [PROBLEM]]);
  });

  it.each([
    ['the app exited 0', `console.log(JSON.stringify({ settingsProblems: [${JSON.stringify(PROBLEM)}] }));`, 'the app (node app.js) printed no list of stacks'],
    ['no problem in the list', "console.error('x'); console.log(JSON.stringify({ settingsProblems: [] })); process.exit(2);", 'the app (node app.js) could not list its stacks:\nx'],
    ['a problem without a code', `console.error('x'); console.log(JSON.stringify({ settingsProblems: [${JSON.stringify({ ...PROBLEM, code: 1 })}] })); process.exit(2);`, 'the app (node app.js) could not list its stacks:\nx'],
    ['a problem without a message', `console.error('x'); console.log(JSON.stringify({ settingsProblems: [${JSON.stringify({ ...PROBLEM, message: undefined })}] })); process.exit(2);`, 'the app (node app.js) could not list its stacks:\nx'],
    ['a problem without a file', `console.error('x'); console.log(JSON.stringify({ settingsProblems: [${JSON.stringify({ ...PROBLEM, file: null })}] })); process.exit(2);`, 'the app (node app.js) could not list its stacks:\nx'],
    ['settingsProblems not a list', "console.error('x'); console.log(JSON.stringify({ settingsProblems: 'bad' })); process.exit(2);", 'the app (node app.js) could not list its stacks:\nx'],
  ])('fails as any broken app when %s', (_, script, message) => {
    const err = thrown(() => appStacks({ cwd: app(script) }));
    expect([err instanceof SettingsError, err.message]).toStrictEqual([false, message]);
  });
});
