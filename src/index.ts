/** The public API of connect-users. */
export { ConnectUsersStack, type ConnectUsersStackProps } from './synth/connect-users-stack';
export { readUsers, type ReadUsersOptions, type UsersRead } from './users';
export { UsersError, formatProblem, type Problem } from './problems';
export type { IdentityManagementType, PhoneType, User, RawUser } from './model';
export { defineUsers, preset, type UserInput } from './define';
