// The code measured by mutation testing, in areas: each area's mutants are tested by the
// tests written for that code (its mirror under test/ and the few tests that exercise it
// directly), not by the whole suite. A mutant of a validation rule must be killed by a
// validation test; and a mutation run of everything against everything took hours here.
// A surviving mutant runs every test that covers it, so a slow test that covers much (the
// 7-second CSV/TypeScript parity property, the review command's end-to-end tests) is left out
// where unit tests cover the same code, or gets an area of its own (review/run): the scores
// are those of the fast tests, never better than the whole suite's.
module.exports = {
  load: {
    mutate: ['src/load/**/*.ts', '!src/load/typescript-child.ts'], // the child runs in another process: no per-test coverage
    tests: ['test/load/**/*.test.ts', 'test/properties/hostile-input.test.ts', 'test/users.test.ts'],
  },
  validate: {
    mutate: ['src/validate/**/*.ts'],
    tests: ['test/validate/**/*.test.ts', 'test/users.test.ts', 'test/properties/hostile-input.test.ts'],
  },
  'synth/terraform-values': {
    mutate: ['src/synth/terraform-values.ts'],
    tests: ['test/synth/**/*.test.ts', 'test/properties/hostile-input.test.ts'],
  },
  review: {
    mutate: ['src/review/**/*.ts', '!src/review/review.ts', '!src/review/base.ts'],
    tests: ['test/review/**/*.test.ts', '!test/review/review.test.ts', '!test/review/base.test.ts', '!test/review/review.units.test.ts', '!test/review/base.units.test.ts'],
  },
  // The review commands end to end (a git repository, a base's own main.ts run): slow tests,
  // so only the two files that need them, with their fast unit tests (*.units.test.ts).
  'review/run': {
    mutate: ['src/review/review.ts', 'src/review/base.ts'],
    tests: ['test/review/review.test.ts', 'test/review/base.test.ts', 'test/review/review.units.test.ts', 'test/review/base.units.test.ts'],
  },
  export: {
    mutate: ['src/export/**/*.ts', 'src/connect/**/*.ts'],
    tests: ['test/export/**/*.test.ts', 'test/connect/**/*.test.ts', 'test/commands/export.test.ts', 'test/csv-write.test.ts'],
  },
  drift: {
    mutate: ['src/drift/**/*.ts'],
    tests: ['test/drift/**/*.test.ts', 'test/commands/drift.test.ts'],
  },
  cost: {
    mutate: ['src/cost/**/*.ts'],
    tests: ['test/cost/**/*.test.ts', 'test/commands/cost.test.ts', 'test/commands/validate.test.ts'],
  },
};
