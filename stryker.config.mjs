// Mutation testing (`npm run mutation`, not part of `npm test`): which tests fail when the
// code is wrong. Scores per folder are in the README's "Testing" section.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // enableFindRelatedTests: each mutant runs only the test files that import its source file.
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/load/**/*.ts',
    // Runs only in a child process, where per-test coverage cannot see it.
    '!src/load/typescript-child.ts',
    'src/validate/**/*.ts',
    'src/synth/terraform-values.ts',
    'src/review/**/*.ts',
    'src/export/**/*.ts',
    'src/connect/**/*.ts',
    'src/drift/**/*.ts',
    'src/cost/**/*.ts',
  ],
  // Excluded by configuration: mutants of the text an admin reads (see stryker/ignore-messages.mjs).
  plugins: ['@stryker-mutator/jest-runner', './stryker/ignore-messages.mjs'],
  ignorers: ['messages'],
  concurrency: 2,
  // Generous: a slow machine must not turn surviving mutants into timeouts (which count as killed).
  timeoutMS: 20000,
  timeoutFactor: 2,
  // Re-runs test only the mutants whose code or tests changed (reports/stryker-incremental.json).
  incremental: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // swc does not type-check, so no // @ts-nocheck is needed (it would shift the lines of test/fixtures/ts/*.ts).
  disableTypeChecks: false,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
