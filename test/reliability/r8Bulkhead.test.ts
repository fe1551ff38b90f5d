/**
 * R8 — bulkhead: WFM SOAP hangs while REST-only queries run. SOAP is limited to 4 calls in flight
 * and 4 queued (soak: the production 32 / 64) on sockets of its own; REST must not wait behind it.
 * The REST p99 ratio against the baseline is printed; the assertions are the robust part (every
 * REST query succeeds, none takes anywhere near the SOAP deadline). Timings belong to `npm run bench`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { runSoapHang } from './scenarios/bulkhead.js';
import { printFigures, resilienceWith, SOAK } from './support.js';

const BULKHEAD = SOAK
  ? { maxConcurrent: 32, maxQueue: 64, queueTimeoutMs: 5_000 }
  : { maxConcurrent: 4, maxQueue: 4, queueTimeoutMs: 1_000 };
const LOAD = SOAK
  ? { restQueries: 5_000, restConcurrency: 16, soapQueries: 400 }
  : { restQueries: 150, restConcurrency: 8, soapQueries: 24 };
const SOAP_TIMEOUT_MS = SOAK ? 10_000 : 3_000;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    env: {
      UPSTREAM_TIMEOUT_MS: String(SOAP_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(SOAP_TIMEOUT_MS * 1.5),
    },
    responseCache: false,
    // The breaker would open on the hang's timeouts and hide the bulkhead: R7 tests it.
    resilience: resilienceWith({ soapBulkhead: BULKHEAD, breaker: { minCalls: 100_000 } }),
  });
});
afterAll(() => gw.close());

describe('R8 SOAP bulkhead', () => {
  it(
    'keeps REST-only queries flowing while SOAP hangs, and bounds what SOAP holds',
    async () => {
      const figures = await runSoapHang(gw, LOAD);
      printFigures('R8 SOAP hang', { ...BULKHEAD, soapTimeoutMs: SOAP_TIMEOUT_MS, ...figures });
      expect(figures.restErrorsDuringHang).toBe(0);
      // Waiting behind a SOAP hang would take the whole SOAP attempt deadline.
      expect(figures.restDuringHangMaxMs).toBeLessThan(SOAP_TIMEOUT_MS);
      expect(figures.soapPeakInFlight).toBe(BULKHEAD.maxConcurrent);
      expect(figures.soapPeakQueued).toBeLessThanOrEqual(BULKHEAD.maxQueue);
      // Requests on SOAP's sockets (its dispatcher's own count); sockets being torn down after a
      // timeout may briefly add to `soapPeakSockets`, which is printed only.
      expect(figures.soapPeakRequestsOnSockets).toBeLessThanOrEqual(BULKHEAD.maxConcurrent);
      // In flight: the deadline; queued (no slot within the wait limit) or refused at once:
      // unavailable, or rate limited when the token held more of the queue than another (R16).
      expect(figures.soapTimedOut).toBe(BULKHEAD.maxConcurrent);
      expect(figures.soapUnavailable + figures.soapRateLimited).toBe(
        LOAD.soapQueries - BULKHEAD.maxConcurrent,
      );
      expect(figures.bulkheadRejected).toBe(LOAD.soapQueries - BULKHEAD.maxConcurrent);
    },
    SOAK ? 300_000 : 20_000,
  );
});
