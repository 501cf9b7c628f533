/**
 * The stack's synth-time deletion guard follows the stack, not only its folder: it passes its
 * id, so the guard compares with the users the same stack had at the base (main.ts there may
 * have kept them in another folder; src/review/base.ts). The guard itself is tested in
 * test/review; here only what the stack hands it.
 */
import { App } from 'cdktf';
import { enforceRemovalGuard } from '../../src/review/review';
import { ConnectUsersStack } from '../../src/synth/connect-users-stack';
import { csv, tempFolder } from '../helpers';

jest.mock('../../src/review/review', () => ({ enforceRemovalGuard: jest.fn(() => ['note: deletion guard against origin/main: ok']) }));

describe('ConnectUsersStack removal guard', () => {
  it('runs the guard with the stack id, the folder, the identity type, the TS time limit and the acknowledgement wording', () => {
    const usersDir = tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') });
    const stack = new ConnectUsersStack(new App({ outdir: tempFolder() }), 'sales', {
      instanceId: 'i',
      usersDir,
      identityManagementType: 'CONNECT_MANAGED',
      tsTimeoutMs: 2500,
      removalGuard: { base: 'origin/main', maxRemovals: 2, acknowledgeWith: 'env' },
    });
    expect(jest.mocked(enforceRemovalGuard).mock.calls).toStrictEqual([
      [stack.users, { base: 'origin/main', maxRemovals: 2, acknowledgeWith: 'env', dir: usersDir, stack: 'sales', identityManagementType: 'CONNECT_MANAGED', tsTimeoutMs: 2500 }],
    ]);
    expect(stack.notes).toStrictEqual(['note: deletion guard against origin/main: ok']);
  });

  it('runs no guard without removalGuard', () => {
    jest.mocked(enforceRemovalGuard).mockClear();
    new ConnectUsersStack(new App({ outdir: tempFolder() }), 's', { instanceId: 'i', usersDir: tempFolder({ 'a.csv': csv('amy,A,A,,Sales,Agent,,soft,,') }) });
    expect(enforceRemovalGuard).not.toHaveBeenCalled();
  });
});
