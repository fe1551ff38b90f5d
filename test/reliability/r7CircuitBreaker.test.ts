/**
 * R7 — circuit breaker: WFM SOAP answers 503 for a while, then recovers (opens on 503, only probe
 * calls while open, closes after recovery); and REST 401/403/404 plus SOAP business Faults, which
 * never open it. Production retries; a breaker scaled down to a 2 s window, 6 calls, 50 %, 300 ms
 * open (soak: the production 30 s / 20 calls / 50 % / 10 s over a 60 s outage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { runClientFaults, runSoapOutage } from './scenarios/circuitBreaker.js';
import { printFigures, resilienceWith, SOAK } from './support.js';

const BREAKER = SOAK
  ? { windowMs: 30_000, minCalls: 20, failurePercent: 50, openMs: 10_000 }
  : { windowMs: 2_000, minCalls: 6, failurePercent: 50, openMs: 300 };
const OUTAGE_MS = SOAK ? 60_000 : 1_500;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    env: { UPSTREAM_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '3000' },
    responseCache: false,
    resilience: resilienceWith({ breaker: BREAKER }),
  });
});
afterAll(() => gw.close());

describe('R7 circuit breaker', () => {
  it('never opens on REST 401/403/404 or SOAP business Faults', async () => {
    const breakers = await runClientFaults(gw, BREAKER.minCalls * 3);
    printFigures('R7 client faults', {
      callsPerFault: BREAKER.minCalls * 3,
      breakers: breakers.map((b) => `${b.service}:${b.state}:opened${b.opened}`).join(','),
    });
    for (const b of breakers) expect(b).toMatchObject({ state: 'closed', opened: 0 });
  });

  it(
    'opens on SOAP 503, lets only one probe through at a time while open, closes after recovery',
    async () => {
      const figures = await runSoapOutage(gw, OUTAGE_MS);
      printFigures('R7 SOAP outage', { ...BREAKER, outageMs: OUTAGE_MS, ...figures });
      expect(figures.timesOpened).toBeGreaterThanOrEqual(1);
      expect(figures.timeToOpenMs).toBeGreaterThanOrEqual(0);
      expect(figures.callsWhileOpen).toBe(0);
      expect(figures.maxCallsPerHalfOpen).toBeLessThanOrEqual(1);
      expect(figures.failedFast).toBeGreaterThan(0);
      expect(figures.timeToCloseMs).toBeGreaterThanOrEqual(0);
      expect(gw.resilience!.breakers.get('wfm-soap').state).toBe('closed');
      expect(gw.resilience!.breakers.get('auth').state).toBe('closed');
      expect(gw.resilience!.breakers.get('wfm').state).toBe('closed');
    },
    SOAK ? 180_000 : 20_000,
  );
});
