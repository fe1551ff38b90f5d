/** Options of {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Tokens a call that got an answer earns, in percent of one token (10 ⇒ 0.1). */
  percent: number;
  /** Size of the bucket, in tokens; it starts full. Retries are allowed while it is over half full. */
  maxTokens: number;
}

/** The budget at one instant. */
export interface RetryBudgetSnapshot {
  readonly tokens: number;
  readonly maxTokens: number;
  /** Retries granted since start. */
  readonly granted: number;
  /** Retries refused because the budget was spent, since start. */
  readonly denied: number;
}

/**
 * A retry budget per back end, the token bucket of gRPC's retry throttling (gRFC A6): every
 * attempt that got an answer adds `percent`/100 of a token, every attempt that failed (5xx,
 * timeout, reset, 429) takes one away, and a retry is allowed only while more than half of
 * `maxTokens` is left. Retries therefore stop as soon as failures outnumber about 10% of the
 * answered calls (with the default 10 percent), and a storm that follows healthy traffic can
 * buy at most `maxTokens / 2` retries before they stop: amplification stays near 1.1× and
 * tends to 1× the longer the storm.
 */
export class RetryBudget {
  readonly #ratio: number;
  readonly #maxTokens: number;
  #tokens: number;
  #granted = 0;
  #denied = 0;

  constructor(options: RetryBudgetOptions) {
    if (!(options.percent > 0 && options.percent <= 100)) {
      throw new RangeError(`RetryBudget: percent must be in (0, 100], got ${options.percent}`);
    }
    if (!(options.maxTokens >= 1)) {
      throw new RangeError(`RetryBudget: maxTokens must be at least 1, got ${options.maxTokens}`);
    }
    this.#ratio = options.percent / 100;
    this.#maxTokens = options.maxTokens;
    this.#tokens = options.maxTokens;
  }

  /** An attempt got an answer (success or a client error): the upstream is serving. */
  recordAnswer(): void {
    this.#tokens = Math.min(this.#maxTokens, this.#tokens + this.#ratio);
  }

  /** An attempt failed in a way a retry could fix (5xx, timeout, reset, 429). */
  recordFailure(): void {
    this.#tokens = Math.max(0, this.#tokens - 1);
  }

  /** Asks to send one retry; true when the budget allows it (counted as granted). */
  tryRetry(): boolean {
    if (this.#tokens > this.#maxTokens / 2) {
      this.#granted += 1;
      return true;
    }
    this.#denied += 1;
    return false;
  }

  snapshot(): RetryBudgetSnapshot {
    return {
      tokens: Math.round(this.#tokens * 1000) / 1000,
      maxTokens: this.#maxTokens,
      granted: this.#granted,
      denied: this.#denied,
    };
  }
}
