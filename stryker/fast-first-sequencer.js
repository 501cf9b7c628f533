// Test order for mutation runs: the fastest test files first (jest's default runs the slowest
// first, to balance workers). With bail, a mutant is then mostly killed by a quick unit test
// before the slow end-to-end files run.
const Sequencer = require('@jest/test-sequencer').default;

class FastFirstSequencer extends Sequencer {
  sort(tests) {
    const time = (t) => this.time(t) ?? t.context.hasteFS.getSize(t.path) ?? 0;
    return [...tests].sort((a, b) => time(a) - time(b) || (a.path < b.path ? -1 : 1));
  }
}

module.exports = FastFirstSequencer;
