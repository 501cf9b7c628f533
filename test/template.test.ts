import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { templateCommand } from '../src/commands/template';
import { loadCsv } from '../src/load/csv';
import { csvTemplate, DEFAULT_TEMPLATE_LAYOUT, EXAMPLE_USERNAME, TEMPLATE_LAYOUT_NAMES, type TemplateLayout } from '../src/template';
import { validateUsers } from '../src/validate';
import { tempFolder } from './helpers';

const HEADERS: Record<TemplateLayout, [normal: string, saml: string]> = {
  newest: [
    'first name,last name,user login,agent hierarchy,routing profile name,security_profile_name_1|security_profile_name_2,user_hierarchy_1|user_hierarchy_2,phone type (soft/desk),phone number,tags,persistent connection,audio enhancement(none/isolate voice/suppress noise)',
    'first name,last name,user login,agent hierarchy,routing profile name,security_profile_name_1|security_profile_name_2,user_hierarchy_1|user_hierarchy_2,phone type (soft/desk),phone number,tags,persistent connection,audio enhancement(none/isolate voice/suppress noise)',
  ],
  previous: [
    'first name,last name,email address,secondary email address,mobile,password,user login,agent hierarchy,routing profile name,security_profile_name_1|security_profile_name_2,user_hierarchy_1|user_hierarchy_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds),tags',
    'first name,last name,secondary email address,mobile,user login,agent hierarchy,routing profile name,security_profile_name_1|security_profile_name_2,user_hierarchy_1|user_hierarchy_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds),tags',
  ],
  older: [
    'first name,last name,email address,password,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds)',
    'first name,last name,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds)',
  ],
};

describe('csvTemplate', () => {
  const cases = TEMPLATE_LAYOUT_NAMES.flatMap((layout) => [false, true].map((saml) => [layout, saml] as const));

  it.each(cases)('writes the %s template (SAML: %p) with the console\'s header', (layout, saml) => {
    const [header, row, end] = csvTemplate({ layout, saml }).split('\n');
    expect(header).toBe(HEADERS[layout][saml ? 1 : 0]);
    expect(row.split(',').length).toBe(header.split(',').length);
    expect(end).toBe('');
  });

  it.each(cases)('the %s template (SAML: %p) is refused until its example row is edited, then loads and validates', (layout, saml) => {
    const text = csvTemplate({ layout, saml });
    const unedited = loadCsv(text, 'users/new.csv');
    expect(unedited.users).toStrictEqual([]);
    const login = HEADERS[layout][saml ? 1 : 0].split(',').indexOf('user login') + 1;
    expect(unedited.problems.map((p) => [p.code, p.file, p.line, p.column, p.field])).toStrictEqual([['TEMPLATE_EXAMPLE_ROW', 'users/new.csv', 2, login, 'username']]);

    const { users, problems } = loadCsv(text.replace(EXAMPLE_USERNAME, 'jane.doe'), 'users/new.csv');
    expect(problems).toStrictEqual([]);
    expect(users.length).toBe(1);
    expect([users[0].username, users[0].firstName, users[0].routingProfile, users[0].securityProfiles, users[0].phoneType]).toStrictEqual([
      'jane.doe',
      'Jane',
      'Basic Routing Profile',
      ['Agent'],
      'SOFT_PHONE',
    ]);
    expect(validateUsers(users, { identityManagementType: saml ? 'SAML' : 'CONNECT_MANAGED' }).problems).toStrictEqual([]);
  });

  it('defaults to the previous template (it has a column for every setting Terraform can set)', () => {
    expect(DEFAULT_TEMPLATE_LAYOUT).toBe('previous');
    expect(csvTemplate()).toBe(csvTemplate({ layout: 'previous' }));
    expect(csvTemplate({ saml: true })).toBe(csvTemplate({ layout: 'previous', saml: true }));
  });

  it('writes the default values of the columns Terraform cannot set in the newest template', () => {
    const [header, row] = csvTemplate({ layout: 'newest' }).split('\n');
    const cells = Object.fromEntries(header.split(',').map((h, i) => [h, row.split(',')[i]]));
    expect([cells['persistent connection'], cells['audio enhancement(none/isolate voice/suppress noise)']]).toStrictEqual(['no', 'none']);
  });
});

describe('connect-users template', () => {
  let stderr: string[];
  let stdout: string[];
  beforeEach(() => {
    stderr = [];
    stdout = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  const note = (where: string) =>
    `${where}: row 2 is an example. Edit it into a real user (its user login "example:jane.doe" is refused until you do: TEMPLATE_EXAMPLE_ROW) or delete it.\n`;

  it('writes the chosen template to --out and says on stderr that its example row must be edited', async () => {
    const file = path.join(tempFolder(), 'new.csv');
    await templateCommand().parseAsync(['--layout', 'newest', '--saml', '--out', file], { from: 'user' });
    expect(readFileSync(file, 'utf8')).toBe(csvTemplate({ layout: 'newest', saml: true }));
    expect(stderr.join('')).toBe(`wrote ${file} (the console's newest template, SAML)\n${note(file)}`);
    expect(process.exitCode).toBe(undefined);
  });

  it('writes the previous template by default, to standard output, with the note on stderr', async () => {
    await templateCommand().parseAsync([], { from: 'user' });
    expect(stdout.join('')).toBe(csvTemplate({ layout: 'previous' }));
    expect(stderr.join('')).toBe(note('the template'));
  });

  it('refuses to overwrite a file (exit code 2)', async () => {
    const dir = tempFolder({ 'new.csv': 'mine' });
    const file = path.join(dir, 'new.csv');
    await templateCommand().parseAsync(['--out', file], { from: 'user' });
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(stderr.join('')).toBe(`connect-users: ${file} exists already: delete it or choose another --out\n`);
    expect(process.exitCode).toBe(2);
  });

  it('refuses an unknown layout', async () => {
    const command = templateCommand().exitOverride();
    await expect(command.parseAsync(['--layout', 'oldest'], { from: 'user' })).rejects.toThrow("argument 'oldest' is invalid. Allowed choices are newest, previous, older.");
  });
});
