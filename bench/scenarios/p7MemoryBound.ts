/**
 * P7: does the cache bound hold (issue 11 item 2)? 200 distinct supervisor tokens each warm a
 * site's week of schedules (about 450 KB of answer, 101 agents) on a fresh gateway with the
 * default cache bounds, so both caches fill past their bounds and must evict. After two full
 * collections the live heap above the idle heap is compared with what the caches say they hold
 * and with the configured bound (CACHE_MAX_BYTES plus the whole-answer cache's quarter of it).
 * Then, once every entry's TTL has passed, the heap is taken again: expired entries must be gone
 * without any request touching them.
 *
 * Run twice: with the gateway's own heap sizing (`npm run start:prod` and the image) and with
 * Node's default.
 */
import { graphqlLoad } from '../lib/load.js';
import { startGatewayChild, type GatewayChild } from '../lib/processes.js';
import { n, type BenchContext, type Row } from '../lib/report.js';

const FROM = '2026-03-09T00:00:00-05:00';
const TO = '2026-03-16T00:00:00-05:00';
const WEEK = `{ site(id: "1") { agents { id schedule(from: "${FROM}", to: "${TO}") { items { type name start end } } } } }`;
/** The default CACHE_MAX_BYTES, and the whole-answer cache's quarter of it (docs/configuration.md). */
const CACHE_BOUND = 64 * 1024 * 1024 * 1.25;
/** Every TTL 30 s (the token check's default), so the purge check waits seconds, not minutes. */
const TTL_MS = 30_000;
const TTLS = Object.fromEntries(
  [
    'TOKEN_CHECK_TTL_MS',
    ...['WFM_USER', 'SITES', 'TEAMS', 'AGENTS', 'SCHEDULES', 'OPEN_ID'].map(
      (k) => `CACHE_TTL_${k}_MS`,
    ),
  ].map((name) => [name, String(TTL_MS)]),
);
/** How often the gateway drops expired entries (src/cache/expirySweep.ts), plus a margin. */
const SWEEP_WAIT_MS = 5_000 + 2_000;

export async function p7MemoryBound(
  ctx: BenchContext,
  simUrl: string,
  tokens: readonly string[],
  heapSizing: { label: string; nodeOptions: string }[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const sizing of heapSizing) {
    ctx.log(`P7: ${n(tokens.length)} supervisors warm a week each (${sizing.label})`);
    const gateway = await startGatewayChild(simUrl, {
      ...TTLS,
      NODE_OPTIONS: sizing.nodeOptions,
    });
    try {
      const idle = (await gateway.usage(true)).memory;
      let maxRss = idle.rss;
      const sampler = setInterval(() => {
        void gateway.usage().then((u) => (maxRss = Math.max(maxRss, u.memory.rss)));
      }, 250);
      // Each token once, then each again (a second round reads the caches, filled to their
      // bounds). It is the bound that evicts, not the clock.
      const result = await graphqlLoad({
        url: gateway.url,
        query: WEEK,
        tokens,
        connections: 10,
        amount: tokens.length * 2,
      });
      clearInterval(sampler);
      const warm = (await gateway.usage(true)).memory;
      const held = await cacheBytes(gateway);
      // Every entry was stored by now, so all have expired TTL_MS from now; the sweep runs alone.
      await new Promise((r) => setTimeout(r, TTL_MS + SWEEP_WAIT_MS));
      const expired = (await gateway.usage(true)).memory;
      const heldAfter = await cacheBytes(gateway);
      const scenario = `${n(tokens.length)} supervisors × a site's week (${sizing.label})`;
      rows.push(
        {
          id: 'P7',
          scenario,
          figure: 'errors · live heap above idle · caches report · bound',
          value: `${result.errors} · ${mb(warm.heapUsed - idle.heapUsed)} · ${mb(held)} · ${mb(CACHE_BOUND)}`,
          goal: 'heap above idle ≤ bound + 32 MB',
        },
        {
          id: 'P7',
          scenario,
          figure: 'RSS idle / max · after TTLs: heap above idle, caches report',
          value: `${mb(idle.rss)} / ${mb(maxRss)} · ${mb(expired.heapUsed - idle.heapUsed)}, ${mb(heldAfter)}`,
          goal: 'RSS < 400 MB; expired entries gone',
        },
      );
    } finally {
      await gateway.stop();
    }
  }
  return rows;
}

/** The bytes both caches report holding (from /metrics). */
async function cacheBytes(gateway: GatewayChild): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gateway.url))).text();
  let sum = 0;
  for (const name of ['gateway_response_cache_bytes', 'gateway_whole_answer_cache_bytes']) {
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    if (match) sum += Number(match[1]);
  }
  return sum;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}
