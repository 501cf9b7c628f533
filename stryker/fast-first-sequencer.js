// Test order for mutation runs: the fastest test files first (jest's default runs the slowest
// first, to balance workers). With bail, a mutant is then mostly killed by a quick unit test
// before the slow end-to-end files run.
//
// And only the test files that hold a test covering the mutant. Stryker's jest runner passes the
// covering tests as a name pattern (`testNamePattern`), but jest still loads every file
// --findRelatedTests names (20 or more for a validation rule) to find those names: that loading
// was most of each mutant's time. The names of every file's tests are recorded when jest reports
// a run (Stryker's first run runs them all), and a later run keeps the files whose recorded names
// match the pattern, exactly the tests jest itself would run. A file without a record, or a run
// with no match, runs as before.
const Sequencer = require('@jest/test-sequencer').default;
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

/** Where the names are recorded: the working folder of the run (Stryker's sandbox, shared by its workers). */
const RECORD = path.join(process.cwd(), '.stryker-test-names.json');

function readRecord() {
  try {
    return existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, 'utf8')) : {};
  } catch {
    return {};
  }
}

class FastFirstSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.namePattern = options?.globalConfig?.testNamePattern;
    // --findRelatedTests <the mutated file>: its mirror under test/ (src/x/y.ts -> y.test.ts) goes first.
    const mutated = options?.globalConfig?.findRelatedTests ? options.globalConfig.nonFlagArgs?.[0] : undefined;
    this.mirror = mutated ? `${path.basename(mutated, '.ts')}.` : undefined;
  }

  sort(tests) {
    const time = (t) => this.time(t) ?? t.context.hasteFS.getSize(t.path) ?? 0;
    const mirror = (t) => (this.mirror && path.basename(t.path).startsWith(this.mirror) ? 0 : 1);
    const sorted = [...tests].sort((a, b) => mirror(a) - mirror(b) || time(a) - time(b) || (a.path < b.path ? -1 : 1));
    if (!this.namePattern) return sorted;
    const pattern = new RegExp(this.namePattern, 'i'); // jest matches testNamePattern case-insensitively
    const record = readRecord();
    const kept = sorted.filter((t) => !record[t.path] || record[t.path].some((name) => pattern.test(name)));
    return kept.length > 0 ? kept : sorted;
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (this.namePattern) return; // a filtered run knows only some of the names
    const record = readRecord();
    for (const file of results.testResults) {
      if (file.testExecError) continue;
      record[file.testFilePath] = file.testResults.map((t) => t.fullName);
    }
    writeFileSync(RECORD, JSON.stringify(record));
  }
}

module.exports = FastFirstSequencer;
