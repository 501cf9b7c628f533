// jest for mutation runs: the unit tests only. The real-Terraform tier (test/terraform) is slow,
// and tests that run the bundled CLI or app in a child process (dist/) never see a mutant.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  projects: base.projects.map((p) => ({ ...p, testPathIgnorePatterns: [...p.testPathIgnorePatterns, '/test/terraform/', '/test/e2e.test.ts'] })),
};
