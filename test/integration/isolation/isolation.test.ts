/**
 * RELIABILITY.md R3 and R4 (issue 3's isolation test): 50 tokens of 50 distinct users query the
 * gateway at once, with the response cache on. Every answer belongs to its caller, the cache was
 * really used, and every upstream request (REST and SOAP) carried the token of the caller whose
 * gateway request caused it. A gateway whose cache key leaves the token out (planted from the test side, test/helpers/sharedKeyResponseCache.ts)
 * must be caught by the same check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import { isolationUsers, runIsolation } from './isolationRun.js';
import { withStickySoapToken } from './stickyToken.js';
import { SharedKeyResponseCache } from '../../helpers/sharedKeyResponseCache.js';

const harnesses: TestGateway[] = [];
afterAll(async () => Promise.all(harnesses.map((h) => h.close())));

async function gateway(brokenKey: boolean): Promise<TestGateway> {
  const h = await startTestGateway({
    simulator: { today: SEEDED_TODAY },
    ...(brokenKey ? { responseCache: (options) => new SharedKeyResponseCache(options) } : {}),
  });
  harnesses.push(h);
  return h;
}

describe('cross-user isolation under concurrency', () => {
  it('R3/R4: 50 tokens × 40 operations at concurrency 64: no answer or upstream call crosses users', async () => {
    const users = isolationUsers();
    expect(new Set(users).size).toBe(50);
    const figures = await runIsolation(await gateway(false), {
      users,
      perUser: 40,
      concurrency: 64,
    });
    console.log(
      `R3: ${figures.responses} responses, ${figures.mismatches} mismatches, ` +
        `${figures.unexpectedErrors} unexpected errors, cache hit ratio ${figures.hitRatio.toFixed(2)}; ` +
        `R4: ${figures.upstreamCalls} upstream calls, ${figures.missingTokens} without the caller's token, ` +
        `${figures.wrongTokens} with another caller's`,
    );
    expect(figures.responses).toBe(2_000);
    expect(figures.mismatches).toBe(0);
    expect(figures.unexpectedErrors).toBe(0);
    expect(figures.hitRatio).toBeGreaterThan(0.3);
    expect(figures.upstreamCalls).toBeGreaterThan(0);
    expect(figures.missingTokens).toBe(0);
    expect(figures.wrongTokens).toBe(0);
  }, 60_000);

  it('R3: the same check catches a cache key without the token (planted from the test side, test/helpers/sharedKeyResponseCache.ts)', async () => {
    const figures = await runIsolation(await gateway(true), {
      users: isolationUsers(),
      perUser: 6,
      concurrency: 64,
    });
    console.log(
      `R3 with a broken key: ${figures.responses} responses, ${figures.mismatches} mismatches`,
    );
    expect(figures.mismatches).toBeGreaterThan(0);
  }, 60_000);

  it("R4: the same check catches a SOAP client that keeps the last caller's token (test-only bug)", async () => {
    const h = await startTestGateway({
      simulator: { today: SEEDED_TODAY },
      clients: { soap: withStickySoapToken },
    });
    harnesses.push(h);
    const figures = await runIsolation(h, { users: isolationUsers(), perUser: 4, concurrency: 64 });
    console.log(
      `R4 with a sticky token: ${figures.upstreamCalls} upstream calls, ${figures.wrongTokens} with another caller's token`,
    );
    expect(figures.wrongTokens).toBeGreaterThan(0);
  }, 60_000);
});
