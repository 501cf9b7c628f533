// jest for mutation runs (stryker.config.mjs): only the tests of the area being measured
// (CONNECT_USERS_MUTATION_AREA, see stryker/areas.js), fastest files first, stopping at the
// first failure. The real-Terraform tier, the documentation tests (they type-check the
// sources, which Stryker has instrumented) and tests that run the bundled CLI in a child
// process (dist/ never holds a mutant) are never part of an area.
const areas = require('./stryker/areas.js');
const base = require('./jest.config.js');

const area = areas[process.env.CONNECT_USERS_MUTATION_AREA];
if (!area) throw new Error('jest.stryker.config.js: set CONNECT_USERS_MUTATION_AREA (see stryker/areas.js)');

const include = area.tests.filter((glob) => !glob.startsWith('!'));
// jest's testMatch does not take negated globs here: an excluded file (`!test/x.test.ts`) is an ignore pattern.
const exclude = area.tests.filter((glob) => glob.startsWith('!')).map((glob) => `<rootDir>/${glob.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

module.exports = {
  ...base,
  bail: 1,
  testSequencer: '<rootDir>/stryker/fast-first-sequencer.js', // a root option: jest ignores it in a project
  projects: base.projects
    .filter((p) => p.displayName !== 'terraform')
    .map((p) => ({
      ...p,
      testMatch: include.map((glob) => `<rootDir>/${glob}`),
      testPathIgnorePatterns: [...(p.testPathIgnorePatterns ?? ['/node_modules/']), ...exclude],
      // The sources in the roots too, so that --findRelatedTests can map a mutated file to the tests that import it.
      roots: ['<rootDir>/src', ...p.roots],
    })),
};
