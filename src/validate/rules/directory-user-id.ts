import type { UserRule } from '../rule';

export const directoryUserId: UserRule = {
  name: 'directory-user-id',
  description: 'A directory user id is only given on EXISTING_DIRECTORY instances.',
  check: (user, { identityManagementType }) => {
    if (user.directoryUserId === undefined || user.directoryUserId === '') return 'not-applicable';
    if (identityManagementType === 'EXISTING_DIRECTORY') return [];
    return [
      {
        field: 'directoryUserId',
        code: 'DIRECTORY_USER_ID_NOT_ALLOWED',
        message: `expected no directory user id on a ${identityManagementType} instance, got one: remove it`,
      },
    ];
  },
};
