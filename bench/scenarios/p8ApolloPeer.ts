/**
 * P8: the cold path against a plain Apollo Server + RESTDataSource (bench/peers/apollo/) making
 * the same upstream call (issue 11 item 3, PERFORMANCE.md's "against the peers"): `me { user }`
 * with every cross-request cache of the gateway off, so each request checks its token upstream
 * and executes, as the peer does. Both servers are child processes over one simulator; they take
 * turns over a few rounds (who goes first alternates) so the load of a shared machine falls on
 * both alike, and the medians are reported. CPU per request is each process's user + system time
 * from /proc (the same method for both), divided by the requests answered.
 */
import { readFileSync } from 'node:fs';
import { closedLoop, type PlainRequest } from '../lib/load.js';
import { ensurePeersInstalled, startApolloPeer } from '../lib/peerProcesses.js';
import { startGatewayChild, type Child } from '../lib/processes.js';
import { n, type BenchContext, type Row } from '../lib/report.js';
import { OURS_NO_CACHE, PEER_ME } from '../peerComparison.js';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

export async function p8ApolloPeer(
  ctx: BenchContext,
  simUrl: string,
  token: string,
): Promise<Row[]> {
  ensurePeersInstalled(ctx.log);
  const rounds = ctx.quick ? 2 : 4;
  const durationS = Math.max(1, ctx.durationS / 2);
  const sides: { name: string; child: Child; rps: number[]; cpuUs: number[] }[] = [];
  try {
    sides.push({
      name: 'gateway, caches off',
      child: await startGatewayChild(simUrl, OURS_NO_CACHE),
      rps: [],
      cpuUs: [],
    });
    sides.push({
      name: 'Apollo + RESTDataSource',
      child: await startApolloPeer(simUrl),
      rps: [],
      cpuUs: [],
    });
    for (let round = 0; round < rounds; round++) {
      ctx.log(`P8: round ${round + 1} of ${rounds}, uncached me, 1 conn`);
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const url = new URL(side.child.url);
        const request: PlainRequest = {
          method: 'POST',
          path: url.pathname,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: PEER_ME }),
        };
        await closedLoop(url.origin, request, 1, 1); // warm-up (JIT, pools)
        const pid = side.child.process.pid as number;
        const before = cpuTicks(pid);
        const result = await closedLoop(url.origin, request, 1, durationS);
        const ticks = cpuTicks(pid) - before;
        side.rps.push(result.rps);
        side.cpuUs.push((ticks * 1e6) / TICKS_PER_S / Math.max(1, result.requests));
      }
    }
  } finally {
    for (const side of sides) await side.child.stop();
  }
  const [ours, apollo] = sides.map((s) => ({ rps: median(s.rps), cpuUs: median(s.cpuUs) }));
  if (!ours || !apollo) return [];
  const scenario = '`me { user }` uncached, 1 conn, vs Apollo + RESTDataSource';
  return [
    {
      id: 'P8',
      scenario,
      figure: `RPS · CPU per request (median of ${rounds} rounds)`,
      value: `gateway ${n(ours.rps)} · ${n(ours.cpuUs)} µs; Apollo ${n(apollo.rps)} · ${n(apollo.cpuUs)} µs`,
    },
    {
      id: 'P8',
      scenario,
      figure: 'RPS ratio gateway / Apollo · CPU ratio',
      value: `${(ours.rps / apollo.rps).toFixed(2)}× · ${(ours.cpuUs / apollo.cpuUs).toFixed(2)}×`,
      goal: '≥ 1.5× RPS',
    },
  ];
}

/** User + system clock ticks of a process so far. */
function cpuTicks(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
