// Preloaded into a measured child (`node --import ./bench/peak-rss.mjs ...`): at exit, writes the
// process's peak resident set size (KiB) and CPU time (user + system, ms), both from getrusage, to the
// file named by PEAK_RSS_FILE as JSON.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ max_rss_kib: u.maxRSS, cpu_ms: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
  });
}
