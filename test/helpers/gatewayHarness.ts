/**
 * The whole gateway over HTTP against an in-process simulator: simulator on port 0 → real
 * upstream clients composed by `createUpstreams` as `src/main.ts` composes them (undici REST,
 * node-soap over undici, resilience, optionally counting + response cache, per-request memo) →
 * `createServer` → listen on port 0. Tests read upstream calls from `sim.log`.
 */
import type { FormattedExecutionResult } from 'graphql';
import { request } from 'undici';
import { responseCacheLayer } from '../../src/cache/composeUpstreams.js';
import { createResponseCache, type ResponseCache } from '../../src/cache/ResponseCache.js';
import { loadConfig } from '../../src/config.js';
import { createLoaders } from '../../src/loaders/createLoaders.js';
import { resolvers } from '../../src/resolvers/index.js';
import { loadTypeDefs } from '../../src/schema/typeDefs.js';
import { UpstreamCounters } from '../../src/metrics/UpstreamCounters.js';
import { createServer, type GatewayServer } from '../../src/server/createServer.js';
import { debugCostPlugin } from '../../src/server/plugins/debugCostPlugin.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { startSimulator, type Simulator } from '../../src/simulator/createSimulator.js';
import { createUpstreamAgent } from '../../src/upstream/http/createUpstreamAgent.js';
import { createUpstreams } from '../../src/upstream/createUpstreams.js';
import { createResilience } from '../../src/upstream/resilience/createResilience.js';

export interface GatewayHarnessOptions {
  /** Numbered simulator agents; default 60. */
  agents?: number;
  /** The simulator's "today"; default 2026-03-04 (inside the seeded DST weeks). */
  today?: Date;
  /** Put the cross-request response cache in front of the clients, as `npm start` does. Default false. */
  cache?: boolean;
  /** `maxBatchSize` of the loaders; default the loaders' default. */
  maxBatchSize?: number;
  /** Extra gateway environment variables (e.g. MAX_SCHEDULE_RANGE_DAYS, CACHE_TTL_SITES_MS). */
  env?: Record<string, string>;
  /** Response cache clock in ms (TTL tests); default `performance.now`. Only with `cache`. */
  cacheNow?: () => number;
  /** TEST ONLY: the response cache's broken key (isolation tests prove they catch it). */
  brokenKeyForTests?: boolean;
}

/** One GraphQL answer over HTTP. */
export interface GatewayResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: FormattedExecutionResult;
}

export interface GatewayHarness {
  readonly sim: Simulator;
  /** `http://127.0.0.1:PORT/graphql`. */
  readonly url: string;
  /** A fresh access token of a demo user (`sam.supervisor`, …) through the password grant. */
  token(user: string): Promise<string>;
  /** POSTs one operation with `Authorization: Bearer <token>` (no header when token is null). */
  query(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GatewayResponse>;
  /** The response cache (only with `cache`). */
  readonly responseCache: ResponseCache | null;
  /** Upstream calls that reached the clients (only with `cache`; counting sits inside the cache). */
  readonly counters: UpstreamCounters;
  /** The built server (its token-check cache, …). */
  readonly server: GatewayServer;
  close(): Promise<void>;
}

/** Starts simulator and gateway; call `close()` in `afterAll`. */
export async function startGatewayHarness(
  options: GatewayHarnessOptions = {},
): Promise<GatewayHarness> {
  const sim = await startSimulator({
    port: 0,
    agents: options.agents ?? 60,
    today: options.today ?? new Date('2026-03-04T12:00:00Z'),
    rateLimitPerMinute: 0,
  });
  const dispatcher = createUpstreamAgent({ connectTimeoutMs: 3_000 });
  const counters = new UpstreamCounters();
  let responseCache: ResponseCache | null = null;
  let running: RunningServer | undefined;
  let server: GatewayServer;
  try {
    const config = loadConfig({
      envFile: null,
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        GENESYS_AUTH_URL: sim.authUrl,
        GENESYS_WFM_URL: sim.wfmUrl,
        GENESYS_WFM_LOCATOR_URL: sim.locatorUrl,
        ...options.env,
      },
    });
    // Upstream resilience (retries, breakers, SOAP bulkhead) from the same config as main.ts.
    const resilience = createResilience({
      config: config.resilience,
      requestTimeoutMs: config.requestTimeoutMs,
    });
    const cache = options.cache
      ? createResponseCache(config.cache, {
          counters,
          now: options.cacheNow,
          brokenKeyForTests: options.brokenKeyForTests,
        })
      : null;
    responseCache = cache;
    const { upstreams, raw } = createUpstreams({
      endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
      dispatcher,
      timeoutMs: config.upstream.timeoutMs,
      maxResponseBytes: config.upstream.maxResponseBytes,
      interceptorsFor: (service) => resilience.interceptorsFor(service),
      ...(cache ? { decorate: responseCacheLayer(cache, counters) } : {}),
    });
    await raw.soap.ready;
    server = await createServer({
      config,
      upstreams,
      typeDefs: loadTypeDefs(),
      resolvers,
      createLoaders: (clients, call) =>
        createLoaders(clients, call, {
          ...config.loaders,
          ...(options.maxBatchSize ? { maxBatchSize: options.maxBatchSize } : {}),
        }),
      plugins: [debugCostPlugin()],
      stopGracePeriodMs: 100,
    });
    running = await startServer(server, { port: 0, host: '127.0.0.1' });
  } catch (error) {
    await dispatcher.close();
    await sim.close();
    throw error;
  }
  const gateway = running;

  return {
    sim,
    url: gateway.url,
    async token(user) {
      return (await sim.passwordToken(user)).access_token;
    },
    responseCache,
    counters,
    server,
    async query(token, query, variables, headers = {}) {
      const response = await request(gateway.url, {
        method: 'POST',
        dispatcher,
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as FormattedExecutionResult;
      return { status: response.statusCode, headers: response.headers, body };
    },
    async close() {
      await gateway.stop();
      await dispatcher.close();
      await sim.close();
    },
  };
}
