/**
 * The one composition of the gateway, shared by `main.ts` and the test harness so that what the
 * tests run cannot drift from what `npm start` runs: configuration → upstream dispatchers →
 * resilience → counters and response cache → the upstream stack (`createUpstreams`) →
 * monitoring → `createServer` → `/metrics` sources. Builds, never listens (`startServer` does),
 * and never loads the simulator.
 */
import type { Dispatcher } from 'undici';
import {
  ResponseCache,
  responseCacheOptions,
  type ResponseCacheOptions,
} from './cache/ResponseCache.js';
import { Invalidation } from './cache/Invalidation.js';
import { IdempotentWrites } from './cache/IdempotentWrites.js';
import { WholeAnswerCache, type WholeAnswerCacheOptions } from './cache/WholeAnswerCache.js';
import { startExpirySweep } from './cache/expirySweep.js';
import { conversionBytes } from './loaders/scheduleItems.js';
import type { SharedBinding } from './cache/shared/SharedBinding.js';
import { createSharedBinding } from './cache/shared/createSharedBinding.js';
import { RedisInvalidationBus } from './cache/shared/RedisInvalidationBus.js';
import { createEncryptedKv, type EncryptedKv } from './cache/shared/EncryptedKv.js';
import type { CloudEndpoints, GatewayConfig, GenesysEndpoints } from './config.js';
import { UpstreamCounters } from './counters/UpstreamCounters.js';
import {
  createUpstreams,
  type ClientOverrides,
  type ComposedUpstreams,
} from './createUpstreams.js';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders/createLoaders.js';
import { KnownSecrets } from './logging/KnownSecrets.js';
import { silentLogger, type Logger } from './logging/Logger.js';
import { resolvers } from './resolvers/index.js';
import { loadFederationTypeDefs, loadTypeDefs } from './schema/typeDefs.js';
import { createServer, type GatewayServer } from './server/createServer.js';
import { createMonitoring, type Monitoring } from './server/monitoring/createMonitoring.js';
import type { PlaygroundOptions } from './server/playground/createPlaygroundRoutes.js';
import { debugCostPlugin } from './server/plugins/debugCostPlugin.js';
import type { CallContext } from './types/CallContext.js';
import type { Upstreams } from './types/Upstreams.js';
import { createUpstreamAgent } from './upstream/http/createUpstreamAgent.js';
import { CloudQuota } from './upstream/cloud/CloudQuota.js';
import { createResilience, type Resilience } from './upstream/resilience/createResilience.js';
import type { ResilienceConfig } from './upstream/resilience/ResilienceConfig.js';

export type { ClientOverrides } from './createUpstreams.js';

/** A per-request loader factory: `createLoaders`'s signature. */
export type LoaderFactory = (
  upstreams: Upstreams,
  call: CallContext,
  options: LoaderOptions,
) => Loaders;

/**
 * Options of {@link createGateway}. `config` and `endpoints` are what production needs; every
 * other option defaults to what `npm start` runs and is a documented injection point (the I/O and
 * the parts of the stack), not a switch: it replaces a piece, the composition stays the same.
 */
export interface GatewayOptions {
  /**
   * The validated configuration (`loadConfig`). Every number the gateway uses comes from here:
   * upstream deadlines and connect timeout, size caps, cache bounds and TTLs, loader batching,
   * the shutdown grace period (`stop()`), readiness probes, resilience budgets.
   */
  config: GatewayConfig;
  /** The three back ends: `config.genesys`, or in demo mode the simulator's URLs. */
  endpoints: GenesysEndpoints;
  /**
   * GENESYS_PLATFORM=cloud: the Genesys Cloud back ends, `config.cloud` or in demo mode the
   * simulator's Cloud side. Default `config.cloud`; ignored on Engage.
   */
  cloud?: CloudEndpoints | null;
  /** Where the server, the access log and breaker state changes write. Default `silentLogger`. */
  logger?: Logger;
  /** Credentials of requests in flight, for the logger to redact. Default: a fresh set. */
  secrets?: KnownSecrets;
  /** The browser playground at `GET /graphql` (main: `playgroundFor(...)`). Default null: off. */
  playground?: PlaygroundOptions | null;
  /**
   * Upstream retries, circuit breakers and the SOAP bulkhead. Default `config.resilience`, as in
   * production; another `ResilienceConfig` (smaller budgets); `false`: none of them.
   */
  resilience?: ResilienceConfig | false;
  /**
   * Builds the cross-request response cache from the options of `config.cache` (bounds, TTLs,
   * the gateway's counters). Default `(options) => new ResponseCache(options)`; e.g. add a `now`
   * clock, or build a subclass. `false`: no cross-request cache, every call reaches the clients.
   */
  responseCache?: false | ((options: ResponseCacheOptions) => ResponseCache);
  /**
   * Builds the whole-answer cache above the response cache (bounds: CACHE_MAX_ENTRIES and a
   * quarter of CACHE_MAX_BYTES; TTLs: the kinds' and TOKEN_CHECK_TTL_MS). Default: built when
   * the response cache is the default one; off (`false`) when `responseCache` is `false` or a
   * builder of the caller's (a fake clock or a broken key is then tested on its own).
   */
  wholeAnswerCache?: false | ((options: WholeAnswerCacheOptions) => WholeAnswerCache);
  /** Replaces or wraps back-end clients inside the stack (see `ClientOverrides`). Default: none. */
  clients?: ClientOverrides;
  /**
   * The per-request loader factory, called with the shared upstream stack, the request's call
   * context and `config.loaders`. Default `createLoaders`.
   */
  createLoaders?: LoaderFactory;
}

/** A built gateway: everything `main.ts` and the tests need, nothing listening yet. */
export interface Gateway {
  /** The built server; `startServer(gateway.server, …)` listens. */
  readonly server: GatewayServer;
  /** Health, readiness, metrics registry, the request monitor (what `installShutdown` takes). */
  readonly monitoring: Monitoring;
  /** The upstream stack the server uses: per-request memo → response cache → counters → `raw`. */
  readonly upstreams: Upstreams;
  /** The undecorated clients; `raw.soap.ready` settles when the bundled WSDLs are loaded. */
  readonly raw: ComposedUpstreams['raw'];
  /** Upstream calls that reached the clients, and response-cache events. */
  readonly counters: UpstreamCounters;
  /** Null when built with `responseCache: false`. */
  readonly responseCache: ResponseCache | null;
  /** Whole answers per caller; null when off (see `GatewayOptions.wholeAnswerCache`). */
  readonly wholeAnswers: WholeAnswerCache | null;
  /** The shared Redis tier behind the response cache (REDIS_URL); null without one. */
  readonly shared: SharedBinding | null;
  /** Invalidations across replicas over Redis pub/sub (REDIS_URL); null without Redis. */
  readonly bus: RedisInvalidationBus | null;
  /**
   * Server-side sessions (encrypted per session id, keyed by its HMAC): on Redis with REDIS_URL,
   * shared by every replica; else in process.
   */
  readonly sessions: EncryptedKv;
  /** Breakers, retry policies and the SOAP bulkhead; null when built with `resilience: false`. */
  readonly resilience: Resilience | null;
  /** The server's token-check cache (`server.tokenChecks`). */
  readonly tokenChecks: GatewayServer['tokenChecks'];
  /**
   * The one invalidation module (src/cache/Invalidation.ts): the token checks, the response cache
   * and the SOAP sessions are registered with it; sign-out, password change and writes call it.
   */
  readonly invalidation: Invalidation;
  /** The pooled upstream dispatchers: REST back ends, and WFM SOAP on sockets of its own. */
  readonly dispatchers: { readonly rest: Dispatcher; readonly soap: Dispatcher };
  /** Closes both dispatchers and the Redis connection. Stop the listening server first (`RunningServer.stop()`). */
  close(): Promise<void>;
}

/**
 * What cached answers keep alive beyond themselves: a GetAgentState answer carries its converted
 * items (the memo in loaders/scheduleItems.ts), counted so the cache's bound holds.
 */
const DERIVED_BYTES = { schedules: conversionBytes };

/** How long the first outcome of a write is answered again for its idempotency key: a day. */
const IDEMPOTENCY_TTL_MS = 86_400_000;

/**
 * Builds the whole gateway from its configuration and endpoints, as `npm start` runs it. Returns
 * at once after `createServer`; the WSDLs load in the background (readiness waits for them, tests
 * may `await gateway.raw.soap.ready`). Creates the upstream dispatchers (undici Agents open no
 * socket before the first call) and closes them again if building fails.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, endpoints } = options;
  const logger = options.logger ?? silentLogger;
  const secrets = options.secrets ?? new KnownSecrets();
  const { connectTimeoutMs } = config.upstream;
  // SOAP on sockets of its own: a hanging WFM SOAP server cannot take the REST back ends' sockets.
  const dispatchers = {
    rest: createUpstreamAgent({ connectTimeoutMs }),
    soap: createUpstreamAgent({ connectTimeoutMs }),
  };
  let shared: SharedBinding | undefined;
  let bus: RedisInvalidationBus | undefined;
  let stopSweep = (): void => {};
  const sessions = createEncryptedKv(config, 'session', config.tokenCheck.maxEntries);
  const idempotency = createEncryptedKv(config, 'idempotency', config.cache.maxEntries);
  const close = async (): Promise<void> => {
    stopSweep();
    await Promise.all([
      sessions.close(),
      idempotency.close(),
      dispatchers.rest.close(),
      dispatchers.soap.close(),
      shared?.tier.close(),
      bus?.close(),
    ]);
  };
  try {
    // Per back end a retry policy with its budget and a circuit breaker, plus the SOAP bulkhead
    // (src/upstream/resilience/, RELIABILITY.md).
    const resilience =
      options.resilience === false
        ? null
        : createResilience({
            config: options.resilience ?? config.resilience,
            requestTimeoutMs: config.requestTimeoutMs,
            tracing: config.tracing.enabled,
          });
    resilience?.breakers.onStateChange(({ service, from, to }) =>
      logger.warn('upstream circuit breaker changed state', { service, from, to }),
    );
    const counters = new UpstreamCounters();
    const buildCache = options.responseCache ?? ((o) => new ResponseCache(o));
    const responseCache =
      buildCache === false
        ? null
        : buildCache(responseCacheOptions(config.cache, counters, DERIVED_BYTES));
    // REDIS_URL: the shared tier behind the LRU (cache/shared/); the breaker's changes are logged.
    shared = responseCache ? createSharedBinding(config, logger) : undefined;
    // GENESYS_PLATFORM=cloud: the remaining quota per token hash, as large as the token checks.
    const cloudQuota =
      config.platform === 'cloud'
        ? new CloudQuota({
            reservePercent: config.cloudPacing.reservePercent,
            maxTokens: config.tokenCheck.maxEntries,
          })
        : undefined;
    const cloud = config.platform === 'cloud' ? (options.cloud ?? config.cloud) : null;
    // Every per-token holder registers here; the server adds its token checks. The index of
    // tokens by user is as large as the larger of the two caches that key by token.
    const invalidation = new Invalidation({
      maxTokens: Math.max(config.tokenCheck.maxEntries, config.cache.maxEntries),
      // With Redis, a user's tokens are also recorded there, so a global sign-out on any replica
      // reaches the shared copies of tokens that only other replicas have seen.
      ...(shared ? { onNewToken: shared.noteToken } : {}),
    });
    // Time-off writes once per idempotency key: outcomes encrypted per caller, on Redis with
    // REDIS_URL (every replica sees them), else in process.
    const writes = new IdempotentWrites({
      store: idempotency,
      ttlMs: IDEMPOTENCY_TTL_MS,
      claimMs: config.requestTimeoutMs,
    });
    const { upstreams, raw } = createUpstreams({
      endpoints,
      cloud,
      dispatchers,
      interceptorsFor: resilience ? (service) => resilience.interceptorsFor(service) : undefined,
      timeoutMs: config.upstream.timeoutMs,
      maxResponseBytes: config.upstream.maxResponseBytes,
      apiKey: config.apiKey,
      oauthClient: config.oauthClient,
      counters,
      responseCache,
      clients: options.clients,
      ...(shared ? { shared } : {}),
      tracing: config.tracing.enabled,
      ...(cloudQuota ? { cloudQuota } : {}),
      writes,
      dropTags: (tags) => invalidation.dropTags(tags),
    });
    // Invalidations across replicas: local events out over Redis pub/sub, others' events in.
    bus =
      shared && config.redis.url !== null
        ? new RedisInvalidationBus({
            url: config.redis.url,
            invalidation,
            tier: shared.tier,
            commandTimeoutMs: config.redis.commandTimeoutMs,
          })
        : undefined;
    invalidation.register({
      dropToken: (tokenHash) => {
        responseCache?.invalidateToken(tokenHash);
        upstreams.soap.dropSession(tokenHash);
      },
      dropTags: (tags) => responseCache?.invalidateTags(tags),
    });
    const buildAnswers =
      options.wholeAnswerCache ??
      (options.responseCache === undefined ? (o) => new WholeAnswerCache(o) : false);
    const wholeAnswers =
      responseCache === null || buildAnswers === false
        ? null
        : buildAnswers({
            maxEntries: config.cache.maxEntries,
            maxBytes: Math.max(1, Math.floor(config.cache.maxSizeBytes / 4)),
            ttlMs: config.cache.ttlMs,
            maxTtlMs: config.tokenCheck.ttlMs,
          });
    const monitoring = createMonitoring({
      config,
      endpoints,
      cloud,
      wsdlReady: raw.soap.ready,
      logger,
      secrets,
      ...(shared ? { sharedTier: shared.tier } : {}),
    });
    const loaderFactory = options.createLoaders ?? createLoaders;
    const server = await createServer({
      config,
      upstreams,
      typeDefs: loadTypeDefs(),
      resolvers,
      // Always a federation v2 subgraph: a router may compose it; clients never see the difference.
      federation: loadFederationTypeDefs(),
      createLoaders: (clients, call) => loaderFactory(clients, call, config.loaders),
      logger,
      plugins: [debugCostPlugin()],
      playground: options.playground ?? null,
      monitor: monitoring.monitor,
      stopGracePeriodMs: config.shutdown.graceMs,
      invalidation,
      answers: wholeAnswers,
      tracing: config.tracing.enabled,
    });
    // Expired entries leave memory on a timer, not only when touched or evicted.
    stopSweep = startExpirySweep([responseCache, wholeAnswers, server.tokenChecks]);
    monitoring.observe({
      counters,
      responseCache: responseCache ?? undefined,
      wholeAnswers: wholeAnswers ?? undefined,
      tokenChecks: server.tokenChecks,
      resilience: resilience ?? undefined,
      ...(shared ? { sharedTier: shared.tier } : {}),
      ...(cloudQuota ? { cloudQuota } : {}),
    });
    return {
      server,
      monitoring,
      upstreams,
      raw,
      counters,
      responseCache,
      wholeAnswers,
      shared: shared ?? null,
      bus: bus ?? null,
      sessions,
      resilience,
      tokenChecks: server.tokenChecks,
      invalidation,
      dispatchers,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
