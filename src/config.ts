import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { CacheConfig } from './cache/cacheConfig.js';
import { readCacheConfig } from './config/cacheConfig.js';
import {
  CLOUD_URL_VARS,
  checkCloudTransport,
  readCloudEndpoints,
  readCloudPacing,
  type CloudPacingConfig,
  type Platform,
} from './config/cloud.js';
import { readRedisConfig, type RedisConfig } from './config/redisConfig.js';
import { readTracingConfig, type TracingConfig } from './config/tracing.js';
import { ConfigError } from './config/ConfigError.js';
import { readDotEnvFile } from './config/dotenv.js';
import { readServingConfig, type ServingConfig } from './config/serving.js';
import { DEFAULTS } from './config/defaults.js';
import { EnvReader, MAX_MS, type RawEnv } from './config/read.js';
import { readLoaderConfig, type LoaderConfig } from './config/loaderConfig.js';
import { readResilienceConfig } from './config/resilience.js';
import { findUnknownVariables, type UnknownVariable } from './config/unknownVariables.js';
import type { ResilienceConfig } from './upstream/resilience/ResilienceConfig.js';
import type { LogLevel } from './logging/Logger.js';
import type { CloudEndpoints } from './types/CloudEndpoints.js';
import type { GenesysEndpoints } from './types/GenesysEndpoints.js';

export type { Platform } from './config/cloud.js';
export type { CloudEndpoints } from './types/CloudEndpoints.js';
export { ConfigError, ConfigErrors } from './config/ConfigError.js';
export type { UnknownVariable } from './config/unknownVariables.js';
export type { GenesysEndpoints } from './types/GenesysEndpoints.js';
export type { LogLevel } from './logging/Logger.js';

export type NodeEnv = 'development' | 'production' | 'test';

/**
 * The whole validated, frozen configuration. Built once by {@link loadConfig}. The serving
 * settings (limits, shutdown, readiness, metrics) are declared in `config/serving.ts`.
 */
export interface GatewayConfig extends ServingConfig {
  /** GENESYS_PLATFORM: `engage` (default) or `cloud` (CONTRACT §8). */
  readonly platform: Platform;
  /**
   * `demo` when no URL of the platform is set (engage: GENESYS_*_URL; cloud: GENESYS_CLOUD_*):
   * main starts the simulator and points the gateway at it.
   */
  readonly mode: 'demo' | 'genesys';
  /** NODE_ENV; default `development` in demo mode, `production` otherwise (the safe side). */
  readonly nodeEnv: NodeEnv;
  /** HOST; default 127.0.0.1 in demo mode (demo tokens stay on this machine), 0.0.0.0 otherwise. */
  readonly host: string;
  /** PORT, default 4000 (0 = any free port). */
  readonly port: number;
  /** The Engage back ends; null in demo mode (main fills in the simulator's URLs) and on Cloud. */
  readonly genesys: GenesysEndpoints | null;
  /**
   * GENESYS_CLOUD_REGION, or GENESYS_CLOUD_API_URL and GENESYS_CLOUD_LOGIN_URL; null unless
   * GENESYS_PLATFORM=cloud outside demo mode (main fills in the simulator's Cloud side).
   */
  readonly cloud: CloudEndpoints | null;
  /** GENESYS_CLOUD_RATE_RESERVE_PERCENT: pacing by the Platform API's quota headers (config/cloud.ts). */
  readonly cloudPacing: CloudPacingConfig;
  /** GENESYS_API_KEY, sent as `x-api-key` on every Authentication API call. */
  readonly apiKey: string | null;
  /** SIMULATOR_PORT, default 4010. */
  readonly simulatorPort: number;
  /** SIMULATOR_AGENTS: numbered agents the demo-mode simulator seeds, default 60. */
  readonly simulatorAgents: number;
  /** SIMULATOR_RATE_LIMIT: the demo-mode simulator's requests per minute per token, default 300; 0 = off. */
  readonly simulatorRateLimitPerMinute: number;
  readonly upstream: {
    /** UPSTREAM_TIMEOUT_MS: deadline of one upstream attempt (headers and body), default 10000. */
    readonly timeoutMs: number;
    /** UPSTREAM_CONNECT_TIMEOUT_MS: TCP/TLS connect deadline, default 3000. */
    readonly connectTimeoutMs: number;
    /** UPSTREAM_MAX_RESPONSE_BYTES: larger upstream bodies are rejected before parsing, default 16 MiB. */
    readonly maxResponseBytes: number;
  };
  /** REQUEST_TIMEOUT_MS: deadline of one gateway request (aborts its upstream calls), default 30000. */
  readonly requestTimeoutMs: number;
  /** MAX_REQUEST_BODY_BYTES: larger request bodies are answered 413 before parsing, default 1 MiB. */
  readonly maxRequestBodyBytes: number;
  readonly tokenCheck: {
    /** TOKEN_CHECK_TTL_MS: how long a successful token check is remembered, default 30000; 0 = never. */
    readonly ttlMs: number;
    /** TOKEN_CHECK_CACHE_MAX: most remembered token checks, default 10000. */
    readonly maxEntries: number;
  };
  /**
   * MAX_SCHEDULE_RANGE_DAYS: longest schedule range a query may ask for, default 62, at most 93
   * (a quarter: with 31-day windows, at most three GetAgentState windows per chunk of agents).
   */
  readonly maxScheduleRangeDays: number;
  /** TOKEN_HASH_SECRET (≥ 32 chars): HMAC key of token hashes; random per process when unset. */
  readonly tokenHashSecret: string;
  /** True when {@link tokenHashSecret} was generated (caches are then per process). */
  readonly tokenHashSecretGenerated: boolean;
  /** CORS_ORIGINS: browser origins allowed to call the gateway cross-origin; default none. */
  readonly corsOrigins: readonly string[];
  /** CORS_ALLOW_LOOPBACK: also allow any `http://localhost:*` / `http://127.0.0.1:*` origin; default on in demo mode only. */
  readonly corsLoopback: boolean;
  /** SCHEMA_ENDPOINT_ENABLED: serve the SDL at `GET /schema.graphql`; default on except in production. */
  readonly schemaEndpoint: boolean;
  /** LOG_LEVEL, default `info`. */
  readonly logLevel: LogLevel;
  /** GRAPHQL_INTROSPECTION; default on except in production. */
  readonly introspection: boolean;
  /** The browser playground at `GET /graphql` (see src/server/playground/). */
  readonly playground: PlaygroundConfig;
  /** OAUTH_CLIENT_ID / OAUTH_CLIENT_SECRET for the playground's code exchange; demo: demo-client / demo-secret. */
  readonly oauthClient: { readonly clientId: string; readonly clientSecret: string } | null;
  /** Cross-request response cache: CACHE_MAX_ENTRIES, CACHE_MAX_BYTES, CACHE_TTL_<KIND>_MS (see cache/cacheConfig.ts). */
  readonly cache: CacheConfig;
  /** The shared tier: REDIS_URL and REDIS_* (see config/redisConfig.ts). */
  readonly redis: RedisConfig;
  /** Upstream retries, circuit breakers and the SOAP bulkhead: UPSTREAM_RETRY_*, UPSTREAM_BREAKER_*, SOAP_BULKHEAD_* (see config/resilience.ts). */
  readonly resilience: ResilienceConfig;
  /** Loader batching: LOADER_MAX_BATCH_SIZE, SCHEDULE_BATCH_AGENT_DAYS, SCHEDULE_WINDOW_DAYS (see config/loaderConfig.ts). */
  readonly loaders: LoaderConfig;
  /** OpenTelemetry tracing: OTEL_EXPORTER_OTLP_ENDPOINT and the other OTEL_* (see config/tracing.ts). */
  readonly tracing: TracingConfig;
}

/** PLAYGROUND_* settings. */
export interface PlaygroundConfig {
  /** PLAYGROUND_ENABLED; default on except in production. */
  readonly enabled: boolean;
  /**
   * PLAYGROUND_AUTHORIZE_URL: the Authentication API `oauth/authorize` URL as the *browser* reaches
   * it; default null = `<GENESYS_AUTH_URL>/oauth/authorize` (demo mode: the simulator's).
   */
  readonly authorizeUrl: string | null;
}

export interface LoadConfigOptions {
  /** Variables to read; default `process.env`. */
  env?: RawEnv;
  /** `.env` file to merge under `env` (env wins); default `<cwd>/.env`; null = none. Missing file is fine. */
  envFile?: string | null;
  /** Source of a generated TOKEN_HASH_SECRET (tests). */
  randomSecret?: () => string;
  /**
   * Told about each variable that is set, is not one the gateway reads, and looks like one of its
   * names (a typo such as `GENESIS_AUTH_URL`, see `config/unknownVariables.ts`): a warning, not an
   * error. Called before the configuration is validated, so it is told even when loading fails.
   */
  onUnknownVariable?: (unknown: UnknownVariable) => void;
}

/**
 * Variables of this project that the gateway itself does not read: the stand-alone simulator's
 * (`npm run simulator`), which may share the environment or `.env`.
 */
const READ_ELSEWHERE = ['SIMULATOR_HOST', 'SIMULATOR_ADVERTISED_URL'] as const;

const MIB = 1024 * 1024;

/**
 * Reads, validates and freezes the configuration: every variable goes through one
 * {@link EnvReader}. Throws `ConfigErrors` listing every bad value found (each naming the
 * variable, the rule and the value received), not only the first.
 */
export function loadConfig(options: LoadConfigOptions = {}): GatewayConfig {
  const rawEnv = options.env ?? process.env;
  const file = readDotEnvFile(options.envFile === undefined ? resolve('.env') : options.envFile);
  const read = new EnvReader({ ...file.variables, ...definedOnly(rawEnv) });
  if (file.problem) read.report(file.problem);
  const config = readConfig(read, options);
  if (options.onUnknownVariable) {
    const known = knownOf(read);
    for (const unknown of [
      ...findUnknownVariables(Object.keys(rawEnv), known, 'environment'),
      ...findUnknownVariables(Object.keys(file.variables), known, '.env'),
    ])
      options.onUnknownVariable(unknown);
  }
  read.throwIfInvalid();
  return deepFreeze(config);
}

/**
 * Every variable name the gateway reads (and the few of this project read elsewhere), sorted: the
 * list docs/configuration.md documents and the unknown-variable warning compares against.
 */
export function knownVariableNames(): string[] {
  const read = new EnvReader({});
  readConfig(read, { randomSecret: () => '' });
  return [...knownOf(read)].sort();
}

function knownOf(read: EnvReader): Set<string> {
  return new Set<string>([...read.asked, ...READ_ELSEWHERE]);
}

/** Reads every variable; problems are recorded on `read`, defaults stand in for bad values. */
function readConfig(read: EnvReader, options: LoadConfigOptions): GatewayConfig {
  const platform = read.oneOf<Platform>('GENESYS_PLATFORM', ['engage', 'cloud'], 'engage');
  const engage = readGenesys(read, platform);
  const cloud = readCloudEndpoints(read, platform);
  const genesys = platform === 'engage' ? engage : null;
  const demo = platform === 'engage' ? genesys === null : cloud === null;
  const nodeEnv = read.oneOf<NodeEnv>(
    'NODE_ENV',
    ['development', 'production', 'test'],
    demo ? 'development' : 'production',
  );
  if (demo && nodeEnv === 'production' && read.valid('NODE_ENV')) {
    // CONTRACT §2: a production deployment never falls back to the simulator (a forgotten
    // variable in a container would otherwise serve demo tokens on every interface).
    read.report(
      new ConfigError(
        (platform === 'cloud' ? ['GENESYS_CLOUD_REGION', ...CLOUD_URL_VARS] : GENESYS_VARS).join(
          ', ',
        ),
        'must be set when NODE_ENV=production: a production gateway never starts the demo ' +
          'simulator (unset NODE_ENV or set it to development for demo mode)',
      ),
    );
  }
  checkCloudTransport(read, cloud, nodeEnv === 'production');
  const host = read.raw('HOST') ?? (demo ? '127.0.0.1' : '0.0.0.0');
  if (/\s/.test(host))
    read.report(
      new ConfigError(
        'HOST',
        'must be a host name or IP address without spaces',
        JSON.stringify(host),
      ),
    );

  const generated = read.raw('TOKEN_HASH_SECRET') === undefined;
  const tokenHashSecret =
    read.secret('TOKEN_HASH_SECRET', 32) ??
    (options.randomSecret ?? (() => randomBytes(32).toString('hex')))();

  const config: GatewayConfig = {
    platform,
    mode: demo ? 'demo' : 'genesys',
    nodeEnv,
    host,
    port: read.int('PORT', DEFAULTS.PORT, 0, 65_535),
    genesys,
    cloud,
    cloudPacing: readCloudPacing(read),
    apiKey: read.secret('GENESYS_API_KEY') ?? null,
    simulatorPort: read.int('SIMULATOR_PORT', DEFAULTS.SIMULATOR_PORT, 0, 65_535),
    simulatorAgents: read.int('SIMULATOR_AGENTS', DEFAULTS.SIMULATOR_AGENTS, 0, 100_000),
    simulatorRateLimitPerMinute: read.int(
      'SIMULATOR_RATE_LIMIT',
      DEFAULTS.SIMULATOR_RATE_LIMIT,
      0,
      1_000_000_000,
    ),
    upstream: {
      timeoutMs: read.int('UPSTREAM_TIMEOUT_MS', DEFAULTS.UPSTREAM_TIMEOUT_MS, 1, MAX_MS),
      connectTimeoutMs: read.int(
        'UPSTREAM_CONNECT_TIMEOUT_MS',
        DEFAULTS.UPSTREAM_CONNECT_TIMEOUT_MS,
        1,
        MAX_MS,
      ),
      maxResponseBytes: read.int(
        'UPSTREAM_MAX_RESPONSE_BYTES',
        DEFAULTS.UPSTREAM_MAX_RESPONSE_BYTES,
        1024,
        1024 * MIB,
      ),
    },
    requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', DEFAULTS.REQUEST_TIMEOUT_MS, 1, MAX_MS),
    maxRequestBodyBytes: read.int(
      'MAX_REQUEST_BODY_BYTES',
      DEFAULTS.MAX_REQUEST_BODY_BYTES,
      1024,
      100 * MIB,
    ),
    tokenCheck: {
      ttlMs: read.int('TOKEN_CHECK_TTL_MS', DEFAULTS.TOKEN_CHECK_TTL_MS, 0, 3_600_000),
      maxEntries: read.int('TOKEN_CHECK_CACHE_MAX', DEFAULTS.TOKEN_CHECK_CACHE_MAX, 1, 1_000_000),
    },
    maxScheduleRangeDays: read.int(
      'MAX_SCHEDULE_RANGE_DAYS',
      DEFAULTS.MAX_SCHEDULE_RANGE_DAYS,
      1,
      93,
    ),
    tokenHashSecret,
    tokenHashSecretGenerated: generated,
    corsOrigins: read.origins('CORS_ORIGINS'),
    corsLoopback: read.bool('CORS_ALLOW_LOOPBACK', demo && nodeEnv !== 'production'),
    schemaEndpoint: read.bool('SCHEMA_ENDPOINT_ENABLED', nodeEnv !== 'production'),
    logLevel: read.oneOf<LogLevel>(
      'LOG_LEVEL',
      ['silent', 'error', 'warn', 'info', 'debug'],
      DEFAULTS.LOG_LEVEL,
    ),
    introspection: read.bool('GRAPHQL_INTROSPECTION', nodeEnv !== 'production'),
    playground: {
      enabled: read.bool('PLAYGROUND_ENABLED', nodeEnv !== 'production'),
      authorizeUrl:
        read.url('PLAYGROUND_AUTHORIZE_URL', {
          pathSuffix: '/oauth/authorize',
          allowQuery: false,
        }) ?? null,
    },
    oauthClient: readOAuthClient(read, demo),
    cache: readCacheConfig(read),
    redis: readRedisConfig(read),
    resilience: readResilienceConfig(read),
    loaders: readLoaderConfig(read),
    tracing: readTracingConfig(read),
    // GRAPHQL_MAX_*, SHUTDOWN_*, READINESS_*, METRICS_ENABLED (src/config/serving.ts).
    ...readServingConfig(read),
  };
  if (
    demo &&
    read.valid('PORT', 'SIMULATOR_PORT') &&
    config.port !== 0 &&
    config.port === config.simulatorPort
  ) {
    read.report(
      new ConfigError(
        'SIMULATOR_PORT',
        'must differ from PORT in demo mode (both servers listen)',
        JSON.stringify(String(config.simulatorPort)),
      ),
    );
  }
  return config;
}

const GENESYS_VARS = ['GENESYS_AUTH_URL', 'GENESYS_WFM_URL', 'GENESYS_WFM_LOCATOR_URL'] as const;

function readGenesys(read: EnvReader, platform: Platform): GenesysEndpoints | null {
  const set = GENESYS_VARS.filter((name) => read.raw(name) !== undefined);
  if (set.length === 0 || platform !== 'engage') return null;
  for (const missing of GENESYS_VARS.filter((name) => !set.includes(name))) {
    read.report(
      new ConfigError(
        missing,
        `must be set together with ${set.join(', ')} (set all three GENESYS_* URLs, or none for demo mode)`,
      ),
    );
  }
  // A bad or missing URL is recorded on `read`; loading then fails, so '' is never used.
  return {
    authUrl: read.url('GENESYS_AUTH_URL', { pathSuffix: '/auth/v3', allowQuery: false }) ?? '',
    wfmUrl: read.url('GENESYS_WFM_URL', { pathSuffix: '/wfm/api/v3', allowQuery: false }) ?? '',
    locatorUrl: read.url('GENESYS_WFM_LOCATOR_URL', { allowQuery: true }) ?? '',
  };
}

function readOAuthClient(read: EnvReader, demo: boolean): GatewayConfig['oauthClient'] {
  const clientId = read.secret('OAUTH_CLIENT_ID');
  const clientSecret = read.secret('OAUTH_CLIENT_SECRET');
  // Presence decides "set together"; a value set but bad was reported by `secret` already.
  const idSet = read.raw('OAUTH_CLIENT_ID') !== undefined;
  const secretSet = read.raw('OAUTH_CLIENT_SECRET') !== undefined;
  if (!idSet && !secretSet) {
    return demo ? { clientId: 'demo-client', clientSecret: 'demo-secret' } : null;
  }
  if (!idSet)
    read.report(new ConfigError('OAUTH_CLIENT_ID', 'must be set when OAUTH_CLIENT_SECRET is set'));
  if (!secretSet)
    read.report(new ConfigError('OAUTH_CLIENT_SECRET', 'must be set when OAUTH_CLIENT_ID is set'));
  return clientId === undefined || clientSecret === undefined ? null : { clientId, clientSecret };
}

function definedOnly(env: RawEnv): Record<string, string> {
  const out: Record<string, string> = {};
  // A blank variable counts as unset, so it does not hide a value from `.env`.
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== '') out[key] = value;
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
