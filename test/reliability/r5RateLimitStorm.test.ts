/**
 * R5 — a 429 storm: every upstream answers 429 `Retry-After: 2` for a while, then recovers; and
 * the variant with `Retry-After: 600`. Production retry policy and budget. Short variant: 120
 * callers over 1.5 s with an 8 s request deadline (so two 2 s waits fit); `npm run soak`: 1,500
 * callers over an 18 s storm with the unscaled 30 s / 10 s deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RESILIENCE } from '../../src/upstream/resilience/ResilienceConfig.js';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { expectStormHeld, runRateLimitStorm } from './scenarios/rateLimitStorm.js';
import { SOAK } from './support.js';

const STORM = SOAK
  ? { callers: 1_500, stormMs: 20_000, spreadMs: 18_000, retryAfterSec: 2 }
  : { callers: 120, stormMs: 2_500, spreadMs: 1_500, retryAfterSec: 2 };
const LONG_WAIT = SOAK
  ? { callers: 600, stormMs: 6_000, spreadMs: 5_000, retryAfterSec: 600 }
  : { callers: 60, stormMs: 1_500, spreadMs: 500, retryAfterSec: 600 };
const TIMEOUT_MS = SOAK ? 300_000 : 30_000;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    env: {
      UPSTREAM_TIMEOUT_MS: SOAK ? '10000' : '2000',
      REQUEST_TIMEOUT_MS: SOAK ? '30000' : '8000',
      TOKEN_CHECK_TTL_MS: '300000',
      TOKEN_CHECK_CACHE_MAX: '10000',
    },
    resilience: DEFAULT_RESILIENCE,
    responseCache: false,
  });
});
afterAll(() => gw.close());

describe('R5 a 429 storm', () => {
  it(
    'Retry-After: 2 — amplification ≤ 1.1, no retry before Retry-After, breakers stay closed',
    async () => {
      const figures = await runRateLimitStorm(gw, STORM);
      expectStormHeld('Retry-After 2', STORM, figures);
      expect(figures.retriesAfter429).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'Retry-After: 600 — no retry at all, every error RATE_LIMITED with retryAfter 600',
    async () => {
      const figures = await runRateLimitStorm(gw, LONG_WAIT);
      expectStormHeld('Retry-After 600', LONG_WAIT, figures);
      expect(figures.retriesAfter429).toBe(0);
    },
    TIMEOUT_MS,
  );
});
