import { describe, expect, it } from 'vitest';
import { IdempotentWrites, wasReplayed } from '../../../src/cache/IdempotentWrites.js';
import { MemoryKv } from '../../../src/cache/shared/EncryptedKv.js';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import type { CallContext } from '../../../src/types/CallContext.js';

const alice: CallContext = { token: 'tok-a', tokenHash: 'a'.repeat(64), userKey: 'b'.repeat(64) };
const bob: CallContext = { token: 'tok-b', tokenHash: 'c'.repeat(64), userKey: 'd'.repeat(64) };

function store() {
  return new MemoryKv({ secret: 'unit-test-secret', namespace: 'idempotency', maxEntries: 100 });
}

function writes(kv = store()) {
  return new IdempotentWrites({ store: kv, ttlMs: 86_400_000, claimMs: 1_000, pollMs: 5 });
}

/** A write that counts its calls and answers a fresh object each time. */
function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    write: () => {
      calls += 1;
      return Promise.resolve({ id: `r${calls}` });
    },
  };
}

describe('IdempotentWrites', () => {
  it('answers the first outcome again for the same key and caller, without writing', async () => {
    const w = writes();
    const c = counter();
    const first = await w.run(alice, 'k1', 'submit', { a: 1 }, c.write);
    const second = await w.run(alice, 'k1', 'submit', { a: 1 }, c.write);
    expect(second).toEqual(first);
    expect(c.calls).toBe(1);
    expect(wasReplayed(first)).toBe(false);
    expect(wasReplayed(second)).toBe(true);
  });

  it('keeps callers apart and writes every time without a key (negative control)', async () => {
    const w = writes();
    const c = counter();
    await w.run(alice, 'k1', 'submit', {}, c.write);
    await w.run(bob, 'k1', 'submit', {}, c.write);
    await w.run(alice, undefined, 'submit', {}, c.write);
    await w.run(alice, undefined, 'submit', {}, c.write);
    expect(c.calls).toBe(4);
  });

  it('refuses the same key for other arguments', async () => {
    const w = writes();
    const c = counter();
    await w.run(alice, 'k1', 'submit', { a: 1 }, c.write);
    await expect(w.run(alice, 'k1', 'submit', { a: 2 }, c.write)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(c.calls).toBe(1);
  });

  it('writes once for concurrent calls with one key', async () => {
    const w = writes();
    const c = counter();
    const all = await Promise.all(
      Array.from({ length: 5 }, () => w.run(alice, 'k1', 'submit', {}, c.write)),
    );
    expect(c.calls).toBe(1);
    expect(new Set(all.map((r) => r.id))).toEqual(new Set(['r1']));
    expect(all.filter((r) => wasReplayed(r))).toHaveLength(4);
  });

  it('writes once across two instances sharing a store (two replicas)', async () => {
    const kv = store();
    const [one, two] = [writes(kv), writes(kv)];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const slow = async () => {
      calls += 1;
      await gate;
      return { id: 'slow' };
    };
    const first = one.run(alice, 'k1', 'submit', {}, slow);
    await new Promise((r) => setTimeout(r, 10));
    const second = two.run(alice, 'k1', 'submit', {}, slow);
    release();
    expect(await first).toEqual({ id: 'slow' });
    expect(await second).toEqual({ id: 'slow' });
    expect(calls).toBe(1);
  });

  it('replays a refusal, but lets a rate-limited write be tried again', async () => {
    const w = writes();
    let calls = 0;
    const conflict = () => {
      calls += 1;
      return Promise.reject(
        new UpstreamError('CONFLICT', 'stale', {
          service: 'cloud',
          operation: 'x',
          currentVersion: 3,
        }),
      );
    };
    await expect(w.run(alice, 'k1', 'review', {}, conflict)).rejects.toMatchObject({
      kind: 'CONFLICT',
    });
    const again = await w.run(alice, 'k1', 'review', {}, conflict).catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'CONFLICT', currentVersion: 3 });
    expect(wasReplayed(again)).toBe(true);
    expect(calls).toBe(1);
    const limited = () => {
      calls += 1;
      return Promise.reject(
        new UpstreamError('RATE_LIMITED', 'slow down', { service: 'cloud', operation: 'x' }),
      );
    };
    await expect(w.run(alice, 'k2', 'review', {}, limited)).rejects.toMatchObject({
      kind: 'RATE_LIMITED',
    });
    await expect(w.run(alice, 'k2', 'review', {}, limited)).rejects.toMatchObject({
      kind: 'RATE_LIMITED',
    });
    expect(calls).toBe(3);
  });

  it('refuses keys that are empty or too long', async () => {
    const w = writes();
    await expect(w.run(alice, '', 'submit', {}, counter().write)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      w.run(alice, 'x'.repeat(201), 'submit', {}, counter().write),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
