/**
 * R10 — memory under high-cardinality tokens and arguments. Short variant (npm test): hundreds of
 * distinct valid tokens and unknown ones, distinct ids and ranges, against small cache bounds —
 * the token-check cache and the response cache stay within their bounds, no credential stays
 * tracked, and no DataLoader outlives its request (every loader set created is garbage-collected).
 * Long variant (npm run soak): the same traffic for minutes, heap measured after each GC → slope.
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/loaders/createLoaders.js';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { pooled, reliabilityOptions, SOAK } from './support.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Distinct valid tokens: the short check's, and the soak's pool (cycled for minutes). */
const TOKENS = 300;
const SOAK_TOKENS = 2_000;
const SOAK_MS = 3 * 60_000;
const BOUNDS = { TOKEN_CHECK_CACHE_MAX: '50', CACHE_MAX_ENTRIES: '100', CACHE_MAX_BYTES: '65536' };

const ME_AND_SITE = 'query($id: ID!) { me { user { username } } site(id: $id) { id name } }';
const SCHEDULES =
  'query($s: ID!, $f: DateTime!, $t: DateTime!) { schedules(siteId: $s, from: $f, to: $t) { agent { id } } }';

describe('R10 memory and bounds', () => {
  let gateway: TestGateway;
  let created = 0;
  let collected = 0;
  const registry = new FinalizationRegistry<void>(() => {
    collected += 1;
  });
  beforeAll(async () => {
    gateway = await startTestGateway(
      reliabilityOptions('production', {
        env: BOUNDS,
        logs: 'write',
        createLoaders: (upstreams, call, options) => {
          const loaders = createLoaders(upstreams, call, options);
          created += 1;
          registry.register(loaders, undefined);
          return loaders;
        },
      }),
    );
  });
  afterAll(async () => gateway?.close());

  async function settleGc(): Promise<number> {
    for (let i = 0; i < 30 && collected < created; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    gc();
    return process.memoryUsage().heapUsed;
  }

  async function round(tokens: string[], seed: number): Promise<number[]> {
    const tasks = tokens.flatMap((token, i) => {
      const day = 1 + ((i + seed) % 27);
      return [
        () => gateway.gql(ME_AND_SITE, token, { id: String(1 + ((i * 7 + seed) % 997)) }),
        () =>
          gateway.gql(SCHEDULES, token, {
            s: String(1 + (i % 3)),
            f: `2026-03-${String(day).padStart(2, '0')}T00:00:00Z`,
            t: `2026-03-${String(day + 1).padStart(2, '0')}T00:00:00Z`,
          }),
        // An unknown token: refused (401), never cached.
        () =>
          gateway.gql('{ me { user { username } } }', `unknown-${randomBytes(12).toString('hex')}`),
      ];
    });
    return (await pooled(tasks, 20)).map((r) => r.status);
  }

  it('keeps caches within bounds and lets every request’s loaders go', async () => {
    const tokens = await Promise.all(Array.from({ length: TOKENS }, () => gateway.token()));
    const heapBefore = await settleGc();
    const statuses = await round(tokens, 0);
    gateway.sim.log.clear();
    const heapAfter = await settleGc();

    const cache = gateway.responseCache!.stats();
    const tokenChecks = gateway.server.tokenChecks.size;
    const alive = created - collected;
    console.log(
      `R10 memory (short): ${statuses.length} requests, ${TOKENS} valid + ${TOKENS} unknown tokens; ` +
        `token-check cache ${tokenChecks}/${BOUNDS.TOKEN_CHECK_CACHE_MAX}; response cache ${cache.entries}/${BOUNDS.CACHE_MAX_ENTRIES} entries, ` +
        `${cache.sizeBytes}/${BOUNDS.CACHE_MAX_BYTES} bytes, ${cache.inFlight} loads in flight; loaders created ${created}, alive after GC ${alive}; ` +
        `credentials tracked ${gateway.secrets.size}; heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapAfter / 2 ** 20).toFixed(1)} MiB, ` +
        `RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(statuses.filter((s) => s === 200).length).toBe(2 * TOKENS);
    expect(tokenChecks).toBeLessThanOrEqual(Number(BOUNDS.TOKEN_CHECK_CACHE_MAX));
    expect(cache.entries).toBeLessThanOrEqual(Number(BOUNDS.CACHE_MAX_ENTRIES));
    expect(cache.sizeBytes).toBeLessThanOrEqual(Number(BOUNDS.CACHE_MAX_BYTES));
    expect(cache.inFlight).toBe(0);
    expect(gateway.secrets.size).toBe(0);
    expect(gateway.monitoring.monitor.inFlight).toBe(0);
    expect(created).toBe(2 * TOKENS);
    expect(alive).toBe(0);
  }, 60_000);

  it.runIf(SOAK)(
    'keeps a flat heap for minutes (soak)',
    async () => {
      const tokens = await Promise.all(Array.from({ length: SOAK_TOKENS }, () => gateway.token()));
      await round(tokens, 1); // warm-up
      const samples: Array<{ minutes: number; mib: number }> = [];
      const start = performance.now();
      for (let seed = 2; performance.now() - start < SOAK_MS; seed++) {
        await round(tokens, seed);
        gateway.sim.log.clear();
        samples.push({
          minutes: (performance.now() - start) / 60_000,
          mib: (await settleGc()) / 2 ** 20,
        });
      }
      const slope = leastSquaresSlope(samples.map((s) => [s.minutes, s.mib]));
      console.log(
        `R10 memory (soak): ${samples.length} rounds over ${(SOAK_MS / 60_000).toFixed(0)} min; heap after GC ` +
          `${samples[0]?.mib.toFixed(1)} → ${samples.at(-1)?.mib.toFixed(1)} MiB; slope ${slope.toFixed(2)} MiB/min; ` +
          `RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB; loaders alive ${created - collected}`,
      );
      expect(slope).toBeLessThan(1);
    },
    SOAK_MS + 120_000,
  );
});

function leastSquaresSlope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
