import type { UpstreamService } from '../../errors/UpstreamError.js';
import {
  CircuitBreaker,
  type BreakerSnapshot,
  type BreakerState,
  type CircuitBreakerOptions,
} from './CircuitBreaker.js';

/** One back end's breaker at one instant, for `/metrics` and tests. */
export interface ServiceBreakerSnapshot extends BreakerSnapshot {
  readonly service: UpstreamService;
}

/** A state change of one back end's breaker. */
export interface BreakerStateChange {
  readonly service: UpstreamService;
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** When it changed, epoch ms. */
  readonly atMs: number;
}

/** Every back end the gateway calls; each gets its own breaker. */
export const UPSTREAM_SERVICES: readonly UpstreamService[] = ['auth', 'wfm', 'wfm-soap', 'cloud'];

/**
 * One {@link CircuitBreaker} per back end (auth, wfm, wfm-soap, cloud), all with the same settings. The
 * read side for operations: `snapshot()` (plain data, cheap) and `onStateChange()` listeners.
 */
export class BreakerRegistry {
  readonly #breakers = new Map<UpstreamService, CircuitBreaker>();
  readonly #listeners = new Set<(change: BreakerStateChange) => void>();

  constructor(options: Omit<CircuitBreakerOptions, 'onStateChange'>) {
    const now = options.now ?? Date.now;
    for (const service of UPSTREAM_SERVICES) {
      const onStateChange = (from: BreakerState, to: BreakerState): void => {
        const change = { service, from, to, atMs: now() };
        for (const listener of this.#listeners) {
          try {
            listener(change);
          } catch {
            // A listener (log line, metric) must never fail the upstream call that moved the breaker.
          }
        }
      };
      this.#breakers.set(service, new CircuitBreaker({ ...options, onStateChange }));
    }
  }

  /** The breaker of `service`. */
  get(service: UpstreamService): CircuitBreaker {
    const breaker = this.#breakers.get(service);
    if (!breaker) throw new RangeError(`BreakerRegistry: unknown service ${String(service)}`);
    return breaker;
  }

  /**
   * Every breaker's state and counters, in the order auth, wfm, wfm-soap. For Prometheus, e.g.
   * `gateway_upstream_circuit_state{service,state}` (1 for the current state, 0 for the others),
   * `gateway_upstream_circuit_opened_total{service}` and `gateway_upstream_circuit_rejected_total{service}`.
   */
  snapshot(): ServiceBreakerSnapshot[] {
    return UPSTREAM_SERVICES.map((service) => ({ service, ...this.get(service).snapshot() }));
  }

  /** Calls `listener` on every state change (its exceptions are swallowed); returns the unsubscribe function. */
  onStateChange(listener: (change: BreakerStateChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
