import type { HttpInterceptor, PreparedRequest } from '../http/types.js';
import { fullJitterDelayMs, sleepMs } from './backoff.js';
import { classifyAttempt, settleAttempt, unwrapOutcome } from './classifyAttempt.js';
import type { RetryBudget } from './RetryBudget.js';

/** Options of {@link RetryPolicy}; every number carries its unit. */
export interface RetryPolicyOptions {
  /** Most retries after the first attempt (RELIABILITY: 2). 0 turns retries off. */
  maxRetries: number;
  /** Backoff base, in ms: retry n waits a random time below min(maxDelayMs, baseDelayMs·2^n). */
  baseDelayMs: number;
  /** Backoff ceiling, in ms (a `Retry-After` may ask for longer; it is honoured if it fits). */
  maxDelayMs: number;
  /** This back end's budget; every attempt is recorded there. */
  budget: RetryBudget;
  /** Which requests may be sent twice. Default: `request.idempotent`. */
  isRetryable?: (request: PreparedRequest) => boolean;
  /**
   * Deadline of a logical call that carries no `deadlineAtMs` (calls shared between callers, such
   * as the token check and the WFM session handshake), in ms from its start.
   */
  fallbackDeadlineMs: number;
  /** Least time a retry must still have after its wait, in ms. Default 100. */
  minAttemptWindowMs?: number;
  /** Clock, in ms. Default `Date.now`. */
  now?: () => number;
  /** Uniform [0, 1) source for jitter. Default `Math.random`. */
  random?: () => number;
  /** Waits, resolving false when the signal aborts first. Default: a timer. */
  sleep?: (delayMs: number, signal?: AbortSignal) => Promise<boolean>;
}

/** Counters of one back end's retry policy since start. */
export interface RetrySnapshot {
  /** Logical calls (first attempts). */
  readonly calls: number;
  /** Retries sent. */
  readonly retries: number;
  /** Retries not sent because the budget was spent. */
  readonly deniedByBudget: number;
  /** Retries not sent because the wait (backoff or `Retry-After`) did not fit the deadline. */
  readonly deniedByDeadline: number;
}

/**
 * Retries idempotent reads of one back end (RELIABILITY "retries"): at most `maxRetries`, on
 * 502/503/504, connection failures and attempt timeouts, and on 429 only when `Retry-After` is
 * present; never before `Retry-After`; never when the wait would not leave `minAttemptWindowMs`
 * before the request deadline (then the last answer stands, e.g. RATE_LIMITED with its
 * `retryAfter`); never once the caller left; and only while the back end's {@link RetryBudget}
 * allows. Waits use full-jitter backoff. Use {@link interceptor} outermost, so the circuit breaker
 * and the bulkhead see every attempt.
 */
export class RetryPolicy {
  readonly interceptor: HttpInterceptor;
  readonly #options: RetryPolicyOptions;
  #calls = 0;
  #retries = 0;
  #deniedByBudget = 0;
  #deniedByDeadline = 0;

  constructor(options: RetryPolicyOptions) {
    if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
      throw new RangeError('RetryPolicy: maxRetries must be a whole number ≥ 0');
    }
    if (!(options.baseDelayMs > 0) || !(options.maxDelayMs >= options.baseDelayMs)) {
      throw new RangeError('RetryPolicy: need 0 < baseDelayMs ≤ maxDelayMs');
    }
    if (!(options.fallbackDeadlineMs > 0)) {
      throw new RangeError('RetryPolicy: fallbackDeadlineMs must be positive');
    }
    this.#options = options;
    this.interceptor = (next) => async (request) => {
      const now = options.now ?? Date.now;
      const deadlineAtMs = Math.min(
        request.deadlineAtMs ?? Infinity,
        now() + options.fallbackDeadlineMs,
      );
      const mayRetry = (options.isRetryable ?? ((r: PreparedRequest) => r.idempotent))(request);
      this.#calls += 1;
      for (let retryIndex = 0; ; retryIndex++) {
        const outcome = await settleAttempt(next, request);
        const verdict = classifyAttempt(outcome, request, now());
        if (verdict.health === 'answered') options.budget.recordAnswer();
        else if (verdict.health !== 'neutral') options.budget.recordFailure();

        if (!verdict.retryable || !mayRetry || retryIndex >= options.maxRetries) {
          return unwrapOutcome(outcome);
        }
        if (request.signal?.aborted) return unwrapOutcome(outcome);
        const delayMs = Math.max(verdict.retryAfterMs ?? 0, this.#backoffMs(retryIndex));
        if (now() + delayMs + (options.minAttemptWindowMs ?? 100) > deadlineAtMs) {
          this.#deniedByDeadline += 1;
          return unwrapOutcome(outcome);
        }
        if (!options.budget.tryRetry()) {
          this.#deniedByBudget += 1;
          return unwrapOutcome(outcome);
        }
        const waited = await (options.sleep ?? sleepMs)(delayMs, request.signal);
        if (!waited) return unwrapOutcome(outcome);
        this.#retries += 1;
      }
    };
  }

  snapshot(): RetrySnapshot {
    return {
      calls: this.#calls,
      retries: this.#retries,
      deniedByBudget: this.#deniedByBudget,
      deniedByDeadline: this.#deniedByDeadline,
    };
  }

  #backoffMs(retryIndex: number): number {
    const { baseDelayMs, maxDelayMs, random } = this.#options;
    return fullJitterDelayMs(retryIndex, baseDelayMs, maxDelayMs, random);
  }
}
