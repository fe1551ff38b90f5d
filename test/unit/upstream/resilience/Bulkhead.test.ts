import { describe, expect, it } from 'vitest';
import { Bulkhead, BulkheadRejectedError } from '../../../../src/upstream/resilience/Bulkhead.js';

describe('Bulkhead', () => {
  it('runs maxConcurrent at once, queues maxQueue in order, refuses the rest at once', async () => {
    const bulkhead = new Bulkhead({ maxConcurrent: 2, maxQueue: 1, queueTimeoutMs: 1_000 });
    const a = await bulkhead.acquire();
    await bulkhead.acquire();
    const queued = bulkhead.acquire();
    await expect(bulkhead.acquire()).rejects.toMatchObject({ refusal: 'full' });
    expect(bulkhead.snapshot()).toMatchObject({ inFlight: 2, queued: 1, rejected: 1 });
    a();
    a(); // a second release is a no-op
    const c = await queued;
    expect(bulkhead.snapshot()).toMatchObject({ inFlight: 2, queued: 0 });
    c();
    expect(bulkhead.snapshot().inFlight).toBe(1);
  });

  it('gives up waiting after queueTimeoutMs or at the deadline, whichever first', async () => {
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 10_000 });
    await bulkhead.acquire();
    const started = Date.now();
    const error = await bulkhead.acquire(undefined, Date.now() + 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkheadRejectedError);
    expect((error as BulkheadRejectedError).refusal).toBe('queue-timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(bulkhead.snapshot().queued).toBe(0);
  });

  it('leaves the queue when the caller aborts', async () => {
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 10_000 });
    await bulkhead.acquire();
    const leaving = new AbortController();
    const waiting = bulkhead.acquire(leaving.signal);
    leaving.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(bulkhead.snapshot().queued).toBe(0);
  });
});
