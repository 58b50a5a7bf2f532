// Preloaded into a measured child (`node --import ./bench/peak-rss.mjs ...`): at exit, writes the
// process's peak resident set size (KiB, from getrusage) to the file named by PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
