// jest: TypeScript through @swc/jest (transpile only, ~10x faster than a type-checking transform;
// `tsc -p .` is the type check, run first by `npm test`).
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] };
const ignored = ['/node_modules/', '/test/fixtures/'];
// Before every test file: the tests' environment (the AWS SDK's Node version warning off).
const setupFiles = ['<rootDir>/test/setup-env.ts'];

/** @type {import('jest').Config} */
module.exports = {
  // Three projects. Only the synthesis tests pay for loading cdktf (~0.3 s a test file): cdktf's
  // matchers (toHaveResourceWithProperties, ...) are set up there. The real-Terraform tier
  // (test/terraform/*.terraform.test.ts) runs the terraform binary; the pure parts of its harness
  // (template scanner, stand-in) are unit tests, so they run even without terraform.
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'], testPathIgnorePatterns: [...ignored, '/test/synth/', '\\.terraform\\.test\\.ts$'], setupFiles },
    { displayName: 'synth', testEnvironment: 'node', transform, roots: ['<rootDir>/test/synth'], testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ignored, setupFiles, setupFilesAfterEnv: ['<rootDir>/test/setup.ts'] },
    { displayName: 'terraform', testEnvironment: 'node', transform, roots: ['<rootDir>/test/terraform'], testMatch: ['**/*.terraform.test.ts'], testPathIgnorePatterns: ignored, setupFiles },
  ],
  maxWorkers: 2,
};
