/**
 * R6 — deadlines: upstream delays of 0/1/5/15/60 s and never, on WFM REST and WFM SOAP, against
 * the gateway deadline (30 s) and the attempt deadline (10 s) — scaled by 1/20 in the short variant
 * (1.5 s / 0.5 s, delays 0/50/250/750/3000 ms/never), unscaled under `npm run soak`. And a client
 * that disconnects mid-request: the upstream request must end with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RESILIENCE } from '../../src/upstream/resilience/ResilienceConfig.js';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { runDelays, runDisconnect, scaledDeadlines } from './scenarios/deadlines.js';
import { printFigures, SOAK } from './support.js';

const SCALE = scaledDeadlines(SOAK ? 1 : 1 / 20, SOAK ? 10 : 4);
/** The disconnect check needs an attempt deadline far longer than the time it waits. */
const DISCONNECT = { requestTimeoutMs: 30_000, upstreamTimeoutMs: 10_000, afterMs: 300 };

describe('R6 deadlines', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        UPSTREAM_TIMEOUT_MS: String(SCALE.upstreamTimeoutMs),
        REQUEST_TIMEOUT_MS: String(SCALE.requestTimeoutMs),
      },
      responseCache: false,
      // Each (delay, back end) pair is its own test; the breaker is R7's.
      resilience: {
        ...DEFAULT_RESILIENCE,
        breaker: { ...DEFAULT_RESILIENCE.breaker, minCalls: 100_000 },
      },
    });
  });
  afterAll(() => gw.close());

  it(
    'no answer later than the deadline + 1 s, whatever the upstream does; no socket left busy',
    async () => {
      const figures = await runDelays(gw, SCALE);
      printFigures('R6 delays', {
        requestTimeoutMs: SCALE.requestTimeoutMs,
        upstreamTimeoutMs: SCALE.upstreamTimeoutMs,
        delaysMs: SCALE.delaysMs.map((d) => d ?? 'never').join('/'),
        ...figures,
      });
      expect(figures.pastDeadlinePlus1s).toBe(0);
      expect(figures.fastCasesOk).toBe(figures.fastCases);
      expect(figures.slowCasesTimedOut).toBe(figures.slowCases);
      expect(figures.hangsArrived).toBeGreaterThan(0);
      expect(figures.hangsStillOpen1sLater).toBe(0);
      expect(figures.busySockets1sLater).toBe(0);
    },
    SOAK ? 180_000 : 20_000,
  );
});

describe('R6 client disconnect', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        UPSTREAM_TIMEOUT_MS: String(DISCONNECT.upstreamTimeoutMs),
        REQUEST_TIMEOUT_MS: String(DISCONNECT.requestTimeoutMs),
      },
      responseCache: false,
      resilience: DEFAULT_RESILIENCE,
    });
  });
  afterAll(() => gw.close());

  it.each([
    ['REST', 'agent040'],
    ['SOAP', 'agent041'],
  ] as const)(
    'a client leaving aborts the %s upstream call at once, with no retry',
    async (backEnd, user) => {
      const figures = await runDisconnect(gw, backEnd, user, DISCONNECT.afterMs);
      printFigures(`R6 disconnect ${backEnd}`, { ...DISCONNECT, ...figures });
      expect(figures.upstreamEndedAfterMs).toBeLessThan(1_000);
      expect(figures.upstreamRequests).toBe(1);
    },
  );
});
