/**
 * Peak-RSS reporter for bench/run.mjs when GNU time is not available: preloaded into the
 * monc process with `node --import ./bench/maxrss.mjs dist/monc.js …`, it writes
 * process.resourceUsage().maxRSS (KiB, the whole process including worker threads) to the
 * file named by MONC_BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.MONC_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
