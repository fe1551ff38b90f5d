/**
 * R16 (issue 10 item 2) — fairness: one token floods `schedules(agentIds: $ids)` while 50 other
 * users query. The attack as reported sent 105k ids in variables (about 210 GetAgent calls from
 * one request); the front door refuses that before any upstream call (first case). What stays
 * legal is a caller sending requests of 1,000 ids (two GetAgent calls each) from 40 connections
 * back to back, and WFM being slow for its heavy calls (300 ms each, a latency fault on that
 * user only): without a per-caller share that keeps the SOAP bulkhead's slots and queue full and
 * other users' calls are refused `UPSTREAM_UNAVAILABLE` (26 of 56 in the report). With it the
 * flooding token holds at most its share of the slots, freed slots go to callers in turn, and a
 * full queue pushes the flooder's newest call out for another caller's: every other user's
 * request succeeds. Figures: others' errors and p95 during the flood against their baseline, the
 * flooder's upstream calls and refusals. The response cache is off so every query reaches SOAP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import {
  agentNames,
  histogram,
  percentile,
  printFigures,
  reliabilityOptions,
  round,
  sleep,
} from './support.js';

const FLOODER = 'alex.agent';
const OTHERS = 50;
const FLOOD_CONNECTIONS = 40;
/** Bounds the flood whatever happens: requests it may send in all. */
const FLOOD_MAX_REQUESTS = 2_000;
const HEAVY_LATENCY_MS = 300;
const IDS_PER_REQUEST = 1_000;

const SCHEDULES = `query ($siteId: ID!, $ids: [ID!]) {
  schedules(siteId: $siteId, from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z", agentIds: $ids) {
    agent { id }
  }
}`;
const OTHER_QUERY = '{ sites { id name teams { id name } } }';

let gw: TestGateway;
let siteId: string;

beforeAll(async () => {
  gw = await startTestGateway(
    reliabilityOptions('test', {
      logs: 'off',
      simulator: { agents: 60 },
      responseCache: false,
      env: { UPSTREAM_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '15000' },
    }),
  );
  const flooder = await gw.token(FLOODER);
  const sites = await gw.gql('{ sites { id } }', flooder);
  siteId = (sites.body.data?.['sites'] as Array<{ id: string }>)[0]!.id;
});
afterAll(() => gw?.close());

/** `count` ids no agent has, distinct per request. */
function idsFor(request: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => String(1_000_000 + request * count + k));
}

/** `1`…`count`: the shortest ids, so 105k of them fit the 1 MB body limit as in the report. */
function shortIds(count: number): string[] {
  return Array.from({ length: count }, (_, k) => String(k + 1));
}

function codeOf(answer: Awaited<ReturnType<TestGateway['gql']>>): string {
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  return String(answer.body.errors?.[0]?.extensions['code'] ?? 'ok');
}

/** Each token sends `OTHER_QUERY` once, all at the same time; latencies and codes. */
async function othersRound(tokens: readonly string[]) {
  return Promise.all(
    tokens.map(async (token) => {
      const started = performance.now();
      const answer = await gw.gql(OTHER_QUERY, token);
      return { ms: performance.now() - started, code: codeOf(answer) };
    }),
  );
}

describe('R16 fairness between callers', () => {
  it('refuses 105k ids in variables before any upstream call', async () => {
    const flooder = await gw.token(FLOODER);
    const before = gw.sim.log.count();
    const answer = await gw.gql(SCHEDULES, flooder, { siteId, ids: shortIds(105_000) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'LIST_ARGUMENT',
    });
    expect(gw.sim.log.count() - before).toBe(0);
    printFigures('R16 105k ids', { status: answer.status, upstreamCalls: 0 });
  });

  it("keeps every other user's requests succeeding while one token floods legal id lists", async () => {
    const flooder = await gw.token(FLOODER);
    const others = await Promise.all(agentNames(OTHERS).map((user) => gw.token(user)));
    // A first round opens their WFM sessions and token checks; the second is the baseline.
    expect((await othersRound(others)).every((r) => r.code === 'ok')).toBe(true);
    const baseline = await othersRound(others);
    expect(baseline.every((r) => r.code === 'ok')).toBe(true);

    gw.sim.faults.add({
      kind: 'latency',
      service: 'wfm-soap',
      operation: 'GetAgent',
      identity: FLOODER,
      ms: HEAVY_LATENCY_MS,
    });
    const bulkhead = () => gw.resilience!.snapshot().bulkheads[0]!;
    const share = bulkhead().maxConcurrentPerCaller;
    const getAgentsBefore = gw.sim.log.count({ operation: 'GetAgent', identity: FLOODER });

    let flooding = true;
    let sent = 0;
    const floodCodes: string[] = [];
    const peak = { inFlight: 0, queued: 0 };
    const sampler = setInterval(() => {
      const b = bulkhead();
      peak.inFlight = Math.max(peak.inFlight, b.inFlight);
      peak.queued = Math.max(peak.queued, b.queued);
    }, 5);
    const flood = Array.from({ length: FLOOD_CONNECTIONS }, async () => {
      while (flooding && sent < FLOOD_MAX_REQUESTS) {
        const request = ++sent;
        const ids = idsFor(request, IDS_PER_REQUEST);
        floodCodes.push(codeOf(await gw.gql(SCHEDULES, flooder, { siteId, ids })));
      }
    });
    // The flood holds its whole share of the slots and a queue before the others start.
    for (let i = 0; i < 400 && !(bulkhead().inFlight >= share && bulkhead().queued > 0); i++)
      await sleep(10);
    const holdingShare = bulkhead().inFlight >= share;
    const during = [...(await othersRound(others)), ...(await othersRound(others))];
    flooding = false;
    await Promise.all(flood);
    clearInterval(sampler);
    gw.sim.faults.clear();

    const snapshot = bulkhead();
    const othersErrors = during.filter((r) => r.code !== 'ok');
    const baselineP95 = percentile(
      baseline.map((r) => r.ms),
      95,
    );
    const duringP95 = percentile(
      during.map((r) => r.ms),
      95,
    );
    const flooderGetAgents =
      gw.sim.log.count({ operation: 'GetAgent', identity: FLOODER }) - getAgentsBefore;
    printFigures('R16 flood', {
      flooderRequests: floodCodes.length,
      flooderGetAgentCalls: flooderGetAgents,
      flooderCodes: histogram(floodCodes).replace(/ /g, ','),
      bulkheadSlots: snapshot.maxConcurrent,
      perCallerShare: share,
      peakInFlight: peak.inFlight,
      peakQueued: peak.queued,
      refusedOverShare: snapshot.rejectedOverShare,
      othersRequests: during.length,
      othersErrors: othersErrors.length,
      othersErrorPercent: round((100 * othersErrors.length) / during.length, 1),
      othersBaselineP95Ms: round(baselineP95, 1),
      othersDuringP95Ms: round(duringP95, 1),
      othersP95Ratio: round(duringP95 / baselineP95, 2),
    });

    // The attack really filled the flooder's share and queued behind it…
    expect(holdingShare).toBe(true);
    expect(peak.queued).toBeGreaterThan(0);
    // …and still every other user's request succeeded.
    expect(othersErrors.map((r) => r.code)).toEqual([]);
    // Each request of 1,000 ids is two GetAgent calls (LOADER_MAX_BATCH_SIZE 500), no more.
    expect(flooderGetAgents).toBeLessThanOrEqual(2 * floodCodes.length);
    // The flooder's own refusals are its share's (RATE_LIMITED) or the queue's, never a crash.
    for (const code of floodCodes)
      expect(['ok', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']).toContain(code);
    expect(snapshot).toMatchObject({ inFlight: 0, queued: 0, callers: 0 });
  }, 60_000);
});
