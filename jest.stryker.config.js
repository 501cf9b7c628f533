// jest for mutation runs: the unit tests only (the real-Terraform tier is slow and
// exercises synthesized output, not the mutated functions one by one).
const base = require('./jest.config.js');

module.exports = { ...base, testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/test/terraform/'] };
