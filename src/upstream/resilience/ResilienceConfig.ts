/** Retry policy settings (UPSTREAM_RETRY_*), the same for every back end. */
export interface RetryConfig {
  /** UPSTREAM_RETRY_MAX: most retries after the first attempt; 0 turns retries off. */
  readonly maxRetries: number;
  /** UPSTREAM_RETRY_BASE_DELAY_MS: full-jitter backoff base, in ms. */
  readonly baseDelayMs: number;
  /** UPSTREAM_RETRY_MAX_DELAY_MS: backoff ceiling, in ms (`Retry-After` may ask for more). */
  readonly maxDelayMs: number;
  /** UPSTREAM_RETRY_BUDGET_PERCENT: tokens an answered call earns, in percent of one retry. */
  readonly budgetPercent: number;
  /** UPSTREAM_RETRY_BUDGET_TOKENS: size of each back end's retry bucket, in tokens. */
  readonly budgetMaxTokens: number;
}

/** Circuit breaker settings (UPSTREAM_BREAKER_*); each back end has its own breaker. */
export interface BreakerConfig {
  /** UPSTREAM_BREAKER_WINDOW_MS: rolling window of the failure ratio, in ms. */
  readonly windowMs: number;
  /** UPSTREAM_BREAKER_MIN_CALLS: fewest calls in the window before the circuit may open. */
  readonly minCalls: number;
  /** UPSTREAM_BREAKER_FAILURE_PERCENT: failure ratio that opens the circuit, in percent. */
  readonly failurePercent: number;
  /** UPSTREAM_BREAKER_OPEN_MS: how long an open circuit refuses calls before one probe, in ms. */
  readonly openMs: number;
}

/** SOAP bulkhead settings (SOAP_BULKHEAD_*). */
export interface BulkheadConfig {
  /** SOAP_BULKHEAD_MAX_CONCURRENT: most WFM SOAP requests in flight. */
  readonly maxConcurrent: number;
  /**
   * SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER: most of those one caller (token) holds at once, so a
   * heavy caller leaves the other slots to everyone else (at most SOAP_BULKHEAD_MAX_CONCURRENT).
   */
  readonly maxConcurrentPerCaller: number;
  /** SOAP_BULKHEAD_MAX_QUEUE: most WFM SOAP requests waiting for a slot. */
  readonly maxQueue: number;
  /** SOAP_BULKHEAD_QUEUE_TIMEOUT_MS: longest wait for a slot, in ms (never past the request deadline). */
  readonly queueTimeoutMs: number;
}

/** Everything `createResilience` needs besides the request deadline. */
export interface ResilienceConfig {
  readonly retry: RetryConfig;
  readonly breaker: BreakerConfig;
  readonly soapBulkhead: BulkheadConfig;
}

/** The RELIABILITY.md starting budgets; `src/config.ts` reads overrides from the environment. */
export const DEFAULT_RESILIENCE: ResilienceConfig = Object.freeze({
  retry: Object.freeze({
    maxRetries: 2,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    budgetPercent: 10,
    budgetMaxTokens: 10,
  }),
  breaker: Object.freeze({ windowMs: 30_000, minCalls: 20, failurePercent: 50, openMs: 10_000 }),
  // Half the slots per caller: one token alone still runs 16 calls at once, and 16 stay free for
  // the others whatever it sends (R16).
  soapBulkhead: Object.freeze({
    maxConcurrent: 32,
    maxConcurrentPerCaller: 16,
    maxQueue: 64,
    queueTimeoutMs: 5_000,
  }),
});
