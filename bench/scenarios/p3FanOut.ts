/**
 * P3: fan-out. `site(id: 1) { agents { schedule(week) { items } } }` for sites of 10, 100, 1,000
 * and 5,000 agents — a simulator per size seeded with 3 × N agents (round-robin over three sites,
 * so site 1 holds N, plus alex.agent) and a gateway against it. Cold: a fresh token (new WFM
 * session, empty cache); warm: the same request again. Upstream calls come from the simulator's
 * request log.
 */
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { startGatewayChild, startSimulatorChild } from '../lib/processes.js';
import { bytes, ms, n, type BenchContext, type Row } from '../lib/report.js';
import { clearLog, passwordToken, upstreamCalls } from '../lib/simClient.js';

const board = (siteId: string) =>
  `{ site(id: "${siteId}") { agents { id schedule(from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00") { items { type name start end } } } } }`;

export async function p3FanOut(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const sizes = ctx.quick ? [10, 100, 1_000] : [10, 100, 1_000, 5_000];
  for (const size of sizes) {
    ctx.log(`P3: ${n(size)} agents`);
    const sim = await startSimulatorChild(size * 3);
    // A week is about 45 items per agent: 1,000 agents are past REQUEST_MAX_ANSWER_ITEMS' default
    // (sized for the README's 160 MB heap cap); the docs tell operators of sites this big to
    // raise it, so the bench raises it to fit the site (5,000 agents: about 225k items), and
    // CACHE_MAX_BYTES with it (a week takes about 12 KiB per agent in the cache; 64 MiB holds
    // a site of about 4,000), so "warm" measures a cache that holds the site.
    const maxItems = Math.max(60_000, size * 60);
    const cacheBytes = Math.max(64 * 1024 * 1024, size * 24 * 1024);
    const gateway = await startGatewayChild(sim.url, {
      REQUEST_MAX_ANSWER_ITEMS: String(maxItems),
      CACHE_MAX_BYTES: String(cacheBytes),
    });
    try {
      // Warm the new gateway process (JIT, pools) on another site, so "cold" means a cold cache
      // and a new WFM session, not a cold process.
      await measure(sim.url, gateway.url, await passwordToken(sim.url, 'pat.supervisor'), '3');
      const cold = await measure(
        sim.url,
        gateway.url,
        await passwordToken(sim.url, 'sam.supervisor'),
      );
      const token = await passwordToken(sim.url, 'sam.supervisor');
      await measure(sim.url, gateway.url, token); // fills this token's cache
      const warm = await measure(sim.url, gateway.url, token);
      rows.push({
        id: 'P3',
        scenario: `site of ${n(cold.agents)} agents, a week`,
        figure: 'upstream calls cold / warm (GetAgentState)',
        value: `${cold.calls} (${cold.schedules}) / ${warm.calls} (${warm.schedules})`,
        goal: 'bounded by chunks; 0 warm',
      });
      rows.push({
        id: 'P3',
        scenario: `site of ${n(cold.agents)} agents, a week`,
        figure: 'latency cold / warm · response',
        value: `${ms(cold.ms)} / ${ms(warm.ms)} · ${bytes(cold.bytes)}`,
      });
    } finally {
      await gateway.stop();
      await sim.stop();
    }
  }
  return rows;
}

async function measure(simUrl: string, gatewayUrl: string, token: string, siteId = '1') {
  await clearLog(simUrl);
  const t0 = performance.now();
  const response = await request(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: board(siteId) }),
    bodyTimeout: 120_000,
    headersTimeout: 120_000,
  });
  const text = await response.body.text();
  const elapsed = performance.now() - t0;
  const body = JSON.parse(text) as { data?: { site?: { agents: unknown[] } }; errors?: unknown[] };
  if (response.statusCode !== 200 || body.errors)
    throw new Error(`P3 request failed: ${text.slice(0, 300)}`);
  const calls = await upstreamCalls(simUrl);
  return {
    agents: body.data?.site?.agents.length ?? 0,
    ms: elapsed,
    bytes: Buffer.byteLength(text),
    calls: calls.length,
    schedules: calls.filter((c) => c.operation === 'GetAgentState').length,
  };
}
