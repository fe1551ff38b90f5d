/**
 * The one composition of the gateway, shared by `main.ts` and the test harnesses so that what the
 * tests run cannot drift from what `npm start` runs: upstream dispatchers → resilience → counting
 * and response cache → `createUpstreams` → monitoring → `createServer` → `/metrics` sources.
 * Builds, never listens (`startServer` does), and never loads the simulator.
 */
import type { Dispatcher } from 'undici';
import { responseCacheLayer } from './cache/composeUpstreams.js';
import {
  createResponseCache,
  type ResponseCache,
  type ResponseCacheOptions,
} from './cache/ResponseCache.js';
import type { GatewayConfig, GenesysEndpoints } from './config.js';
import type { ContextFactoryDeps } from './context/createContext.js';
import { createLoaders } from './loaders/createLoaders.js';
import { KnownSecrets } from './logging/KnownSecrets.js';
import { UpstreamCounters } from './counters/UpstreamCounters.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema/typeDefs.js';
import { createMonitoring, type Monitoring } from './server/monitoring/createMonitoring.js';
import { createServer, type GatewayServer } from './server/createServer.js';
import { silentLogger, type Logger } from './logging/Logger.js';
import type { PlaygroundOptions } from './server/playground/createPlaygroundRoutes.js';
import { debugCostPlugin } from './server/plugins/debugCostPlugin.js';
import { createUpstreams, type ComposedUpstreams } from './createUpstreams.js';
import { createUpstreamAgent } from './upstream/http/createUpstreamAgent.js';
import { createResilience, type Resilience } from './upstream/resilience/createResilience.js';
import type { ResilienceConfig } from './upstream/resilience/ResilienceConfig.js';
import type { Upstreams } from './types/Upstreams.js';

/** The per-request loader factory the server calls (`createLoaders` bound to `config.loaders`). */
export type CreateLoadersFn = ContextFactoryDeps['createLoaders'];

/**
 * Options of {@link createGateway}. `config` and `endpoints` are what production needs; the rest
 * defaults to what `npm start` runs, and the two `wrap*` hooks exist for tests only.
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
  /** Where the server, the access log and breaker state changes write. Default `silentLogger`. */
  logger?: Logger;
  /** Credentials of requests in flight, for the logger to redact. Default: a fresh set. */
  secrets?: KnownSecrets;
  /** The browser playground at `GET /graphql` (main: `playgroundFor(...)`). Default null: off. */
  playground?: PlaygroundOptions | null;
  /**
   * Upstream retries, circuit breakers and the SOAP bulkhead. Default `config.resilience`, as in
   * production; another `ResilienceConfig` (tests' small budgets); `false`: none of them.
   */
  resilience?: ResilienceConfig | false;
  /**
   * The cross-request response cache (bounds and TTLs of `config.cache`) with the upstream
   * counting inside it. Default `{}`: on, as in production. An object: on, with test seams
   * (`now`, a fake clock in ms; `brokenKeyForTests`). `false`: neither cache nor counting, so
   * every upstream call reaches the clients.
   */
  responseCache?: false | Pick<ResponseCacheOptions, 'now' | 'brokenKeyForTests'>;
  /**
   * TEST SEAM: wraps the raw clients, inside counting and the cache (fault injection, spies,
   * stand-in clients). Default: none.
   */
  wrapUpstreams?: (raw: Upstreams) => Upstreams;
  /** TEST SEAM: wraps the loader factory (e.g. to count live loaders). Default: none. */
  wrapCreateLoaders?: (create: CreateLoadersFn) => CreateLoadersFn;
}

/** A built gateway: everything `main.ts` and the tests need, nothing listening yet. */
export interface Gateway {
  /** The built server; `startServer(gateway.server, …)` listens. */
  readonly server: GatewayServer;
  /** Health, readiness, metrics registry, the request observer (what `installShutdown` takes). */
  readonly monitoring: Monitoring;
  /** The clients the server uses: per-request memo around counting + cache around `raw`. */
  readonly upstreams: Upstreams;
  /** The undecorated clients; `raw.soap.ready` settles when the bundled WSDLs are loaded. */
  readonly raw: ComposedUpstreams['raw'];
  /** Upstream calls that reached the clients and cache events; empty without the response cache. */
  readonly counters: UpstreamCounters;
  /** Null when built with `responseCache: false`. */
  readonly responseCache: ResponseCache | null;
  /** Breakers, retry policies and the SOAP bulkhead; null when built with `resilience: false`. */
  readonly resilience: Resilience | null;
  /** The server's token-check cache (`server.tokenChecks`). */
  readonly tokenChecks: GatewayServer['tokenChecks'];
  /** The pooled upstream dispatchers: REST back ends, and WFM SOAP on sockets of its own. */
  readonly dispatchers: { readonly rest: Dispatcher; readonly soap: Dispatcher };
  /** Closes both dispatchers. Stop the listening server first (`RunningServer.stop()`). */
  close(): Promise<void>;
}

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
  const close = async (): Promise<void> => {
    await Promise.all([dispatchers.rest.close(), dispatchers.soap.close()]);
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
          });
    resilience?.breakers.onStateChange(({ service, from, to }) =>
      logger.warn('upstream circuit breaker changed state', { service, from, to }),
    );
    const counters = new UpstreamCounters();
    const responseCache =
      options.responseCache === false
        ? null
        : createResponseCache(config.cache, { counters, ...options.responseCache });
    const cacheLayer = responseCache ? responseCacheLayer(responseCache, counters) : null;
    const { wrapUpstreams } = options;
    // Clients → (test wrapper) → counting + response cache → per-request memo. Returns at once.
    const { upstreams, raw } = createUpstreams({
      endpoints,
      dispatcher: dispatchers.rest,
      soapDispatcher: dispatchers.soap,
      interceptorsFor: resilience ? (service) => resilience.interceptorsFor(service) : undefined,
      timeoutMs: config.upstream.timeoutMs,
      maxResponseBytes: config.upstream.maxResponseBytes,
      apiKey: config.apiKey,
      oauthClient: config.oauthClient,
      decorate: (clients) => {
        const wrapped = wrapUpstreams ? wrapUpstreams(clients) : clients;
        return cacheLayer ? cacheLayer(wrapped) : wrapped;
      },
    });
    const monitoring = createMonitoring({
      config,
      endpoints,
      wsdlReady: raw.soap.ready,
      logger,
      secrets,
    });
    const bound: CreateLoadersFn = (clients, call) => createLoaders(clients, call, config.loaders);
    const server = await createServer({
      config,
      upstreams,
      typeDefs: loadTypeDefs(),
      resolvers,
      createLoaders: options.wrapCreateLoaders ? options.wrapCreateLoaders(bound) : bound,
      logger,
      plugins: [debugCostPlugin()],
      playground: options.playground ?? null,
      monitor: monitoring.monitor,
      stopGracePeriodMs: config.shutdown.graceMs,
    });
    monitoring.observe({
      counters,
      responseCache: responseCache ?? undefined,
      tokenChecks: server.tokenChecks,
      resilience: resilience ?? undefined,
    });
    return {
      server,
      monitoring,
      upstreams,
      raw,
      counters,
      responseCache,
      resilience,
      tokenChecks: server.tokenChecks,
      dispatchers,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
