// jest for mutation runs: the unit tests that call the mutated code in this process.
// Left out: the real-Terraform tier (slow; it checks synthesized output, not functions one by
// one), tests that run the bundled CLI or app in a child process (dist/ never holds a mutant),
// and the documentation tests (they type-check the sources, which Stryker has instrumented).
const base = require('./jest.config.js');

const OUT = ['/test/terraform/', '/test/e2e.test.ts', '/test/docs/', '/test/scripts/', '/test/imports.test.ts'];

module.exports = {
  ...base,
  bail: 1,
  projects: base.projects.map((p) => ({
    ...p,
    testPathIgnorePatterns: [...p.testPathIgnorePatterns, ...OUT],
    testSequencer: '<rootDir>/stryker/fast-first-sequencer.js',
    // The sources in the roots too, so that --findRelatedTests (stryker.config.mjs) can map a
    // mutated file to the test files that import it.
    roots: ['<rootDir>/src', ...p.roots],
  })),
};
