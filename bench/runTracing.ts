/**
 * `npm run bench:tracing`: P10 alone (tracing off vs on, bench/scenarios/p10Tracing.ts), against a
 * simulator of 90 agents, printed as the same table as `npm run bench`. BENCH_DURATION_S (default
 * 8) sets each load run.
 */
import { availableParallelism } from 'node:os';
import { p10Tracing } from './scenarios/p10Tracing.js';
import { startSimulatorChild } from './lib/processes.js';
import { formatTable, type BenchContext } from './lib/report.js';
import { closeSimClient, passwordToken } from './lib/simClient.js';

const duration = Number(process.env.BENCH_DURATION_S ?? '8');
const ctx: BenchContext = {
  quick: false,
  durationS: Number.isFinite(duration) && duration > 0 ? duration : 8,
  soakS: 0,
  log: (message) => process.stderr.write(`[bench] ${message}\n`),
};
const sim = await startSimulatorChild(90);
try {
  const token = await passwordToken(sim.url, 'sam.supervisor');
  const rows = await p10Tracing(ctx, sim.url, token);
  console.log(
    `Machine: ${availableParallelism()} CPUs; Node ${process.version}; ${new Date().toISOString()}; load runs ${ctx.durationS} s`,
  );
  console.log('');
  console.log(formatTable(rows));
} finally {
  await sim.stop();
  await closeSimClient();
}
