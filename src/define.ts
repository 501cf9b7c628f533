/**
 * Helpers for TypeScript user files (`users/*.ts`). Import them as
 * `import { defineUsers, preset } from 'connect-users/define'`.
 *
 * This module is loaded by every TS user file: keep it free of cdktf.
 */
import type { UserInput } from './schema';

export type { UserInput } from './schema';

/** Fields a preset may fill in for its users. */
export type PresetDefaults = Partial<Omit<UserInput, 'username'>>;

/** What a user of a preset must still give: its username, and whatever the preset does not set. */
export type PresetUser<D extends PresetDefaults> = Omit<UserInput, keyof D> & Partial<Pick<UserInput, keyof D & keyof UserInput>>;

/**
 * Declares shared settings once and derives users from them:
 *
 * ```ts
 * const agent = preset({ routingProfile: 'Sales', securityProfiles: ['Agent'], phoneType: 'SOFT_PHONE' });
 * export default defineUsers([agent({ username: 'jane.doe', firstName: 'Jane', lastName: 'Doe' })]);
 * ```
 *
 * A user's own fields win over the preset's; tags are merged.
 */
export function preset<const D extends PresetDefaults>(defaults: D): (user: PresetUser<D>) => UserInput {
  return (user) => {
    const merged = { ...defaults, ...user } as unknown as UserInput;
    if (defaults.tags && user.tags) merged.tags = { ...defaults.tags, ...user.tags };
    return merged;
  };
}

/** Marks a file's default export as its users; typed, so the editor checks every field. */
export function defineUsers(users: readonly UserInput[]): readonly UserInput[] {
  return users;
}
