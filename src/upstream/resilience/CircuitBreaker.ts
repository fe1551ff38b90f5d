/** closed: calls flow; open: calls fail fast; half-open: one probe call decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Options of {@link CircuitBreaker}; every number carries its unit. */
export interface CircuitBreakerOptions {
  /** Length of the rolling window the failure ratio is computed over, in ms. */
  windowMs: number;
  /** Buckets the window is kept in (its resolution). Default 10. */
  windowBuckets?: number;
  /** Fewest calls in the window before the ratio may open the circuit. */
  minCalls: number;
  /** Failure ratio at or above which the circuit opens, in percent of the window's calls. */
  failurePercent: number;
  /** How long the circuit stays open before one probe is let through, in ms. */
  openMs: number;
  /** Clock, in ms. Default `Date.now`. */
  now?: () => number;
  /** Called on every state change (logs, metrics). Must not throw. */
  onStateChange?: (from: BreakerState, to: BreakerState) => void;
}

/** Permission to send one attempt; hand it back with the attempt's result. */
export interface BreakerPermit {
  /** True for the single half-open probe. */
  readonly probe: boolean;
}

/** What one attempt taught the breaker. */
export type BreakerResult = 'success' | 'failure' | 'ignored';

/** A breaker at one instant: plain data. */
export interface BreakerSnapshot {
  readonly state: BreakerState;
  /** `state` as a number for a Prometheus gauge: 0 closed, 1 half-open, 2 open. */
  readonly stateCode: 0 | 1 | 2;
  /** Calls and failures in the rolling window (0 unless closed). */
  readonly windowCalls: number;
  readonly windowFailures: number;
  /** Times the circuit opened since start (from closed or after a failed probe). */
  readonly opened: number;
  /** Calls refused without reaching the upstream since start. */
  readonly rejected: number;
}

const STATE_CODES: Readonly<Record<BreakerState, 0 | 1 | 2>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

interface Bucket {
  startMs: number;
  calls: number;
  failures: number;
}

/**
 * A count-and-ratio circuit breaker for one back end. Closed, it keeps successes and failures
 * in a rolling window (`windowBuckets` buckets over `windowMs`) and opens when the window holds
 * at least `minCalls` calls of which `failurePercent` or more failed. Open, it refuses every call
 * for `openMs`; then it turns half-open and lets exactly one probe through: success closes the
 * circuit (with an empty window), failure opens it again, an ignored result (the caller left)
 * frees the probe slot for the next call. What counts as failure is the caller's decision
 * (see `classifyAttempt`).
 */
export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  readonly #bucketMs: number;
  readonly #buckets: Bucket[] = [];
  #state: BreakerState = 'closed';
  #openedAtMs = 0;
  #probeInFlight = false;
  #opened = 0;
  #rejected = 0;

  constructor(options: CircuitBreakerOptions) {
    const buckets = options.windowBuckets ?? 10;
    if (!(options.windowMs > 0) || !Number.isInteger(buckets) || buckets < 1) {
      throw new RangeError('CircuitBreaker: windowMs and windowBuckets must be positive');
    }
    if (!Number.isInteger(options.minCalls) || options.minCalls < 1) {
      throw new RangeError('CircuitBreaker: minCalls must be a whole number ≥ 1');
    }
    if (!(options.failurePercent > 0 && options.failurePercent <= 100)) {
      throw new RangeError('CircuitBreaker: failurePercent must be in (0, 100]');
    }
    if (!(options.openMs > 0)) throw new RangeError('CircuitBreaker: openMs must be positive');
    this.#options = options;
    this.#bucketMs = options.windowMs / buckets;
  }

  get state(): BreakerState {
    this.#advance();
    return this.#state;
  }

  /** Asks to send one attempt: a permit, or null when the call must fail fast. */
  tryAcquire(): BreakerPermit | null {
    this.#advance();
    if (this.#state === 'closed') return { probe: false };
    if (this.#state === 'half-open' && !this.#probeInFlight) {
      this.#probeInFlight = true;
      return { probe: true };
    }
    this.#rejected += 1;
    return null;
  }

  /** Reports how the permitted attempt ended. */
  record(permit: BreakerPermit, result: BreakerResult): void {
    if (permit.probe) {
      this.#probeInFlight = false;
      if (result === 'success') this.#transition('closed');
      else if (result === 'failure') this.#open();
      return;
    }
    // Attempts that were already under way when the circuit opened teach nothing more.
    if (this.#state !== 'closed' || result === 'ignored') return;
    const bucket = this.#currentBucket();
    bucket.calls += 1;
    if (result === 'failure') bucket.failures += 1;
    const { calls, failures } = this.#totals();
    if (calls >= this.#options.minCalls && failures * 100 >= this.#options.failurePercent * calls) {
      this.#open();
    }
  }

  snapshot(): BreakerSnapshot {
    this.#advance();
    const { calls, failures } =
      this.#state === 'closed' ? this.#totals() : { calls: 0, failures: 0 };
    return {
      state: this.#state,
      stateCode: STATE_CODES[this.#state],
      windowCalls: calls,
      windowFailures: failures,
      opened: this.#opened,
      rejected: this.#rejected,
    };
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Open long enough: half-open. */
  #advance(): void {
    if (this.#state === 'open' && this.#now() - this.#openedAtMs >= this.#options.openMs) {
      this.#transition('half-open');
    }
  }

  #open(): void {
    this.#openedAtMs = this.#now();
    this.#opened += 1;
    this.#transition('open');
  }

  #transition(to: BreakerState): void {
    const from = this.#state;
    this.#state = to;
    this.#buckets.length = 0;
    if (from !== to) this.#options.onStateChange?.(from, to);
  }

  #currentBucket(): Bucket {
    const nowMs = this.#now();
    const startMs = nowMs - (nowMs % this.#bucketMs);
    const windowStartMs = nowMs - this.#options.windowMs;
    while (this.#buckets.length > 0 && this.#buckets[0]!.startMs <= windowStartMs) {
      this.#buckets.shift();
    }
    const last = this.#buckets[this.#buckets.length - 1];
    if (last && last.startMs === startMs) return last;
    const bucket = { startMs, calls: 0, failures: 0 };
    this.#buckets.push(bucket);
    return bucket;
  }

  #totals(): { calls: number; failures: number } {
    const windowStartMs = this.#now() - this.#options.windowMs;
    let calls = 0;
    let failures = 0;
    for (const bucket of this.#buckets) {
      if (bucket.startMs <= windowStartMs) continue;
      calls += bucket.calls;
      failures += bucket.failures;
    }
    return { calls, failures };
  }
}
