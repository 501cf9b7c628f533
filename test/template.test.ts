import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCsv } from '../src/load/csv';
import { csvTemplate } from '../src/template';
import { validateUsers } from '../src/validate';

describe('csvTemplate', () => {
  for (const [saml, imt] of [[false, 'CONNECT_MANAGED'], [true, 'SAML']] as const) {
    it(`gives a ${saml ? 'SAML ' : ''}file whose example row loads and validates`, () => {
      const text = csvTemplate({ saml });
      const { users, problems } = loadCsv(text, 'users/new.csv');
      assert.deepEqual(problems, []);
      assert.equal(users.length, 1);
      assert.deepEqual(validateUsers(users, { identityManagementType: imt }).problems, []);
      assert.equal(text.startsWith('first name,last name,email address,'), !saml);
      assert.equal(text.includes('password'), !saml);
    });
  }
});
