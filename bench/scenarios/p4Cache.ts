/**
 * P4: the response cache. Cache-hit latency (one user repeating a query), upstream calls per
 * 1,000 requests for one user and for 1,000 users, and a stampede: 100 identical concurrent
 * misses of a fresh token against one cold request.
 */
import { request } from 'undici';
import { graphqlLoad } from '../lib/load.js';
import type { GatewayChild } from '../lib/processes.js';
import { ms, n, type BenchContext, type Row } from '../lib/report.js';
import { clearLog, passwordToken, upstreamCalls } from '../lib/simClient.js';
import { DASHBOARD } from './p2Throughput.js';

const VIEWER = '{ me { user { username } wfmUser { id name } } sites { id name } }';

export async function p4Cache(
  ctx: BenchContext,
  simUrl: string,
  gateway: GatewayChild,
  thousandUsers: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  ctx.log('P4: cache-hit latency');
  const sam = await passwordToken(simUrl, 'sam.supervisor');
  await graphqlLoad({ url: gateway.url, query: VIEWER, tokens: [sam], connections: 1, amount: 20 });
  const hit = await graphqlLoad({
    url: gateway.url,
    query: VIEWER,
    tokens: [sam],
    connections: 1,
    durationS: ctx.durationS,
  });
  rows.push({
    id: 'P4',
    scenario: 'cache hit, one user, 1 conn',
    figure: 'p50 / p99 · RPS',
    value: `${ms(hit.p50)} / ${ms(hit.p99)} · ${n(hit.rps)}`,
  });

  ctx.log('P4: 1,000 requests of one user');
  const one = await passwordToken(simUrl, 'sam.supervisor');
  await clearLog(simUrl);
  await graphqlLoad({
    url: gateway.url,
    query: VIEWER,
    tokens: [one],
    connections: 10,
    amount: 1_000,
  });
  const oneCalls = (await upstreamCalls(simUrl)).length;
  rows.push({
    id: 'P4',
    scenario: '1,000 requests, one user (cold start)',
    figure: 'upstream calls',
    value: n(oneCalls),
  });

  ctx.log('P4: 1,000 requests of 1,000 users');
  await clearLog(simUrl);
  await graphqlLoad({
    url: gateway.url,
    query: VIEWER,
    tokens: thousandUsers,
    connections: 10,
    amount: thousandUsers.length,
  });
  const manyCalls = (await upstreamCalls(simUrl)).length;
  rows.push({
    id: 'P4',
    scenario: `${n(thousandUsers.length)} requests, ${n(thousandUsers.length)} users (one each, cold)`,
    figure: 'upstream calls (per request)',
    value: `${n(manyCalls)} (${(manyCalls / thousandUsers.length).toFixed(1)})`,
  });

  ctx.log('P4: stampede of 100 identical misses');
  const single = await callsOf(simUrl, gateway.url, [
    await passwordToken(simUrl, 'sam.supervisor'),
  ]);
  const fresh = await passwordToken(simUrl, 'sam.supervisor');
  const stampede = await callsOf(
    simUrl,
    gateway.url,
    Array.from({ length: 100 }, () => fresh),
  );
  rows.push({
    id: 'P4',
    scenario: 'stampede: 100 concurrent identical misses (dashboard)',
    figure: 'upstream calls vs one cold request',
    value: `${stampede} vs ${single}`,
    goal: 'one call per resource',
  });
  return rows;
}

/** Upstream calls caused by sending the dashboard once per token, all at once. */
async function callsOf(simUrl: string, url: string, tokens: readonly string[]): Promise<number> {
  await clearLog(simUrl);
  await Promise.all(
    tokens.map(async (token) => {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: DASHBOARD }),
      });
      await response.body.dump();
    }),
  );
  return (await upstreamCalls(simUrl)).length;
}
