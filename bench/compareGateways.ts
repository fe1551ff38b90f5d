/**
 * Two gateways in one run: `npx tsx bench/compareGateways.ts <other checkout> [label]` starts
 * this checkout's gateway and the other's (e.g. `git worktree add /tmp/base main` with its own
 * `npm ci`) against one simulator, and measures their warm throughput turn by turn, so machine
 * load falls on both alike. Scenarios: the P1 warm query (token check remembered, no upstream
 * call) over one undici connection and over 50, and the P4 cache hit (a viewer query answered
 * from the response cache) over one autocannon connection. Prints, per scenario, the median RPS
 * of each side over the rounds, the ratio and the CPU per request; asserts nothing.
 * `BENCH_DURATION_S` (each run, default 5) and `BENCH_ROUNDS` (default 5) tune it.
 */
import { resolve } from 'node:path';
import { closedLoop, graphqlLoad, type PlainRequest } from './lib/load.js';
import { startGatewayChild, startSimulatorChild, type GatewayChild } from './lib/processes.js';
import { closeSimClient, passwordToken } from './lib/simClient.js';

const otherRoot = process.argv[2];
if (!otherRoot) {
  console.error('usage: npx tsx bench/compareGateways.ts <other checkout> [label]');
  process.exit(2);
}
const otherLabel = process.argv[3] ?? 'other';
const durationS = positive('BENCH_DURATION_S', 5);
const rounds = positive('BENCH_ROUNDS', 5);
const log = (message: string) => process.stderr.write(`[compare] ${message}\n`);

const P1 = '{ me { user { username } authorities { name } } }';
const P4 = '{ me { user { username } wfmUser { id name } } sites { id name } }';

interface Side {
  label: string;
  gateway: GatewayChild;
  rps: Record<string, number[]>;
  cpuUs: Record<string, number[]>;
}

log('starting the simulator and both gateways');
const sim = await startSimulatorChild(200);
const sides: Side[] = [
  { label: 'this', gateway: await startGatewayChild(sim.url), rps: {}, cpuUs: {} },
  {
    label: otherLabel,
    gateway: await startGatewayChild(sim.url, {}, resolve(otherRoot)),
    rps: {},
    cpuUs: {},
  },
];
try {
  const token = await passwordToken(sim.url, 'sam.supervisor');
  const scenarios: Record<string, (g: GatewayChild) => Promise<number>> = {
    'P1 warm, 1 conn': (g) => closed(g, token, P1, 1),
    'P1 warm, 50 conn': (g) => closed(g, token, P1, 50),
    'P4 cache hit, 1 conn': async (g) =>
      (await graphqlLoad({ url: g.url, query: P4, tokens: [token], connections: 1, durationS }))
        .rps,
  };
  for (const side of sides) {
    // Warm-up: JIT, pools, the token check and the response cache.
    await closed(side.gateway, token, P1, 4, 2);
    await graphqlLoad({
      url: side.gateway.url,
      query: P4,
      tokens: [token],
      connections: 1,
      amount: 200,
    });
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(scenarios)) {
      // Alternate which side goes first, so neither always runs on a warmer machine.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const before = await side.gateway.usage();
        const started = performance.now();
        const rps = await run(side.gateway);
        const after = await side.gateway.usage();
        const requests = (rps * (performance.now() - started)) / 1000;
        const cpu = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
        (side.rps[name] ??= []).push(rps);
        (side.cpuUs[name] ??= []).push(cpu / Math.max(1, requests));
      }
      log(`round ${round + 1}/${rounds}: ${name}`);
    }
  }
  const [mine, other] = sides as [Side, Side];
  console.log(
    `| scenario | ${mine.label} RPS | ${other.label} RPS | ratio ${mine.label}/${other.label} | CPU per request ${mine.label} / ${other.label} |`,
  );
  console.log('|---|---|---|---|---|');
  for (const name of Object.keys(scenarios)) {
    const a = median(mine.rps[name] ?? []);
    const b = median(other.rps[name] ?? []);
    console.log(
      `| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(3)} | ` +
        `${median(mine.cpuUs[name] ?? []).toFixed(0)} µs / ${median(other.cpuUs[name] ?? []).toFixed(0)} µs |`,
    );
  }
  console.log(
    `\n${rounds} rounds of ${durationS} s per scenario and side, sides alternating; RPS per round: ` +
      JSON.stringify(Object.fromEntries(sides.map((s) => [s.label, s.rps]))),
  );
} finally {
  for (const side of sides) await side.gateway.stop();
  await sim.stop();
  await closeSimClient();
}

async function closed(
  gateway: GatewayChild,
  token: string,
  query: string,
  connections: number,
  seconds = durationS,
): Promise<number> {
  const url = new URL(gateway.url);
  const request: PlainRequest = {
    method: 'POST',
    path: url.pathname,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  };
  return (await closedLoop(url.origin, request, connections, seconds)).rps;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(Number.isInteger(value) && value > 0))
    throw new Error(`${name} must be a positive integer`);
  return value;
}
