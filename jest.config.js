// jest: TypeScript through @swc/jest (transpile only, ~10x faster than a type-checking transform;
// `tsc -p .` is the type check, run first by `npm test`).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // The users' own folders and the fixtures are data, not tests.
  testPathIgnorePatterns: ['/node_modules/', '/test/fixtures/'],
  maxWorkers: 2,
};
