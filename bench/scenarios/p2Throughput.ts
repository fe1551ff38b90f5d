/**
 * P2: throughput sweep on a supervisor's dashboard (viewer + sites + one team's week of
 * schedules: about ten agents), 1, 10, 50 and 200 connections, 20 tokens of the supervisor taken
 * in turn (each token has its own cache entries; all warm after the first round, then refreshed
 * as their TTLs pass).
 */
import { graphqlLoad } from '../lib/load.js';
import type { GatewayChild } from '../lib/processes.js';
import { ms, n, type BenchContext, type Row } from '../lib/report.js';

/** The dashboard query (also the P4 stampede's). */
export const DASHBOARD = `{
  me { user { username } wfmUser { id name } }
  sites { id name timeZone }
  schedules(siteId: "1", teamIds: ["11"], from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00") {
    agent { id firstName lastName } items { type name start end }
  }
}`;

export async function p2Throughput(
  ctx: BenchContext,
  gateway: GatewayChild,
  tokens: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  // Fill each token's cache entries once, then a short warm-up.
  await graphqlLoad({
    url: gateway.url,
    query: DASHBOARD,
    tokens,
    connections: 5,
    amount: tokens.length,
  });
  for (const connections of [1, 10, 50, 200]) {
    ctx.log(`P2: ${connections} connections`);
    const result = await graphqlLoad({
      url: gateway.url,
      query: DASHBOARD,
      tokens,
      connections,
      durationS: ctx.durationS,
    });
    rows.push({
      id: 'P2',
      scenario: `dashboard, ${connections} conn`,
      figure: 'RPS · p50 / p95 / p99 · errors',
      value: `${n(result.rps)} · ${ms(result.p50)} / ${ms(result.p95)} / ${ms(result.p99)} · ${result.errors}`,
    });
  }
  return rows;
}
