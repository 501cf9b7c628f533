// Mutation testing (`npm run mutation`, not part of `npm test`): which tests fail when the
// code is wrong. scripts/mutation.js runs Stryker once per area of stryker/areas.js (this
// config reads the area from CONNECT_USERS_MUTATION_AREA) and writes the scores per folder
// that the README's "Testing" section shows.
import { createRequire } from 'node:module';

const areas = createRequire(import.meta.url)('./stryker/areas.js');
const name = process.env.CONNECT_USERS_MUTATION_AREA;
if (!name || !areas[name]) throw new Error(`set CONNECT_USERS_MUTATION_AREA to one of ${Object.keys(areas).join(', ')} (or run npm run mutation)`);
const file = name.replace(/\//g, '-');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The area's tests only (jest.stryker.config.js reads them from the environment), and of those,
  // for each mutant, the test files that import its source file (--findRelatedTests).
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  mutate: areas[name].mutate,
  // Excluded by configuration: mutants of the plain text an admin reads (see stryker/ignore-messages.mjs).
  plugins: ['@stryker-mutator/jest-runner', './stryker/ignore-messages.mjs'],
  ignorers: ['messages'],
  concurrency: 2,
  // Generous: a slow machine must not turn surviving mutants into timeouts (which count as killed).
  timeoutMS: 20000,
  timeoutFactor: 2,
  // A re-run tests only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/incremental-${file}.json`,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${file}.html` },
  jsonReporter: { fileName: `reports/mutation/${file}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  // swc does not type-check, so no // @ts-nocheck is needed (it would shift the lines of test/fixtures/ts/*.ts).
  disableTypeChecks: false,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
