/**
 * The default of every gateway-level setting, by environment variable, written once: the readers
 * (`config.ts`, `config/serving.ts`) and the container HEALTHCHECK (`healthcheck.ts`) take them
 * from here. The defaults of a layer's own settings live with that layer, each in one constant
 * the readers take them from: `DEFAULT_QUERY_LIMITS` (GRAPHQL_MAX_*, server/limits/QueryLimits.ts),
 * `DEFAULT_RESILIENCE` (UPSTREAM_RETRY_*, UPSTREAM_BREAKER_*, SOAP_BULKHEAD_*,
 * upstream/resilience/ResilienceConfig.ts), `DEFAULT_CACHE_CONFIG` (CACHE_*, cache/cacheConfig.ts)
 * and the loaders' `DEFAULT_*` (LOADER_MAX_BATCH_SIZE, SCHEDULE_*, loaders/createLoaders.ts).
 * Defaults that depend on the mode (HOST, NODE_ENV, GRAPHQL_INTROSPECTION, PLAYGROUND_ENABLED, the
 * demo OAuth client) are decided in `config.ts`. docs/configuration.md lists them all.
 *
 * No imports: the HEALTHCHECK loads this file alone.
 */
const MIB = 1024 * 1024;

export const DEFAULTS = Object.freeze({
  PORT: 4000,
  SIMULATOR_PORT: 4010,
  SIMULATOR_AGENTS: 60,
  SIMULATOR_RATE_LIMIT: 300,
  UPSTREAM_TIMEOUT_MS: 10_000,
  UPSTREAM_CONNECT_TIMEOUT_MS: 3_000,
  UPSTREAM_MAX_RESPONSE_BYTES: 16 * MIB,
  REQUEST_TIMEOUT_MS: 30_000,
  MAX_REQUEST_BODY_BYTES: MIB,
  TOKEN_CHECK_TTL_MS: 30_000,
  TOKEN_CHECK_CACHE_MAX: 10_000,
  MAX_SCHEDULE_RANGE_DAYS: 62,
  LOG_LEVEL: 'info',
  SHUTDOWN_DELAY_MS: 0,
  SHUTDOWN_GRACE_MS: 10_000,
  READINESS_PROBE_TIMEOUT_MS: 1_000,
  READINESS_CACHE_MS: 5_000,
  METRICS_ENABLED: true,
  REDIS_COMMAND_TIMEOUT_MS: 250,
  REDIS_BREAKER_OPEN_MS: 5_000,
  REDIS_LOCK_MS: 5_000,
  REDIS_LOCK_WAIT_MS: 3_000,
  OTEL_EXPORTER_OTLP_TIMEOUT: 10_000,
  OTEL_SERVICE_NAME: 'genesys-graphql-gateway',
} as const);
