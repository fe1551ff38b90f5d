/**
 * `npm run bench`: PERFORMANCE.md P1–P6 against the simulator on loopback, printed as ONE table
 * (Markdown, on stdout; progress on stderr). Asserts nothing about time.
 *
 * The simulator and the gateway run as child processes (`simulator/src/main.ts` and the real
 * `src/main.ts`, see lib/processes.ts): each has its own event loop and its own CPU account, so
 * the gateway's CPU per request is its own and the simulator's XML work does not queue behind the
 * gateway's (in one process it would). The load generators run in this process.
 *
 * Environment: BENCH_QUICK=1 (everything shorter, P3 without 5,000 agents), BENCH_DURATION_S
 * (each load run, default 8), BENCH_SOAK_S (each of the two P6 soaks, default 60), BENCH_PEERS=1
 * (also the side-by-side comparison with the peers, bench/peerComparison.ts: about 5 more
 * minutes; `npm run bench:peers` runs it alone; P8, the uncached `me` against a plain Apollo
 * Server + RESTDataSource, always runs and installs bench/peers on first use), BENCH_ONLY (comma-separated ids, e.g. `P3,P7`:
 * only the stages that measure them). The default run takes about 13 minutes on 2 cores (P10,
 * tracing off vs on, about one of them; `npm run bench:tracing` runs it alone). A stage that fails
 * is reported as a row and makes the exit status non-zero; the other stages' figures still print.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { p1Overhead } from './scenarios/p1Overhead.js';
import { p2Throughput } from './scenarios/p2Throughput.js';
import { p3FanOut } from './scenarios/p3FanOut.js';
import { p4Cache } from './scenarios/p4Cache.js';
import { p6Soak } from './scenarios/p6Soak.js';
import { p7MemoryBound } from './scenarios/p7MemoryBound.js';
import { p8ApolloPeer } from './scenarios/p8ApolloPeer.js';
import { p10Tracing } from './scenarios/p10Tracing.js';
import { peerComparison } from './peerComparison.js';
import { runSoapParseBench } from './p5SoapParse.js';
import { startGatewayChild, startSimulatorChild } from './lib/processes.js';
import { formatTable, type BenchContext, type Row } from './lib/report.js';
import { agentUsers, closeSimClient, passwordToken, passwordTokens } from './lib/simClient.js';

const quick = process.env.BENCH_QUICK === '1';
const ctx: BenchContext = {
  quick,
  durationS: positive('BENCH_DURATION_S', quick ? 2 : 8),
  soakS: positive('BENCH_SOAK_S', quick ? 10 : 60),
  log: (message) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`),
};
/** The heap flag `npm run start:prod` (and the image) runs with, read from package.json. */
const PROD_HEAP =
  /--max-old-space-size=\d+/.exec(
    (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts['start:prod'] ?? '',
  )?.[0] ?? '';
/** BENCH_ONLY: the ids to measure; empty = all. */
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((id) => id.trim())
  .filter(Boolean);
const startedAt = Date.now();
const loadBefore = loadavg();
const rows: Row[] = [];

// P5 first, in this process, while nothing else runs.
await stage(['P5'], async () => {
  ctx.log('P5: SOAP parse (the gateway’s tokenizer vs saxes, sax and node-soap)');
  for (const r of await runSoapParseBench({ quick })) {
    rows.push({
      id: 'P5',
      scenario: `GetAgentState reply ${r.sizeKb >= 1024 ? `${(r.sizeKb / 1024).toFixed(1)} MB` : `${r.sizeKb.toFixed(0)} KB`}, ${r.reader}`,
      figure: 'µs per KB · longest event-loop block · peak heap',
      value: `${r.usPerKb.toFixed(1)} µs · ${r.maxBlockMs.toFixed(1)} ms · ${r.peakHeapMb === null ? '—' : `${r.peakHeapMb.toFixed(1)} MB`}`,
      goal: r.reader === 'tokenizer' ? '≤ 45 µs/KB; block ≤ 50 ms' : undefined,
    });
  }
});

// One simulator with 1,200 agents (so 1,000 distinct agent users exist) for P1, P4 and P6.
await stage(['P1', 'P4', 'P6'], async () => {
  ctx.log('starting the simulator (1,200 agents) and the gateway');
  const sim = await startSimulatorChild(1_200);
  const gateway = await startGatewayChild(sim.url);
  try {
    const sam = await passwordToken(sim.url, 'sam.supervisor');
    rows.push(...(await p1Overhead(ctx, sim.url, gateway, sam)));
    const thousand = await passwordTokens(sim.url, agentUsers(1_000));
    rows.push(...(await p4Cache(ctx, sim.url, gateway, thousand)));
    await gateway.stop();
    rows.push(...(await p6Soak(ctx, sim.url, thousand)));
  } finally {
    await gateway.stop();
    await sim.stop();
  }
});
// P2 on a simulator of 90 agents: teams of about ten, a supervisor's usual dashboard.
await stage(['P2', 'P10'], async () => {
  ctx.log('starting a simulator (90 agents) and a gateway for P2');
  const small = await startSimulatorChild(90);
  const smallGateway = await startGatewayChild(small.url);
  try {
    const samTokens = await passwordTokens(
      small.url,
      Array.from({ length: 20 }, () => 'sam.supervisor'),
    );
    rows.push(...(await p2Throughput(ctx, smallGateway, samTokens)));
    await smallGateway.stop();
    // P10 (tracing off vs on) on the same simulator, one gateway of its own at a time.
    rows.push(...(await p10Tracing(ctx, small.url, samTokens[0] as string)));
  } finally {
    await smallGateway.stop();
    await small.stop();
  }
});
// P7 on a simulator of 303 agents (site 1 holds 101): does the cache bound hold?
await stage(['P7'], async () => {
  ctx.log('starting a simulator (303 agents) and 200 supervisor tokens for P7');
  const mid = await startSimulatorChild(303);
  try {
    const sams = await passwordTokens(
      mid.url,
      Array.from({ length: 200 }, () => 'sam.supervisor'),
    );
    rows.push(
      ...(await p7MemoryBound(ctx, mid.url, sams, [
        { label: 'heap sized as start:prod', nodeOptions: PROD_HEAP },
        { label: "Node's default heap", nodeOptions: '' },
      ])),
    );
  } finally {
    await mid.stop();
  }
});
await stage(['P3'], async () => {
  rows.push(...(await p3FanOut(ctx)));
});
// P8: the uncached `me` against a plain Apollo Server + RESTDataSource (issue 11's cold path).
await stage(['P8'], async () => {
  const sim = await startSimulatorChild(303);
  try {
    rows.push(
      ...(await p8ApolloPeer(ctx, sim.url, await passwordToken(sim.url, 'sam.supervisor'))),
    );
  } finally {
    await sim.stop();
  }
});
if (process.env.BENCH_PEERS === '1') {
  await stage(['peers'], async () => {
    for (const row of await peerComparison(ctx)) rows.push({ ...row, id: `peers ${row.id}` });
  });
}
await closeSimClient();

const order = [
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
  'P6',
  'P7',
  'P8',
  'P10',
  ...['a', 'b', 'c', 'd', 'e'].map((x) => `peers ${x}`),
];
rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
console.log(machine());
console.log('');
console.log(formatTable(rows));
console.log('');
console.log(
  `load average before / after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ` +
    `${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; total ${elapsed()}`,
);

function machine(): string {
  let model = 'unknown CPU';
  try {
    model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // not Linux
  }
  return (
    `Machine: ${availableParallelism()} CPUs (nproc), ${model}; Node ${process.version}; ` +
    `${new Date().toISOString()}${quick ? '; BENCH_QUICK=1' : ''}; ` +
    `load runs ${ctx.durationS} s, soak ${ctx.soakS} s`
  );
}

/**
 * Runs one stage of the bench unless BENCH_ONLY leaves all its ids out. A failure becomes a row
 * (so the figures already taken still print) and a non-zero exit status.
 */
async function stage(ids: readonly string[], run: () => Promise<void>): Promise<void> {
  if (only.length > 0 && !ids.some((id) => only.includes(id))) return;
  try {
    await run();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    ctx.log(`${ids.join('/')} failed: ${why}`);
    rows.push({
      id: ids[0] as string,
      scenario: `${ids.join(', ')}: stage failed`,
      figure: 'error',
      value: why.slice(0, 200),
    });
    process.exitCode = 1;
  }
}

function elapsed(): string {
  const s = Math.round((Date.now() - startedAt) / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return value;
}
