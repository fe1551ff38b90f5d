/**
 * `npm run bench:peers`: the gateway against its peers (bench/peerComparison.ts), one table on
 * stdout, progress on stderr. BENCH_DURATION_S sets each load run (default 8). Exits non-zero
 * when a peer's answer differs from the gateway's.
 */
import { loadavg } from 'node:os';
import { peerComparison } from './peerComparison.js';
import { formatTable } from './lib/report.js';
import { closeSimClient } from './lib/simClient.js';

const startedAt = Date.now();
const raw = process.env.BENCH_DURATION_S;
const durationS = raw ? Number(raw) : 8;
if (!(durationS > 0)) throw new Error(`BENCH_DURATION_S must be a positive number, got "${raw}"`);
const before = loadavg();
const rows = await peerComparison({
  quick: false,
  durationS,
  soakS: 0,
  log: (m) =>
    process.stderr.write(`[bench:peers ${Math.round((Date.now() - startedAt) / 1000)}s] ${m}\n`),
});
await closeSimClient();
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`Node ${process.version}; ${new Date().toISOString()}; load runs ${durationS} s`);
console.log('');
console.log(formatTable(rows));
console.log('');
console.log(
  `load average before / after: ${load(before)} / ${load(loadavg())}; total ${Math.round((Date.now() - startedAt) / 1000)} s`,
);
