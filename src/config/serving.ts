import type { QueryLimits } from '../server/limits/QueryLimits.js';
import { DEFAULT_QUERY_LIMITS } from '../server/limits/QueryLimits.js';
import { DEFAULTS } from './defaults.js';
import { MAX_MS, type EnvReader } from './read.js';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from '../server/socketLimits.js';

/** How the gateway serves its own callers: document budgets, shutdown, readiness, metrics. */
export interface ServingConfig {
  /** GRAPHQL_MAX_*, GRAPHQL_COST_LIST_SIZE and MAX_REQUEST_JSON_DEPTH: the front door's budgets (RELIABILITY.md). */
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
  /** How the gateway's own HTTP server treats client sockets (see `server/socketLimits.ts`). */
  readonly http: SocketLimits;
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
      maxOperations: read.int('GRAPHQL_MAX_OPERATIONS', d.maxOperations, 1, 1_000),
      maxJsonDepth: read.int('MAX_REQUEST_JSON_DEPTH', d.maxJsonDepth, 2, 1_000),
      maxListArgument: read.int('GRAPHQL_MAX_LIST_ARGUMENT', d.maxListArgument, 1, 100_000),
      maxUpstreamCalls: read.int('REQUEST_MAX_UPSTREAM_CALLS', d.maxUpstreamCalls, 1, 100_000),
      maxAnswerItems: read.int('REQUEST_MAX_ANSWER_ITEMS', d.maxAnswerItems, 1, 10_000_000),
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
    http: {
      headersTimeoutMs: read.int(
        'HTTP_HEADERS_TIMEOUT_MS',
        DEFAULT_SOCKET_LIMITS.headersTimeoutMs,
        100,
        MAX_MS,
      ),
      keepAliveTimeoutMs: read.int(
        'HTTP_KEEP_ALIVE_TIMEOUT_MS',
        DEFAULT_SOCKET_LIMITS.keepAliveTimeoutMs,
        0,
        MAX_MS,
      ),
      maxConnections: read.int(
        'HTTP_MAX_CONNECTIONS',
        DEFAULT_SOCKET_LIMITS.maxConnections,
        1,
        1_000_000,
      ),
      maxRequestsPerSocket: read.int(
        'HTTP_MAX_REQUESTS_PER_SOCKET',
        DEFAULT_SOCKET_LIMITS.maxRequestsPerSocket,
        0,
        1_000_000,
      ),
    },
  };
}
