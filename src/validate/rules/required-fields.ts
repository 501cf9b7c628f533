import type { UserRule } from '../rule';

const REQUIRED = [
  ['username', 'the login name, e.g. jane.doe'],
  ['routingProfile', 'a routing profile name as shown in Connect'],
  ['phoneType', 'soft or desk'],
] as const;

export const requiredFields: UserRule = {
  name: 'required-fields',
  description: 'Every user has a username, a routing profile and a phone type.',
  check: (user) =>
    REQUIRED.filter(([field]) => user[field] === undefined || user[field] === '').map(([field, what]) => ({
      field,
      code: 'REQUIRED',
      message: `expected ${what}, got nothing: fill it in`,
    })),
};
