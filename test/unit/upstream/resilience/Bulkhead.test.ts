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

  describe('between callers', () => {
    /** Acquires for `caller` and records the order in which grants arrive. */
    function recorder(bulkhead: Bulkhead) {
      const granted: string[] = [];
      const releases: Array<() => void> = [];
      const take = (caller: string) =>
        bulkhead.acquire(undefined, undefined, caller).then((release) => {
          granted.push(caller);
          releases.push(release);
          return release;
        });
      return { granted, releases, take };
    }

    it('lets one caller hold at most its share of the slots; the rest stay free for others', async () => {
      const bulkhead = new Bulkhead({
        maxConcurrent: 4,
        maxConcurrentPerCaller: 2,
        maxQueue: 10,
        queueTimeoutMs: 10_000,
      });
      const a1 = await bulkhead.acquire(undefined, undefined, 'a');
      await bulkhead.acquire(undefined, undefined, 'a');
      let thirdGranted = false;
      const a3 = bulkhead.acquire(undefined, undefined, 'a').then((release) => {
        thirdGranted = true;
        return release;
      });
      // Two slots are free, yet a's third call waits for one of its own; b is served at once.
      await bulkhead.acquire(undefined, undefined, 'b');
      await bulkhead.acquire(undefined, undefined, 'b');
      expect(bulkhead.snapshot()).toMatchObject({ inFlight: 4, queued: 1, callers: 2 });
      expect(thirdGranted).toBe(false);
      a1();
      await a3;
      expect(bulkhead.snapshot()).toMatchObject({ inFlight: 4, queued: 0 });
    });

    it('hands freed slots to the waiting callers in turn, not in arrival order', async () => {
      const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 10, queueTimeoutMs: 10_000 });
      const { granted, releases, take } = recorder(bulkhead);
      await take('heavy');
      const waiting = [1, 2, 3, 4].map(() => take('heavy'));
      const light = [take('light1'), take('light2')];
      for (let i = 0; i < 6; i++) {
        releases[i]!();
        await Promise.resolve();
        await Promise.resolve();
      }
      await Promise.all([...waiting, ...light]);
      // The heavy caller queued four calls before the light ones arrived, yet they are served
      // next: a caller that just had a slot goes to the back of the round.
      expect(granted).toEqual(['heavy', 'light1', 'light2', 'heavy', 'heavy', 'heavy', 'heavy']);
    });

    it('pushes out the newest call of the caller holding most of a full queue, and tells it why', async () => {
      const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 4, queueTimeoutMs: 10_000 });
      const hold = await bulkhead.acquire(undefined, undefined, 'heavy');
      const heavy = [1, 2, 3, 4].map(() =>
        bulkhead.acquire(undefined, undefined, 'heavy').then(
          () => 'granted',
          (e: BulkheadRejectedError) => e.refusal,
        ),
      );
      // Alone, a caller may fill the whole queue; a fifth call is refused as the queue being full.
      await expect(bulkhead.acquire(undefined, undefined, 'heavy')).rejects.toMatchObject({
        refusal: 'full',
      });
      const light = bulkhead.acquire(undefined, undefined, 'light');
      expect(await heavy[3]).toBe('caller-share');
      expect(bulkhead.snapshot()).toMatchObject({ queued: 4, rejectedOverShare: 1 });
      // Now heavy holds three of four places against light's one: its next call is over its share.
      await expect(bulkhead.acquire(undefined, undefined, 'heavy')).rejects.toMatchObject({
        refusal: 'caller-share',
      });
      hold();
      const release = await light; // light waited behind one slot, not behind heavy's queue
      release();
      expect(await Promise.all(heavy.slice(0, 1))).toEqual(['granted']);
    });

    it('refuses a newcomer as full when every caller holds an equal part of the queue', async () => {
      const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 2, queueTimeoutMs: 10_000 });
      await bulkhead.acquire(undefined, undefined, 'a');
      const queued = [
        bulkhead.acquire(undefined, undefined, 'a'),
        bulkhead.acquire(undefined, undefined, 'b'),
      ];
      await expect(bulkhead.acquire(undefined, undefined, 'c')).rejects.toMatchObject({
        refusal: 'full',
      });
      await expect(bulkhead.acquire(undefined, undefined, 'a')).rejects.toMatchObject({
        refusal: 'full',
      });
      expect(bulkhead.snapshot()).toMatchObject({ queued: 2, rejected: 2, rejectedOverShare: 0 });
      void Promise.allSettled(queued);
    });

    it('forgets a caller once it holds nothing', async () => {
      const bulkhead = new Bulkhead({ maxConcurrent: 2, maxQueue: 2, queueTimeoutMs: 50 });
      const release = await bulkhead.acquire(undefined, undefined, 'a');
      expect(bulkhead.snapshot().callers).toBe(1);
      release();
      expect(bulkhead.snapshot()).toMatchObject({ callers: 0, inFlight: 0 });
    });
  });
});
