// Preloaded into a benchmarked process (`node --import`): prints its peak RSS on exit for measure.ts.

process.on('exit', () => {
  process.stderr.write(`SLUICE_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
