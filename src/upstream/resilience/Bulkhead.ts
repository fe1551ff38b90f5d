/** Options of {@link Bulkhead}; every number carries its unit. */
export interface BulkheadOptions {
  /** Most calls in flight at once. */
  maxConcurrent: number;
  /** Most calls waiting for a slot; more are refused at once. 0: no queue. */
  maxQueue: number;
  /** Longest wait for a slot, in ms (also bounded by the caller's deadline and signal). */
  queueTimeoutMs: number;
  /** Clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/** Why a call got no slot. */
export type BulkheadRefusal = 'full' | 'queue-timeout';

/** Rejection of {@link Bulkhead.acquire}. */
export class BulkheadRejectedError extends Error {
  readonly refusal: BulkheadRefusal;

  constructor(refusal: BulkheadRefusal) {
    super(refusal === 'full' ? 'bulkhead full' : 'no bulkhead slot within the wait limit');
    this.name = 'BulkheadRejectedError';
    this.refusal = refusal;
  }
}

/** A bulkhead at one instant. */
export interface BulkheadSnapshot {
  readonly inFlight: number;
  readonly queued: number;
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  /** Calls refused since start (queue full, or no slot in time). */
  readonly rejected: number;
}

interface Waiter {
  grant: () => void;
  refuse: (error: BulkheadRejectedError) => void;
}

/**
 * Bounds concurrent calls to one back end with a short FIFO queue, so a back end that hangs can
 * hold at most `maxConcurrent` sockets and `maxQueue` waiting callers; everyone else is refused
 * at once. A queued caller waits at most `queueTimeoutMs`, never past its own deadline, and leaves
 * the queue when its signal aborts.
 */
export class Bulkhead {
  readonly #options: BulkheadOptions;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #rejected = 0;

  constructor(options: BulkheadOptions) {
    if (!Number.isInteger(options.maxConcurrent) || options.maxConcurrent < 1) {
      throw new RangeError('Bulkhead: maxConcurrent must be a whole number ≥ 1');
    }
    if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0) {
      throw new RangeError('Bulkhead: maxQueue must be a whole number ≥ 0');
    }
    if (!(options.queueTimeoutMs > 0)) {
      throw new RangeError('Bulkhead: queueTimeoutMs must be positive');
    }
    this.#options = options;
  }

  /**
   * Waits for a slot and resolves with its release function (call it exactly once; later calls
   * do nothing). Rejects with {@link BulkheadRejectedError} when the queue is full or no slot
   * came in time, and with the signal's reason when the signal aborts while queued.
   */
  acquire(signal?: AbortSignal, deadlineAtMs?: number): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.#inFlight < this.#options.maxConcurrent) {
      this.#inFlight += 1;
      return Promise.resolve(this.#release());
    }
    if (this.#queue.length >= this.#options.maxQueue) {
      this.#rejected += 1;
      return Promise.reject(new BulkheadRejectedError('full'));
    }
    const nowMs = (this.#options.now ?? Date.now)();
    const waitMs = Math.max(
      0,
      Math.min(this.#options.queueTimeoutMs, (deadlineAtMs ?? Infinity) - nowMs),
    );
    return new Promise<() => void>((resolve, reject) => {
      const leave = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.#queue.indexOf(waiter);
        if (i >= 0) this.#queue.splice(i, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve(this.#release());
        },
        refuse: (error) => {
          leave();
          this.#rejected += 1;
          reject(error);
        },
      };
      const onAbort = (): void => {
        leave();
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(
        () => waiter.refuse(new BulkheadRejectedError('queue-timeout')),
        waitMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  snapshot(): BulkheadSnapshot {
    return {
      inFlight: this.#inFlight,
      queued: this.#queue.length,
      maxConcurrent: this.#options.maxConcurrent,
      maxQueue: this.#options.maxQueue,
      rejected: this.#rejected,
    };
  }

  /** A one-shot release: hands the slot to the first waiter, or frees it. */
  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue[0];
      if (next) next.grant();
      else this.#inFlight -= 1;
    };
  }
}
