/**
 * P6: memory under a soak of 200 connections with 1,000 distinct tokens taken in turn, on a fresh
 * gateway (caches filled by one round of every token first). The gateway child reports its RSS
 * and heap every 2 s; the heap slope is a least-squares line over the samples after the first
 * quarter (noisy: it follows the collector's sawtooth), so the live heap after full collections
 * is taken too, once warm and again at the end.
 *
 * Run twice: with Node's default heap sizing (on a machine with plenty of memory V8 lets the heap
 * grow long before it collects), and with `--max-old-space-size=160`, the setting for a memory
 * budget of about 200 MB.
 */
import { graphqlLoad } from '../lib/load.js';
import { startGatewayChild } from '../lib/processes.js';
import { ms, n, type BenchContext, type Row } from '../lib/report.js';

const VIEWER = '{ me { user { username } wfmUser { id name } } sites { id name } }';
const HEAP_CAP = '--max-old-space-size=160';

export async function p6Soak(
  ctx: BenchContext,
  simUrl: string,
  tokens: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const nodeOptions of ['', HEAP_CAP]) {
    const label = `soak ${ctx.soakS} s, 200 conn, ${n(tokens.length)} tokens${nodeOptions ? `, ${nodeOptions}` : ''}`;
    ctx.log(`P6: ${label}`);
    const gateway = await startGatewayChild(simUrl, { NODE_OPTIONS: nodeOptions });
    try {
      const idle = await gateway.usage();
      await graphqlLoad({
        url: gateway.url,
        query: VIEWER,
        tokens,
        connections: 20,
        amount: tokens.length,
      });
      const liveBefore = await gateway.usage(true);
      const samples: { t: number; rss: number; heap: number }[] = [];
      const started = Date.now();
      const sampler = setInterval(() => {
        void gateway.usage().then((u) =>
          samples.push({
            t: (Date.now() - started) / 60_000,
            rss: u.memory.rss,
            heap: u.memory.heapUsed,
          }),
        );
      }, 2_000);
      const result = await graphqlLoad({
        url: gateway.url,
        query: VIEWER,
        tokens,
        connections: 200,
        durationS: ctx.soakS,
      });
      clearInterval(sampler);
      const live = await gateway.usage(true);
      const steady = samples.slice(Math.floor(samples.length / 4));
      const maxRss = Math.max(...samples.map((s) => s.rss));
      rows.push(
        {
          id: 'P6',
          scenario: label,
          figure: 'RPS · p99 · errors',
          value: `${n(result.rps)} · ${ms(result.p99)} · ${result.errors}`,
        },
        {
          id: 'P6',
          scenario: label,
          figure: 'RSS idle / max · heap slope · live heap after GC, warm → end',
          value: `${mb(idle.memory.rss)} / ${mb(maxRss)} · ${slopeMbPerMin(steady).toFixed(1)} MB/min · ${mb(liveBefore.memory.heapUsed)} → ${mb(live.memory.heapUsed)}`,
          goal: 'RSS ≤ 200 MB; flat heap',
        },
      );
    } finally {
      await gateway.stop();
    }
  }
  return rows;
}

function slopeMbPerMin(points: readonly { t: number; heap: number }[]): number {
  if (points.length < 2) return 0;
  const meanT = points.reduce((s, p) => s + p.t, 0) / points.length;
  const meanH = points.reduce((s, p) => s + p.heap, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - meanT) * (p.heap - meanH);
    den += (p.t - meanT) ** 2;
  }
  return den === 0 ? 0 : num / den / 1e6;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}
