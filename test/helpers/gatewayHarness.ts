/**
 * The whole gateway over HTTP against an in-process simulator: simulator on port 0 → the gateway
 * `src/main.ts` builds (`createGateway`: undici REST, node-soap over undici, resilience,
 * optionally counting + response cache, per-request memo, operations) → listen on port 0. Tests
 * read upstream calls from `sim.log`.
 */
import type { FormattedExecutionResult } from 'graphql';
import { Agent, request } from 'undici';
import type { ResponseCache } from '../../src/cache/ResponseCache.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/createGateway.js';
import type { UpstreamCounters } from '../../src/counters/UpstreamCounters.js';
import type { GatewayServer } from '../../src/server/createServer.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { startSimulator, type Simulator } from '../../src/simulator/createSimulator.js';
import type { Upstreams } from '../../src/types/Upstreams.js';

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
  /** TEST ONLY: wraps the upstream clients (inside the cache), e.g. to plant a forwarding bug. */
  wrapUpstreams?: (raw: Upstreams) => Upstreams;
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
  let built: Gateway | undefined;
  let listening: RunningServer;
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
        SHUTDOWN_GRACE_MS: '100',
        ...options.env,
        ...(options.maxBatchSize ? { LOADER_MAX_BATCH_SIZE: String(options.maxBatchSize) } : {}),
      },
    });
    built = await createGateway({
      config,
      endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
      responseCache: options.cache
        ? { now: options.cacheNow, brokenKeyForTests: options.brokenKeyForTests }
        : false,
      wrapUpstreams: options.wrapUpstreams,
    });
    await built.raw.soap.ready;
    listening = await startServer(built.server, { port: 0, host: '127.0.0.1' });
  } catch (error) {
    await built?.close();
    await sim.close();
    throw error;
  }
  const gateway: Gateway = built;
  const running = listening;
  const { server, counters, responseCache } = gateway;
  const gatewayUrl = running.url;
  const client = new Agent();

  return {
    sim,
    url: gatewayUrl,
    async token(user) {
      return (await sim.passwordToken(user)).access_token;
    },
    responseCache,
    counters,
    server,
    async query(token, query, variables, headers = {}) {
      const response = await request(gatewayUrl, {
        method: 'POST',
        dispatcher: client,
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
      await running.stop();
      await client.close();
      await gateway.close();
      await sim.close();
    },
  };
}
