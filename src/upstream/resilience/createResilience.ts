import type { UpstreamService } from '../../errors/UpstreamError.js';
import type { HttpInterceptor } from '../http/types.js';
import { attemptSpans } from './attemptSpans.js';
import {
  BreakerRegistry,
  UPSTREAM_SERVICES,
  type ServiceBreakerSnapshot,
} from './BreakerRegistry.js';
import { breakerInterceptor } from './breakerInterceptor.js';
import { Bulkhead, type BulkheadSnapshot } from './Bulkhead.js';
import { bulkheadInterceptor } from './bulkheadInterceptor.js';
import { isReadRequest } from './retryableReads.js';
import type { ResilienceConfig } from './ResilienceConfig.js';
import { RetryBudget, type RetryBudgetSnapshot } from './RetryBudget.js';
import { RetryPolicy, type RetrySnapshot } from './RetryPolicy.js';

/** Options of {@link createResilience}. */
export interface ResilienceOptions {
  config: ResilienceConfig;
  /**
   * REQUEST_TIMEOUT_MS, in ms: the deadline of calls that serve several callers at once and so
   * carry no caller deadline (the shared token check, the WFM session handshake).
   */
  requestTimeoutMs: number;
  /** Clock, in ms. Default `Date.now`. */
  now?: () => number;
  /** Jitter source, uniform in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** OpenTelemetry tracing on: a span per attempt (see attemptSpans.ts). Default off. */
  tracing?: boolean;
}

/** Every policy's counters at one instant: plain data for `/metrics`, logs and tests. */
export interface ResilienceSnapshot {
  readonly breakers: ServiceBreakerSnapshot[];
  readonly retries: Array<
    RetrySnapshot & { readonly service: UpstreamService; readonly budget: RetryBudgetSnapshot }
  >;
  readonly bulkheads: Array<BulkheadSnapshot & { readonly service: UpstreamService }>;
}

/** The upstream resilience of one gateway process. */
export interface Resilience {
  /** One breaker per back end; `breakers.snapshot()` is what `/metrics` reads. */
  readonly breakers: BreakerRegistry;
  /** The interceptors to hand to the client of `service` (`HttpAuthApi`, `HttpWfmApi`, `createWfmSoapApi`). */
  interceptorsFor(service: UpstreamService): readonly HttpInterceptor[];
  snapshot(): ResilienceSnapshot;
}

/**
 * Builds the per-back-end policies of RELIABILITY.md and the order they wrap each attempt in:
 *
 *     retry (idempotent reads, budget, Retry-After, deadline)
 *       → [tracing on: the attempt's span, so refusals below are recorded on it]
 *         → bulkhead (wfm-soap only: bounded in-flight calls and queue)
 *           → [tracing on: the bulkhead wait, on that span]
 *             → circuit breaker (5xx / timeouts / resets only)
 *               → the attempt (its own UPSTREAM_TIMEOUT_MS, the caller's signal, size cap)
 *
 * The retry is outermost so that every attempt passes the breaker and the bulkhead, and a
 * backoff wait holds no bulkhead slot; the bulkhead is outside the breaker so that its refusals
 * never count as upstream failures. Each back end has its own budget, breaker and (SOAP) bulkhead.
 */
export function createResilience(options: ResilienceOptions): Resilience {
  const { config } = options;
  const now = options.now ?? Date.now;
  const breakers = new BreakerRegistry({ ...config.breaker, now });
  const soapBulkhead = new Bulkhead({ ...config.soapBulkhead, now });
  const retries = new Map<UpstreamService, { policy: RetryPolicy; budget: RetryBudget }>();
  const chains = new Map<UpstreamService, readonly HttpInterceptor[]>();

  for (const service of UPSTREAM_SERVICES) {
    const budget = new RetryBudget({
      percent: config.retry.budgetPercent,
      maxTokens: config.retry.budgetMaxTokens,
    });
    const policy = new RetryPolicy({
      maxRetries: config.retry.maxRetries,
      baseDelayMs: config.retry.baseDelayMs,
      maxDelayMs: config.retry.maxDelayMs,
      budget,
      isRetryable: (request) => isReadRequest(service, request),
      fallbackDeadlineMs: options.requestTimeoutMs,
      now,
      random: options.random,
    });
    retries.set(service, { policy, budget });
    const chain: HttpInterceptor[] = [policy.interceptor];
    const spans = options.tracing ? attemptSpans(service) : null;
    if (spans) chain.push(spans.attempt);
    if (service === 'wfm-soap') {
      chain.push(bulkheadInterceptor(soapBulkhead, service));
      if (spans) chain.push(spans.admitted);
    }
    chain.push(breakerInterceptor(breakers.get(service), service, now));
    chains.set(service, Object.freeze(chain));
  }

  return {
    breakers,
    interceptorsFor(service) {
      return chains.get(service) ?? [];
    },
    snapshot() {
      return {
        breakers: breakers.snapshot(),
        retries: UPSTREAM_SERVICES.map((service) => {
          const { policy, budget } = retries.get(service)!;
          return { service, ...policy.snapshot(), budget: budget.snapshot() };
        }),
        bulkheads: [{ service: 'wfm-soap', ...soapBulkhead.snapshot() }],
      };
    },
  };
}
