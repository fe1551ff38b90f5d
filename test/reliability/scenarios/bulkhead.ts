import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect } from 'vitest';
import type { TestGateway, GqlResponse } from '../../helpers/testGateway.js';
import { agentNames, percentile, round, sleep, socketCounts } from '../support.js';

/** The REST-only query of R8: Authentication API and WFM REST, no SOAP. */
export const REST_QUERY = '{ me { user { username } openId { email } wfmUser { id } } }';

/** R8's workload sizes. */
export interface BulkheadLoad {
  /** REST-only queries per phase (baseline, then during the SOAP hang). */
  restQueries: number;
  restConcurrency: number;
  /** SOAP queries fired at once into the hang. */
  soapQueries: number;
}

/** Runs `count` REST-only queries `concurrency` at a time; returns their latencies and answers. */
async function restPhase(gw: TestGateway, tokens: readonly string[], load: BulkheadLoad) {
  const latenciesMs: number[] = [];
  const answers: GqlResponse[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < load.restQueries; i = next++) {
      const started = performance.now();
      answers.push(await gw.gql(REST_QUERY, tokens[i % tokens.length]));
      latenciesMs.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: load.restConcurrency }, worker));
  return { latenciesMs, answers };
}

/**
 * Baseline REST latency; then WFM SOAP hangs, `soapQueries` SOAP queries are fired into it, and the
 * same REST workload runs again while they wait. Returns the figures R8 prints.
 */
export async function runSoapHang(gw: TestGateway, load: BulkheadLoad) {
  const restTokens = await Promise.all(agentNames(8, 1).map((u) => gw.token(u)));
  const soapTokens = await Promise.all(agentNames(8, 20).map((u) => gw.token(u)));
  for (const t of restTokens) expect((await gw.gql(REST_QUERY, t)).body.errors).toBeUndefined();
  for (const t of soapTokens)
    expect((await gw.gql('{ sites { id } }', t)).body.errors).toBeUndefined();

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const baseline = await restPhase(gw, restTokens, load);

  const soapSocketsBefore = socketCounts(gw.dispatchers.soap).connected;
  gw.sim.faults.add({ kind: 'hang', service: 'wfm-soap', operation: 'GetSite' });
  const soapStarted = performance.now();
  const soap = Array.from({ length: load.soapQueries }, (_, i) =>
    gw.gql('{ sites { id } }', soapTokens[i % soapTokens.length]).then((res) => ({
      code: String(res.body.errors?.[0]?.extensions['code'] ?? 'ok'),
      latencyMs: performance.now() - soapStarted,
    })),
  );
  // Peaks of what SOAP holds while it hangs, sampled every 5 ms during the REST phase.
  const peak = { inFlight: 0, queued: 0, requests: 0, sockets: 0 };
  const sample = (): void => {
    const b = gw.resilience!.snapshot().bulkheads[0]!;
    peak.inFlight = Math.max(peak.inFlight, b.inFlight);
    peak.queued = Math.max(peak.queued, b.queued);
    const sockets = socketCounts(gw.dispatchers.soap);
    peak.requests = Math.max(peak.requests, sockets.running);
    peak.sockets = Math.max(peak.sockets, sockets.connected);
  };
  const sampler = setInterval(sample, 5);
  while (peak.inFlight < Math.min(load.soapQueries, bulkheadSize(gw))) {
    await sleep(5);
    sample();
  }
  loopDelay.enable();
  const during = await restPhase(gw, restTokens, load);
  loopDelay.disable();
  clearInterval(sampler);
  const soapResults = await Promise.all(soap);
  gw.sim.faults.clear();

  const codes = new Map<string, number>();
  for (const r of soapResults) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
  const baselineP99 = percentile(baseline.latenciesMs, 99);
  const duringP99 = percentile(during.latenciesMs, 99);
  return {
    restQueries: load.restQueries,
    restBaselineP50Ms: round(percentile(baseline.latenciesMs, 50), 1),
    restBaselineP99Ms: round(baselineP99, 1),
    restDuringHangP50Ms: round(percentile(during.latenciesMs, 50), 1),
    restDuringHangP99Ms: round(duringP99, 1),
    restDuringHangMaxMs: round(Math.max(...during.latenciesMs), 1),
    restP99Ratio: round(duringP99 / baselineP99, 2),
    restErrorsDuringHang: during.answers.filter((a) => a.body.errors !== undefined).length,
    eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 1),
    soapQueries: load.soapQueries,
    soapPeakInFlight: peak.inFlight,
    soapPeakQueued: peak.queued,
    soapSocketsBefore,
    soapPeakRequestsOnSockets: peak.requests,
    soapPeakSockets: peak.sockets,
    soapCodes: [...codes.entries()].map(([code, n]) => `${code}×${n}`).join(','),
    soapTimedOut: codes.get('UPSTREAM_TIMEOUT') ?? 0,
    soapUnavailable: codes.get('UPSTREAM_UNAVAILABLE') ?? 0,
    // A call pushed out of the full queue for another token's (the bulkhead's per-caller share).
    soapRateLimited: codes.get('RATE_LIMITED') ?? 0,
    bulkheadRejected: gw.resilience!.snapshot().bulkheads[0]!.rejected,
    soapMaxLatencyMs: Math.round(Math.max(...soapResults.map((r) => r.latencyMs))),
  };
}

function bulkheadSize(gw: TestGateway): number {
  return gw.resilience!.snapshot().bulkheads[0]!.maxConcurrent;
}
