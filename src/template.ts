/** The CSV a new users file starts from: one of the console's templates, with one example row. */
import { csvLine } from './csv-write';
import { columnFor } from './load/csv-columns';
import { EXAMPLE_ROW_PREFIX } from './load/csv';

/**
 * The console's "Import users" templates, their columns in the console's order, from the admin
 * guide's "Add users in bulk from a CSV file" (https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html)
 * as quoted in /work/notes/facts-issue8.md §2:
 * - `newest`: the "Connect Customer" version (12 columns; no email, password, auto-accept or ACW
 *   columns; its SAML form is the same, having no email or password to leave out);
 * - `previous`: the "Amazon Connect" version (16 columns), the default: it has a column for every
 *   setting Terraform's aws_connect_user can set, and none it cannot;
 * - `older`: the 11-column one that public backup tools still write.
 */
export const TEMPLATE_LAYOUTS = {
  newest: [
    'first name',
    'last name',
    'user login',
    'agent hierarchy',
    'routing profile name',
    'security_profile_name_1|security_profile_name_2',
    'user_hierarchy_1|user_hierarchy_2',
    'phone type (soft/desk)',
    'phone number',
    'tags',
    'persistent connection',
    'audio enhancement(none/isolate voice/suppress noise)',
  ],
  previous: [
    'first name',
    'last name',
    'email address',
    'secondary email address',
    'mobile',
    'password',
    'user login',
    'agent hierarchy',
    'routing profile name',
    'security_profile_name_1|security_profile_name_2',
    'user_hierarchy_1|user_hierarchy_2',
    'phone type (soft/desk)',
    'phone number',
    'soft phone auto accept (yes/no)',
    'ACW timeout (seconds)',
    'tags',
  ],
  older: [
    'first name',
    'last name',
    'email address',
    'password',
    'user login',
    'routing profile name',
    'security_profile_name_1|security_profile_name_2',
    'phone type (soft/desk)',
    'phone number',
    'soft phone auto accept (yes/no)',
    'ACW timeout (seconds)',
  ],
} as const;

export type TemplateLayout = keyof typeof TEMPLATE_LAYOUTS;
export const TEMPLATE_LAYOUT_NAMES = Object.keys(TEMPLATE_LAYOUTS) as TemplateLayout[];
export const DEFAULT_TEMPLATE_LAYOUT: TemplateLayout = 'previous';

/** The example row's user login: refused by the loader (TEMPLATE_EXAMPLE_ROW) until edited. */
export const EXAMPLE_USERNAME = `${EXAMPLE_ROW_PREFIX}jane.doe`;

const EXAMPLE: Record<string, string> = {
  'first name': 'Jane',
  'last name': 'Doe',
  'email address': 'jane.doe@example.com',
  'user login': EXAMPLE_USERNAME,
  'agent hierarchy': 'EMEA|Lisbon|Sales',
  'routing profile name': 'Basic Routing Profile',
  'security_profile_name_1|security_profile_name_2': 'Agent',
  'phone type (soft/desk)': 'soft',
  'soft phone auto accept (yes/no)': 'yes',
  'ACW timeout (seconds)': '30',
  tags: 'team=sales|site=lisbon',
  'persistent connection': 'no',
  'audio enhancement(none/isolate voice/suppress noise)': 'none',
};

/** SAML instances take no primary email and no password: the console's SAML templates leave both out. */
const NOT_FOR_SAML = new Set(['email address', 'password']);

export interface TemplateOptions {
  /** @default 'previous' */
  readonly layout?: TemplateLayout;
  /** The SAML variant: no email address and no password columns. @default false */
  readonly saml?: boolean;
}

export function csvTemplate(options: TemplateOptions = {}): string {
  const columns = TEMPLATE_LAYOUTS[options.layout ?? DEFAULT_TEMPLATE_LAYOUT].filter((c) => !(options.saml && NOT_FOR_SAML.has(c)));
  // Every template column must be one the loader accepts: fail here, not in a user's hands.
  for (const c of columns) if (!columnFor(c)) throw new Error(`template column ${c} is not a known column`);
  return `${csvLine(columns)}\n${csvLine(columns.map((c) => EXAMPLE[c] ?? ''))}\n`;
}

/** What the command tells the admin beside the file (stderr): the example row must be edited. */
export function templateNote(where: string): string {
  return `${where}: row 2 is an example. Edit it into a real user (its user login "${EXAMPLE_USERNAME}" is refused until you do: TEMPLATE_EXAMPLE_ROW) or delete it.\n`;
}
