// jest for mutation runs (stryker.config.mjs): only the tests of the area being measured
// (CONNECT_USERS_MUTATION_AREA, see stryker/areas.js), fastest files first, stopping at the
// first failure. The real-Terraform tier, the documentation tests (they type-check the
// sources, which Stryker has instrumented) and tests that run the bundled CLI in a child
// process (dist/ never holds a mutant) are never part of an area.
const areas = require('./stryker/areas.js');
const base = require('./jest.config.js');

const area = areas[process.env.CONNECT_USERS_MUTATION_AREA];
if (!area) throw new Error('jest.stryker.config.js: set CONNECT_USERS_MUTATION_AREA (see stryker/areas.js)');

module.exports = {
  ...base,
  bail: 1,
  projects: base.projects
    .filter((p) => p.displayName !== 'terraform')
    .map((p) => ({
      ...p,
      testMatch: area.tests.map((glob) => `<rootDir>/${glob}`),
      testSequencer: '<rootDir>/stryker/fast-first-sequencer.js',
      // The sources in the roots too, so that --findRelatedTests can map a mutated file to the tests that import it.
      roots: ['<rootDir>/src', ...p.roots],
    })),
};
