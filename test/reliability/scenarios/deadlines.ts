import { Agent, request } from 'undici';
import { expect } from 'vitest';
import type { TestGateway } from '../../helpers/testGateway.js';
import { percentile, sleep, socketCounts } from '../support.js';

/** The gateway's deadlines and the upstream delays they are tested against, all in ms. */
export interface DeadlineScale {
  requestTimeoutMs: number;
  upstreamTimeoutMs: number;
  /** Upstream answer delays; `null` = never answers. */
  delaysMs: ReadonlyArray<number | null>;
  /** Concurrent queries per delay and back end. */
  queriesPerCase: number;
}

/** RELIABILITY's numbers (30 s / 10 s, delays 0/1/5/15/60 s and never) times `factor`. */
export function scaledDeadlines(factor: number, queriesPerCase: number): DeadlineScale {
  return {
    requestTimeoutMs: 30_000 * factor,
    upstreamTimeoutMs: 10_000 * factor,
    delaysMs: [0, 1_000, 5_000, 15_000, 60_000, null].map((d) => (d === null ? null : d * factor)),
    queriesPerCase,
  };
}

const BACK_ENDS = [
  {
    name: 'REST',
    query: '{ me { wfmUser { id } } }',
    service: 'wfm',
    operation: 'system/userinfo',
  },
  { name: 'SOAP', query: '{ sites { id } }', service: 'wfm-soap', operation: 'GetSite' },
] as const;

/**
 * Where a client disconnect is checked. WFM REST `/system/userinfo` is not among them: the
 * per-request memo (src/cache/withRequestMemo.ts) runs it without the caller's signal, because
 * the WFM session handshake it feeds may be shared with other requests, so it ends at its attempt
 * deadline instead. The Authentication API's `openid/userinfo` is the REST call checked.
 */
const DISCONNECT_TARGETS = {
  REST: { query: '{ me { openId { email } } }', service: 'auth', operation: 'openid/userinfo' },
  SOAP: { query: '{ sites { id } }', service: 'wfm-soap', operation: 'GetSite' },
} as const;

/** How many requests a `hang` rule may catch before it expires: its remaining count tells how many arrived. */
const HANG_BUDGET = 10_000;

/** Queries every (delay, back end) pair at once, each pair as its own user; returns R6's figures. */
export async function runDelays(gw: TestGateway, scale: DeadlineScale) {
  const cases = scale.delaysMs.flatMap((delayMs) =>
    BACK_ENDS.map((backEnd) => ({ delayMs, backEnd })),
  );
  const tokens = await Promise.all(
    cases.map((_, i) => gw.token(`agent${String(i + 1).padStart(3, '0')}`)),
  );
  for (const [i, c] of cases.entries()) {
    const warm = await gw.gql(c.backEnd.query, tokens[i]);
    expect(warm.body.errors).toBeUndefined();
  }
  const baseline = sockets(gw);
  const hangRules: string[] = [];
  for (const [i, c] of cases.entries()) {
    const target = {
      identity: `agent${String(i + 1).padStart(3, '0')}`,
      service: c.backEnd.service,
      operation: c.backEnd.operation,
    };
    if (c.delayMs === null)
      hangRules.push(gw.sim.faults.add({ ...target, kind: 'hang', times: HANG_BUDGET }));
    else if (c.delayMs > 0) gw.sim.faults.add({ ...target, kind: 'latency', ms: c.delayMs });
  }
  const results = await Promise.all(
    cases.flatMap((c, i) =>
      Array.from({ length: scale.queriesPerCase }, async () => {
        const started = performance.now();
        const res = await gw.gql(c.backEnd.query, tokens[i]);
        const code = res.body.errors?.[0]?.extensions['code'];
        return {
          c,
          latencyMs: performance.now() - started,
          code: typeof code === 'string' ? code : 'ok',
        };
      }),
    ),
  );
  const hangsArrived = gw.sim.faults
    .list()
    .filter((r) => hangRules.includes(r.id))
    .reduce((sum, r) => sum + (HANG_BUDGET - (r.times ?? 0)), 0);
  gw.sim.faults.clear();
  await sleep(1_000);
  const hangsClosed = gw.sim.log.entries().filter((e) => e.fault === 'hang').length;
  const latencies = results.map((r) => r.latencyMs);
  const codes = new Map<string, number>();
  for (const r of results) {
    const key = `${r.c.backEnd.name}:${r.c.delayMs ?? 'never'}:${r.code}`;
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  return {
    requests: results.length,
    p50LatencyMs: Math.round(percentile(latencies, 50)),
    p99LatencyMs: Math.round(percentile(latencies, 99)),
    maxLatencyMs: Math.round(Math.max(...latencies)),
    pastDeadline: latencies.filter((l) => l > scale.requestTimeoutMs).length,
    pastDeadlinePlus1s: latencies.filter((l) => l > scale.requestTimeoutMs + 1_000).length,
    fastCasesOk: results.filter(
      (r) => r.c.delayMs !== null && r.c.delayMs < scale.upstreamTimeoutMs && r.code === 'ok',
    ).length,
    fastCases: results.filter((r) => r.c.delayMs !== null && r.c.delayMs < scale.upstreamTimeoutMs)
      .length,
    slowCasesTimedOut: results.filter(
      (r) =>
        (r.c.delayMs === null || r.c.delayMs >= scale.requestTimeoutMs) &&
        r.code === 'UPSTREAM_TIMEOUT',
    ).length,
    slowCases: results.filter((r) => r.c.delayMs === null || r.c.delayMs >= scale.requestTimeoutMs)
      .length,
    hangsArrived,
    hangsStillOpen1sLater: hangsArrived - hangsClosed,
    busySocketsBefore: baseline.running,
    busySockets1sLater: sockets(gw).running,
    connectedSocketsBefore: baseline.connected,
    connectedSockets1sLater: sockets(gw).connected,
    codes: [...codes.entries()].map(([k, n]) => `${k}×${n}`).join(','),
  };
}

/**
 * A client that disconnects `afterMs` into a query whose upstream never answers; returns how long
 * after the disconnect the simulator saw that upstream request end, and how many arrived.
 */
export async function runDisconnect(
  gw: TestGateway,
  backEnd: 'REST' | 'SOAP',
  user: string,
  afterMs: number,
): Promise<{ upstreamEndedAfterMs: number; upstreamRequests: number }> {
  const { query, service, operation } = DISCONNECT_TARGETS[backEnd];
  const token = await gw.token(user);
  expect((await gw.gql(query, token)).body.errors).toBeUndefined();
  const rule = gw.sim.faults.add({
    identity: user,
    service,
    operation,
    kind: 'hang',
    times: HANG_BUDGET,
  });
  const client = new Agent();
  const leaving = new AbortController();
  const pending = request(gw.url, {
    dispatcher: client,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: leaving.signal,
  }).catch((error: unknown) => error);
  await sleep(afterMs);
  leaving.abort();
  const leftAt = performance.now();
  await pending;
  let ended: number | null = null;
  while (ended === null && performance.now() - leftAt < 5_000) {
    if (gw.sim.log.entries({ identity: user, operation }).some((e) => e.fault === 'hang')) {
      ended = performance.now() - leftAt;
    } else await sleep(5);
  }
  const arrived =
    HANG_BUDGET - (gw.sim.faults.list().find((r) => r.id === rule)?.times ?? HANG_BUDGET);
  gw.sim.faults.remove(rule);
  await client.close();
  return { upstreamEndedAfterMs: Math.round(ended ?? Infinity), upstreamRequests: arrived };
}

function sockets(gw: TestGateway): { connected: number; running: number } {
  const rest = socketCounts(gw.dispatchers.rest);
  const soap = socketCounts(gw.dispatchers.soap);
  return { connected: rest.connected + soap.connected, running: rest.running + soap.running };
}
