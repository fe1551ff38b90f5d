import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  ENTRY_OVERHEAD_BYTES,
  WholeAnswerCache,
} from '../../../src/cache/WholeAnswerCache.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const KEY = { documentHash: 'd1', operationName: undefined, variables: { x: 1 }, accept: '' };
const answer = (text: string) => ({
  body: Buffer.from(text),
  headers: [['content-type', 'application/json; charset=utf-8']] as const,
});

function setup(now: { t: number }, maxBytes = 1 << 20) {
  return new WholeAnswerCache({
    maxEntries: 100,
    maxBytes,
    ttlMs: { sites: 300_000, schedules: 60_000, off: 0 },
    maxTtlMs: 120_000,
    now: () => now.t,
  });
}

describe('WholeAnswerCache', () => {
  it('lives as long as the shortest kind read, capped by maxTtlMs', () => {
    const now = { t: 0 };
    const cache = setup(now);
    expect(cache.store(A, KEY, answer('{"data":1}'), ['sites', 'schedules'], cache.begin())).toBe(
      true,
    );
    now.t = 59_000;
    expect(cache.get(A, KEY)?.body.toString()).toBe('{"data":1}');
    now.t = 61_000;
    expect(cache.get(A, KEY)).toBeUndefined();
    cache.store(A, KEY, answer('{"data":2}'), ['sites'], cache.begin());
    now.t += 121_000;
    expect(cache.get(A, KEY)).toBeUndefined();
  });

  it('is per caller', () => {
    const cache = setup({ t: 0 });
    cache.store(A, KEY, answer('{"data":"a"}'), [], cache.begin());
    expect(cache.get(B, KEY)).toBeUndefined();
  });

  it('keeps nothing that read a kind with TTL 0 or an unknown kind, or across a drop', () => {
    const cache = setup({ t: 0 });
    expect(cache.store(A, KEY, answer('{}'), ['off'], cache.begin())).toBe(false);
    expect(cache.store(A, KEY, answer('{}'), ['nope'], cache.begin())).toBe(false);
    const since = cache.begin();
    cache.dropToken(B);
    expect(cache.store(A, KEY, answer('{}'), ['sites'], since)).toBe(false);
    expect(cache.store('not-a-hash', KEY, answer('{}'), [], cache.begin())).toBe(false);
  });

  it('dropToken and dropTags remove exactly their entries', () => {
    const cache = setup({ t: 0 });
    const other = { ...KEY, documentHash: 'd2' };
    cache.store(A, KEY, answer('1'), ['sites'], cache.begin());
    cache.store(A, other, answer('2'), ['schedules'], cache.begin());
    cache.store(B, KEY, answer('3'), ['sites'], cache.begin());
    cache.dropTags(['schedules']);
    expect(cache.get(A, other)).toBeUndefined();
    expect(cache.get(A, KEY)).toBeDefined();
    cache.dropToken(A);
    expect(cache.get(A, KEY)).toBeUndefined();
    expect(cache.get(B, KEY)?.body.toString()).toBe('3');
    expect(cache.stats().tokens).toBe(1);
  });

  it('counts the bytes held and stays within its bound', () => {
    const cache = setup({ t: 0 }, 64 * 1024);
    const body = 'x'.repeat(1000);
    for (let i = 0; i < 200; i++)
      cache.store(A, { ...KEY, documentHash: `d${i}` }, answer(body), [], cache.begin());
    const { entries, sizeBytes } = cache.stats();
    expect(sizeBytes).toBeLessThanOrEqual(64 * 1024);
    expect(sizeBytes).toBeGreaterThanOrEqual(entries * (1000 + ENTRY_OVERHEAD_BYTES));
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});
