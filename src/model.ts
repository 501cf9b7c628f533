/**
 * The user model: what both loaders (CSV and TypeScript) produce and what the
 * validator and the synthesizer consume. Pure data, no cdktf.
 */

/** How the Connect instance manages identities: decides which fields are allowed. */
export const IDENTITY_MANAGEMENT_TYPES = ['CONNECT_MANAGED', 'SAML', 'EXISTING_DIRECTORY'] as const;
export type IdentityManagementType = (typeof IDENTITY_MANAGEMENT_TYPES)[number];

export const PHONE_TYPES = ['SOFT_PHONE', 'DESK_PHONE'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

/** Where a user (or a problem) comes from: a path relative to the working directory and a 1-based line. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based line; absent when the line is unknown (e.g. a TS user built in a loop). */
  readonly line?: number;
  /** 1-based column (CSV only). */
  readonly column?: number;
}

/**
 * A user as read from a file, before validation. Every field may be missing or
 * wrong: the rules in `src/validate/rules` decide. Field names are the native
 * CSV header names and the keys of a TypeScript user object.
 */
export interface RawUser {
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  secondaryEmail?: string;
  /** A password cell/field: a reference (`ssm:...`, `secretsmanager:...`, `generate`) or a literal. */
  password?: string;
  routingProfile?: string;
  securityProfiles?: string[];
  /** Hierarchy path from the top level down; the user's group is the last element. */
  hierarchyPath?: string[];
  phoneType?: PhoneType;
  deskPhoneNumber?: string;
  autoAccept?: boolean;
  afterContactWorkTimeLimit?: number;
  tags?: Record<string, string>;
  directoryUserId?: string;
  /** Where this user is defined. */
  source: SourceLocation;
  /**
   * `true` when messages about this user must not quote any of its values: its
   * CSV row has a password column holding a plaintext password, or a cell that
   * could be a Connect password. A comma that shifts a row moves the password
   * into another column, so no cell of such a row is safe to show.
   */
  hideValues?: boolean;
}

/** What a message says instead of a value of a user whose values are hidden (see `RawUser.hideValues`). */
export const HIDDEN_VALUE = 'a value not shown (the row holds a password, or a value like one, which a shifted row can put in any column)';

/** A user that passed validation: required fields are present, defaults are applied. */
export interface User extends RawUser {
  username: string;
  routingProfile: string;
  securityProfiles: string[];
  hierarchyPath: string[];
  phoneType: PhoneType;
  autoAccept: boolean;
  afterContactWorkTimeLimit: number;
  tags: Record<string, string>;
}

/** The user's hierarchy group name (the last element of its path), if any. */
export function hierarchyGroupOf(user: RawUser): string | undefined {
  const path = user.hierarchyPath;
  return path && path.length > 0 ? path[path.length - 1] : undefined;
}

/**
 * What `connect-users export --without-emails` writes in the email columns
 * (SearchUsers does not return emails). Never an email: `validate` refuses it
 * (EMAIL_NOT_EXPORTED) until the admin writes the user's emails, so such a file
 * can never reach a plan that would clear the emails in Connect.
 */
export const EMAIL_NOT_EXPORTED = 'keep';
