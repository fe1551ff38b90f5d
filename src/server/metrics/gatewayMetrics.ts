import type { ResponseCacheStats } from '../../cache/ResponseCache.js';
import type { SharedTierStats } from '../../cache/shared/SharedTier.js';
import type { UpstreamCounters } from '../../counters/UpstreamCounters.js';
import type { MetricsRegistry, Sample } from './MetricsRegistry.js';
import { registerResilienceCollectors, type ResilienceSource } from './resilienceMetrics.js';

/** Seconds; from 5 ms to the 30 s default request deadline. */
export const DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
] as const;

/** The fixed route labels: a path is never a label value. */
export type RouteLabel = 'graphql' | 'healthz' | 'readyz' | 'metrics' | 'other';

/** One finished HTTP request, as the request observer reports it. */
export interface FinishedRequest {
  route: RouteLabel;
  /** HTTP status, or `aborted` when the client left before the response was complete. */
  status: string;
  /** `query`, `mutation`, `subscription` or `unknown` (not a GraphQL request, or not parsed). */
  operationType: string;
  seconds: number;
  /** Why the gateway refused it before execution (`DEPTH`, `BATCH`, `BODY_TOO_LARGE`…), if it did. */
  rejected?: string;
}

/** The HTTP-side instruments the request observer updates. */
export interface HttpMetrics {
  started(): void;
  finished(request: FinishedRequest): void;
}

/**
 * Registers the gateway's request series on `registry`:
 * `gateway_http_requests_total{route,status,operation_type}`,
 * `gateway_http_request_duration_seconds{route,operation_type}` (histogram),
 * `gateway_http_requests_in_flight` and `gateway_requests_rejected_total{reason}`.
 */
export function registerHttpMetrics(registry: MetricsRegistry): HttpMetrics {
  const requests = registry.counter(
    'gateway_http_requests_total',
    'HTTP requests answered, by route, status and GraphQL operation type.',
    ['route', 'status', 'operation_type'],
  );
  const duration = registry.histogram(
    'gateway_http_request_duration_seconds',
    'Time from request start to the end of the response, in seconds.',
    ['route', 'operation_type'],
    DURATION_BUCKETS_SECONDS,
  );
  const inFlight = registry.gauge(
    'gateway_http_requests_in_flight',
    'HTTP requests being served now.',
  );
  const rejected = registry.counter(
    'gateway_requests_rejected_total',
    'Requests refused before authentication and execution, by reason (a limit, BATCH, PARSE, BODY_TOO_LARGE...).',
    ['reason'],
  );
  return {
    started: () => inFlight.inc(),
    finished(r) {
      inFlight.dec();
      requests.inc({ route: r.route, status: r.status, operation_type: r.operationType });
      duration.observe({ route: r.route, operation_type: r.operationType }, r.seconds);
      if (r.rejected) rejected.inc({ reason: r.rejected });
    },
  };
}

/** State owned elsewhere that `/metrics` reads at scrape time; every part optional. */
export interface GatewayStateSources {
  /** Upstream calls and response-cache events (src/counters/UpstreamCounters.ts). */
  counters?: UpstreamCounters;
  /** The cross-request response cache. */
  responseCache?: { stats(): ResponseCacheStats };
  /** The whole-answer cache (src/cache/WholeAnswerCache.ts). */
  wholeAnswers?: { stats(): { entries: number; sizeBytes: number } };
  /** The token-check cache (`GatewayServer.tokenChecks`). */
  tokenChecks?: { readonly size: number };
  /** True once a graceful shutdown has begun (`Health.shuttingDown`). */
  shuttingDown?: () => boolean;
  /** Circuit breakers, retry policies and the SOAP bulkhead (`createResilience(...)`). */
  resilience?: ResilienceSource;
  /** The shared Redis tier (REDIS_URL). */
  sharedTier?: { stats(): SharedTierStats };
  /** GENESYS_PLATFORM=cloud: the quota per token (src/upstream/cloud/CloudQuota.ts). */
  cloudQuota?: { readonly refused: number; readonly size: number };
}

/**
 * Registers the collectors over existing state: `gateway_upstream_calls_total{service,operation,outcome,status}`,
 * `gateway_cache_events_total{kind,event}`, response-cache and token-check-cache sizes,
 * `gateway_shutting_down`, and the process's memory (`process_resident_memory_bytes`,
 * `nodejs_heap_used_bytes`, `nodejs_heap_total_bytes`). Only sources given are registered: no
 * placeholder series.
 */
export function registerStateCollectors(
  registry: MetricsRegistry,
  sources: GatewayStateSources,
): void {
  const {
    counters,
    responseCache,
    wholeAnswers,
    tokenChecks,
    shuttingDown,
    resilience,
    sharedTier,
    cloudQuota,
  } = sources;
  if (cloudQuota) {
    registry.collect(
      'gateway_cloud_paced_refusals_total',
      'Genesys Cloud schedule searches refused by the gateway (RATE_LIMITED) because the token had almost no quota left in its window.',
      'counter',
      [],
      () => [{ value: cloudQuota.refused }],
    );
    registry.collect(
      'gateway_cloud_quota_tokens',
      'Tokens whose Genesys Cloud rate-limit window the gateway remembers.',
      'gauge',
      [],
      () => [{ value: cloudQuota.size }],
    );
  }
  if (sharedTier) {
    registry.collect(
      'gateway_shared_cache_up',
      '1 while the shared Redis tier is used, 0 while its breaker is open (answers come from the local cache and upstream).',
      'gauge',
      [],
      () => [{ value: sharedTier.stats().up ? 1 : 0 }],
    );
    registry.collect(
      'gateway_shared_cache_events_total',
      'Shared-tier lookups and failures: hit, miss, error (a failed or slow command), skipped (breaker open).',
      'counter',
      ['event'],
      () => {
        const s = sharedTier.stats();
        return [
          { labels: { event: 'hit' }, value: s.hits },
          { labels: { event: 'miss' }, value: s.misses },
          { labels: { event: 'error' }, value: s.errors },
          { labels: { event: 'skipped' }, value: s.skipped },
        ];
      },
    );
  }
  if (resilience) registerResilienceCollectors(registry, resilience);
  if (counters) {
    registry.collect(
      'gateway_upstream_calls_total',
      'Upstream calls that reached a Genesys client, by service, operation, outcome and HTTP status ("none" when no answer).',
      'counter',
      ['service', 'operation', 'outcome', 'status'],
      () =>
        counters.snapshot().upstreamCalls.map((s) => ({
          labels: {
            service: s.service,
            operation: s.operation,
            outcome: s.outcome,
            status: s.status === null ? 'none' : String(s.status),
          },
          value: s.count,
        })),
    );
    registry.collect(
      'gateway_cache_events_total',
      'Response-cache lookups by kind and event: hit, miss, or coalesced into a load already running.',
      'counter',
      ['kind', 'event'],
      () =>
        counters.snapshot().cache.flatMap((s): Sample[] => [
          { labels: { kind: s.kind, event: 'hit' }, value: s.hits },
          { labels: { kind: s.kind, event: 'miss' }, value: s.misses },
          { labels: { kind: s.kind, event: 'coalesced' }, value: s.coalesced },
        ]),
    );
  }
  if (responseCache) {
    const stat = (pick: (s: ResponseCacheStats) => number) => () => [
      { value: pick(responseCache.stats()) },
    ];
    registry.collect(
      'gateway_response_cache_entries',
      'Entries in the response cache.',
      'gauge',
      [],
      stat((s) => s.entries),
    );
    registry.collect(
      'gateway_response_cache_bytes',
      'Estimated bytes held by the response cache.',
      'gauge',
      [],
      stat((s) => s.sizeBytes),
    );
    registry.collect(
      'gateway_response_cache_loads_in_flight',
      'Upstream loads the response cache is waiting for.',
      'gauge',
      [],
      stat((s) => s.inFlight),
    );
  }
  if (wholeAnswers) {
    registry.collect(
      'gateway_whole_answer_cache_entries',
      'Serialised answers in the whole-answer cache.',
      'gauge',
      [],
      () => [{ value: wholeAnswers.stats().entries }],
    );
    registry.collect(
      'gateway_whole_answer_cache_bytes',
      'Bytes held by the whole-answer cache (answer bytes, keys, headers and a per-entry overhead).',
      'gauge',
      [],
      () => [{ value: wholeAnswers.stats().sizeBytes }],
    );
  }
  if (tokenChecks) {
    registry.collect(
      'gateway_token_check_cache_entries',
      'Remembered successful token checks.',
      'gauge',
      [],
      () => [{ value: tokenChecks.size }],
    );
  }
  if (shuttingDown) {
    registry.collect(
      'gateway_shutting_down',
      '1 once a graceful shutdown has begun (/readyz answers 503), else 0.',
      'gauge',
      [],
      () => [{ value: shuttingDown() ? 1 : 0 }],
    );
  }
  registry.collect(
    'process_resident_memory_bytes',
    'Resident set size in bytes.',
    'gauge',
    [],
    () => [{ value: process.memoryUsage.rss() }],
  );
  registry.collect('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.', 'gauge', [], () => [
    { value: process.memoryUsage().heapUsed },
  ]);
  registry.collect('nodejs_heap_total_bytes', 'V8 heap allocated, in bytes.', 'gauge', [], () => [
    { value: process.memoryUsage().heapTotal },
  ]);
}
