import type { QueryLimits } from '../server/limits/QueryLimits.js';
import { DEFAULT_QUERY_LIMITS } from '../server/limits/QueryLimits.js';
import { DEFAULTS } from './defaults.js';
import { MAX_MS, type EnvReader } from './read.js';

/** How the gateway serves its own callers: document budgets, shutdown, readiness, metrics. */
export interface ServingConfig {
  /** GRAPHQL_MAX_* and GRAPHQL_COST_LIST_SIZE: the front door's budgets (RELIABILITY.md). */
  readonly limits: QueryLimits;
  readonly shutdown: {
    /**
     * SHUTDOWN_DELAY_MS: after SIGTERM, how long `/readyz` answers 503 while requests are still
     * served, so a load balancer stops sending new ones before the listener closes. Default 0
     * (Kubernetes: about 5000).
     */
    readonly delayMs: number;
    /** SHUTDOWN_GRACE_MS: how long in-flight requests may take to finish after the listener closed. Default 10000. */
    readonly graceMs: number;
  };
  readonly readiness: {
    /** READINESS_PROBE_TIMEOUT_MS: TCP connect deadline of one upstream reachability probe. Default 1000. */
    readonly probeTimeoutMs: number;
    /** READINESS_CACHE_MS: how long a probe's answer is reused by `/readyz`. Default 5000. */
    readonly cacheMs: number;
  };
  /** METRICS_ENABLED: serve `GET /metrics` (Prometheus text format). Default true. */
  readonly metricsEnabled: boolean;
}

/** Reads the variables of {@link ServingConfig}; a bad value is recorded on `read`. */
export function readServingConfig(read: EnvReader): ServingConfig {
  const d = DEFAULT_QUERY_LIMITS;
  return {
    limits: {
      maxDepth: read.int('GRAPHQL_MAX_DEPTH', d.maxDepth, 1, 1_000),
      maxAliases: read.int('GRAPHQL_MAX_ALIASES', d.maxAliases, 0, 10_000),
      maxRootFields: read.int('GRAPHQL_MAX_ROOT_FIELDS', d.maxRootFields, 1, 10_000),
      maxTokens: read.int('GRAPHQL_MAX_TOKENS', d.maxTokens, 100, 1_000_000),
      maxDirectives: read.int('GRAPHQL_MAX_DIRECTIVES', d.maxDirectives, 0, 10_000),
      maxCost: read.int('GRAPHQL_MAX_COST', d.maxCost, 1, 100_000_000),
      listSize: read.int('GRAPHQL_COST_LIST_SIZE', d.listSize, 1, 10_000),
    },
    shutdown: {
      delayMs: read.int('SHUTDOWN_DELAY_MS', DEFAULTS.SHUTDOWN_DELAY_MS, 0, MAX_MS),
      graceMs: read.int('SHUTDOWN_GRACE_MS', DEFAULTS.SHUTDOWN_GRACE_MS, 0, MAX_MS),
    },
    readiness: {
      probeTimeoutMs: read.int(
        'READINESS_PROBE_TIMEOUT_MS',
        DEFAULTS.READINESS_PROBE_TIMEOUT_MS,
        1,
        60_000,
      ),
      cacheMs: read.int('READINESS_CACHE_MS', DEFAULTS.READINESS_CACHE_MS, 0, MAX_MS),
    },
    metricsEnabled: read.bool('METRICS_ENABLED', DEFAULTS.METRICS_ENABLED),
  };
}
