import type { ResilienceSnapshot } from '../../upstream/resilience/createResilience.js';
import type { MetricsRegistry } from './MetricsRegistry.js';

/** Anything that can tell the resilience layer's current state (`createResilience(...)`). */
export interface ResilienceSource {
  snapshot(): ResilienceSnapshot;
}

/**
 * Registers the circuit breakers, retry policies and the SOAP bulkhead as Prometheus series,
 * read at scrape time from `resilience.snapshot()`:
 * `gateway_upstream_circuit_state{service}` (0 closed, 1 half-open, 2 open),
 * `gateway_upstream_circuit_opened_total{service}`, `gateway_upstream_circuit_rejected_total{service}`,
 * `gateway_upstream_retries_total{service}`, `gateway_upstream_retries_denied_total{service,reason}`,
 * `gateway_soap_bulkhead_in_flight`, `gateway_soap_bulkhead_queued`, `gateway_soap_bulkhead_rejected_total`.
 */
export function registerResilienceCollectors(
  registry: MetricsRegistry,
  resilience: ResilienceSource,
): void {
  const breakers = () => resilience.snapshot().breakers;
  const retries = () => resilience.snapshot().retries;
  const bulkheads = () => resilience.snapshot().bulkheads;

  registry.collect(
    'gateway_upstream_circuit_state',
    'Circuit breaker state per back end: 0 closed, 1 half-open, 2 open.',
    'gauge',
    ['service'],
    () => breakers().map((b) => ({ labels: { service: b.service }, value: b.stateCode })),
  );
  registry.collect(
    'gateway_upstream_circuit_opened_total',
    'Times the circuit of a back end opened since start.',
    'counter',
    ['service'],
    () => breakers().map((b) => ({ labels: { service: b.service }, value: b.opened })),
  );
  registry.collect(
    'gateway_upstream_circuit_rejected_total',
    'Calls refused by an open circuit without reaching the back end.',
    'counter',
    ['service'],
    () => breakers().map((b) => ({ labels: { service: b.service }, value: b.rejected })),
  );
  registry.collect(
    'gateway_upstream_retries_total',
    'Retries sent to a back end (idempotent reads only).',
    'counter',
    ['service'],
    () => retries().map((r) => ({ labels: { service: r.service }, value: r.retries })),
  );
  registry.collect(
    'gateway_upstream_retries_denied_total',
    'Retries not sent: the retry budget was spent, or the wait did not fit the deadline.',
    'counter',
    ['service', 'reason'],
    () =>
      retries().flatMap((r) => [
        { labels: { service: r.service, reason: 'budget' }, value: r.deniedByBudget },
        { labels: { service: r.service, reason: 'deadline' }, value: r.deniedByDeadline },
      ]),
  );
  registry.collect(
    'gateway_soap_bulkhead_in_flight',
    'SOAP calls in flight through the bulkhead.',
    'gauge',
    ['service'],
    () => bulkheads().map((b) => ({ labels: { service: b.service }, value: b.inFlight })),
  );
  registry.collect(
    'gateway_soap_bulkhead_queued',
    'SOAP calls waiting for a bulkhead slot.',
    'gauge',
    ['service'],
    () => bulkheads().map((b) => ({ labels: { service: b.service }, value: b.queued })),
  );
  registry.collect(
    'gateway_soap_bulkhead_rejected_total',
    'SOAP calls refused by the bulkhead (queue full or no slot in time), coded UPSTREAM_UNAVAILABLE.',
    'counter',
    ['service'],
    () => bulkheads().map((b) => ({ labels: { service: b.service }, value: b.rejected })),
  );
}
