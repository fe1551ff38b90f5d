/** Options of {@link Bulkhead}; every number carries its unit. */
export interface BulkheadOptions {
  /** Most calls in flight at once. */
  maxConcurrent: number;
  /**
   * Most calls of one caller in flight at once (≥ 1; more than `maxConcurrent` means all of them);
   * the other slots stay free for other callers. Default `maxConcurrent` (no share).
   */
  maxConcurrentPerCaller?: number;
  /** Most calls waiting for a slot, all callers together; more are refused at once. 0: no queue. */
  maxQueue: number;
  /** Longest wait for a slot, in ms (also bounded by the caller's deadline and signal). */
  queueTimeoutMs: number;
  /** Clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Why a call got no slot: `full` (the queue is full and no caller holds more of it than this
 * one's), `queue-timeout` (no slot in time), `caller-share` (this call's caller already holds the
 * most of the queue: it is refused, or pushed out, so that another caller's call can wait).
 */
export type BulkheadRefusal = 'full' | 'queue-timeout' | 'caller-share';

const REFUSAL_TEXT: Readonly<Record<BulkheadRefusal, string>> = {
  full: 'bulkhead full',
  'queue-timeout': 'no bulkhead slot within the wait limit',
  'caller-share': 'caller over its share of the bulkhead',
};

/** Rejection of {@link Bulkhead.acquire}. */
export class BulkheadRejectedError extends Error {
  readonly refusal: BulkheadRefusal;

  constructor(refusal: BulkheadRefusal) {
    super(REFUSAL_TEXT[refusal]);
    this.name = 'BulkheadRejectedError';
    this.refusal = refusal;
  }
}

/** A bulkhead at one instant. */
export interface BulkheadSnapshot {
  readonly inFlight: number;
  readonly queued: number;
  readonly maxConcurrent: number;
  readonly maxConcurrentPerCaller: number;
  readonly maxQueue: number;
  /** Callers with calls in flight or waiting. */
  readonly callers: number;
  /** Calls refused since start (queue full, no slot in time, or over the caller's share). */
  readonly rejected: number;
  /** Of `rejected`: refused or pushed out because their caller held the most of the queue. */
  readonly rejectedOverShare: number;
}

interface Waiter {
  grant: () => void;
  refuse: (error: BulkheadRejectedError) => void;
}

/** One caller's calls: how many hold a slot, and the caller's own FIFO queue. */
interface CallerLane {
  inFlight: number;
  readonly queue: Waiter[];
}

/** The lane of calls that name no caller. */
const NO_CALLER = '';

/**
 * Bounds concurrent calls to one back end with a short queue, so a back end that hangs can hold at
 * most `maxConcurrent` sockets and `maxQueue` waiting callers; everyone else is refused at once. A
 * queued call waits at most `queueTimeoutMs`, never past its own deadline, and leaves the queue
 * when its signal aborts.
 *
 * Fair between callers (a caller is a key such as the token's HMAC): one caller holds at most
 * `maxConcurrentPerCaller` slots, so the other slots stay free for everyone else; each caller's
 * calls wait in a queue of its own, and a freed slot goes to the callers with waiting calls in
 * turn (round robin), so a caller with hundreds of calls waiting delays another caller's call by
 * at most one call per caller. When the shared queue is full, the caller holding the most of it
 * gives up its newest waiting call to a caller holding fewer (longest-queue drop): a lone caller
 * may use the whole queue, and no caller can fill it against others.
 */
export class Bulkhead {
  readonly #options: BulkheadOptions;
  readonly #perCaller: number;
  /** Callers with calls in flight or waiting; map order is the round-robin order. */
  readonly #lanes = new Map<string, CallerLane>();
  #inFlight = 0;
  #queued = 0;
  #rejected = 0;
  #rejectedOverShare = 0;

  constructor(options: BulkheadOptions) {
    if (!Number.isInteger(options.maxConcurrent) || options.maxConcurrent < 1) {
      throw new RangeError('Bulkhead: maxConcurrent must be a whole number ≥ 1');
    }
    const perCaller = options.maxConcurrentPerCaller ?? options.maxConcurrent;
    if (!Number.isInteger(perCaller) || perCaller < 1) {
      throw new RangeError('Bulkhead: maxConcurrentPerCaller must be a whole number ≥ 1');
    }
    if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0) {
      throw new RangeError('Bulkhead: maxQueue must be a whole number ≥ 0');
    }
    if (!(options.queueTimeoutMs > 0)) {
      throw new RangeError('Bulkhead: queueTimeoutMs must be positive');
    }
    this.#options = options;
    this.#perCaller = Math.min(perCaller, options.maxConcurrent);
  }

  /**
   * Waits for a slot for a call of `caller` (default: one lane shared by every call that names no
   * caller) and resolves with its release function (call it exactly once; later calls do
   * nothing). Rejects with {@link BulkheadRejectedError} when the queue is full, no slot came in
   * time or the caller is over its share, and with the signal's reason when the signal aborts
   * while queued.
   */
  acquire(signal?: AbortSignal, deadlineAtMs?: number, caller = NO_CALLER): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const lane = this.#lane(caller);
    if (this.#inFlight < this.#options.maxConcurrent && lane.inFlight < this.#perCaller) {
      this.#take(lane);
      return Promise.resolve(this.#release(caller, lane));
    }
    const refusal = this.#makeRoom(lane);
    if (refusal !== null) {
      this.#forgetIfIdle(caller, lane);
      return Promise.reject(this.#refused(refusal));
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
        const i = lane.queue.indexOf(waiter);
        if (i >= 0) {
          lane.queue.splice(i, 1);
          this.#queued -= 1;
        }
        this.#forgetIfIdle(caller, lane);
      };
      const waiter: Waiter = {
        grant: () => {
          // Taken before leaving, so the lane is not forgotten as idle in between.
          this.#take(lane);
          leave();
          resolve(this.#release(caller, lane));
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = (): void => {
        leave();
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(() => waiter.refuse(this.#refused('queue-timeout')), waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      lane.queue.push(waiter);
      this.#queued += 1;
    });
  }

  snapshot(): BulkheadSnapshot {
    return {
      inFlight: this.#inFlight,
      queued: this.#queued,
      maxConcurrent: this.#options.maxConcurrent,
      maxConcurrentPerCaller: this.#perCaller,
      maxQueue: this.#options.maxQueue,
      callers: this.#lanes.size,
      rejected: this.#rejected,
      rejectedOverShare: this.#rejectedOverShare,
    };
  }

  #lane(caller: string): CallerLane {
    let lane = this.#lanes.get(caller);
    if (lane === undefined) {
      lane = { inFlight: 0, queue: [] };
      this.#lanes.set(caller, lane);
    }
    return lane;
  }

  #forgetIfIdle(caller: string, lane: CallerLane): void {
    if (lane.inFlight === 0 && lane.queue.length === 0 && this.#lanes.get(caller) === lane)
      this.#lanes.delete(caller);
  }

  #take(lane: CallerLane): void {
    this.#inFlight += 1;
    lane.inFlight += 1;
  }

  #refused(refusal: BulkheadRefusal): BulkheadRejectedError {
    this.#rejected += 1;
    if (refusal === 'caller-share') this.#rejectedOverShare += 1;
    return new BulkheadRejectedError(refusal);
  }

  /**
   * Room in the queue for one more call of `lane`: null when there is room (made by pushing out
   * the newest call of the caller holding the most of the queue, when that is someone else holding
   * more than `lane` would), else why the newcomer is refused.
   */
  #makeRoom(lane: CallerLane): BulkheadRefusal | null {
    if (this.#options.maxQueue === 0) return 'full';
    if (this.#queued < this.#options.maxQueue) return null;
    let longest: CallerLane | undefined;
    for (const other of this.#lanes.values())
      if (longest === undefined || other.queue.length > longest.queue.length) longest = other;
    if (longest === undefined || longest.queue.length === 0) return 'full';
    if (longest !== lane && longest.queue.length > lane.queue.length + 1) {
      longest.queue[longest.queue.length - 1]!.refuse(this.#refused('caller-share'));
      return null;
    }
    // The newcomer's caller holds (one of) the longest queues: over an equal split of the queue
    // among the callers waiting, the refusal is its own share's; otherwise the queue is just full.
    let waitingCallers = 0;
    for (const other of this.#lanes.values()) if (other.queue.length > 0) waitingCallers += 1;
    return lane.queue.length > this.#options.maxQueue / waitingCallers ? 'caller-share' : 'full';
  }

  /** A one-shot release: frees the slot and hands it to the next caller in turn, if any. */
  #release(caller: string, lane: CallerLane): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight -= 1;
      lane.inFlight -= 1;
      // This caller just had its turn: to the back of the round.
      if (this.#lanes.get(caller) === lane) this.#lanes.delete(caller);
      if (lane.inFlight > 0 || lane.queue.length > 0) this.#lanes.set(caller, lane);
      this.#grantNext();
    };
  }

  /** Grants free slots to waiting calls, one caller at a time in map order, moving each to the back. */
  #grantNext(): void {
    while (this.#inFlight < this.#options.maxConcurrent) {
      let granted = false;
      for (const [caller, lane] of this.#lanes) {
        const next = lane.queue[0];
        if (next === undefined || lane.inFlight >= this.#perCaller) continue;
        // To the back of the round: the next slot goes to the next caller with calls waiting.
        this.#lanes.delete(caller);
        this.#lanes.set(caller, lane);
        next.grant();
        granted = true;
        break;
      }
      if (!granted) return;
    }
  }
}
