// Preloaded into the measured process: reports its peak resident set size and the CPU time it used when it exits.
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${usage.maxRSS}\nBENCH_CPU_MS=${cpuMs}\n`);
});
