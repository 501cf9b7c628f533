import { loadCsv } from '../src/load/csv';
import { csvTemplate } from '../src/template';
import { validateUsers } from '../src/validate';

describe('csvTemplate', () => {
  for (const [saml, imt] of [[false, 'CONNECT_MANAGED'], [true, 'SAML']] as const) {
    it(`gives a ${saml ? 'SAML ' : ''}file whose example row loads and validates`, () => {
      const text = csvTemplate({ saml });
      const { users, problems } = loadCsv(text, 'users/new.csv');
      expect(problems).toStrictEqual([]);
      expect(users.length).toBe(1);
      expect(validateUsers(users, { identityManagementType: imt }).problems).toStrictEqual([]);
      expect(text.startsWith('first name,last name,email address,')).toBe(!saml);
      expect(text.includes('password')).toBe(!saml);
    });
  }
});
