/** The CSV a new users file starts from: the console's current template, with one example row. */
import { csvLine } from './csv-write';
import { CSV_COLUMNS } from './load/csv-columns';

/** Console column names in the current template's order (see the reference in the README). */
const CONSOLE_ORDER = [
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
];

const EXAMPLE: Record<string, string> = {
  'first name': 'Jane',
  'last name': 'Doe',
  'email address': 'jane.doe@example.com',
  'user login': 'jane.doe',
  'agent hierarchy': 'EMEA|Lisbon|Sales',
  'routing profile name': 'Basic Routing Profile',
  'security_profile_name_1|security_profile_name_2': 'Agent',
  'phone type (soft/desk)': 'soft',
  'soft phone auto accept (yes/no)': 'yes',
  'ACW timeout (seconds)': '30',
  tags: 'team=sales|site=lisbon',
};

/** SAML instances take no primary email and no password: the console's SAML template leaves both out. */
const NOT_FOR_SAML = new Set(['email address', 'password']);

export function csvTemplate(options: { saml?: boolean } = {}): string {
  const columns = CONSOLE_ORDER.filter((c) => !(options.saml && NOT_FOR_SAML.has(c)));
  // Every template column must be one the loader accepts: fail here, not in a user's hands.
  const known = new Set(CSV_COLUMNS.flatMap((c) => c.headers));
  for (const c of columns) if (!known.has(c)) throw new Error(`template column ${c} is not a known column`);
  return `${csvLine(columns)}\n${csvLine(columns.map((c) => EXAMPLE[c] ?? ''))}\n`;
}
