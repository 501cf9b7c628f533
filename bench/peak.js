// Preloaded into every benchmarked process (node --require): reports its peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`BENCH_PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
