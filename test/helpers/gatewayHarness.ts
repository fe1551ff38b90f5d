/**
 * The whole gateway over HTTP against an in-process simulator: simulator on port 0 → real
 * upstream clients (undici REST, node-soap over undici) → `createServer` → listen on port 0. The
 * composition mirrors `src/main.ts` (which runs on import, so it cannot be reused directly).
 * Tests read upstream calls from `sim.log`.
 */
import type { FormattedExecutionResult } from 'graphql';
import { request, type Dispatcher } from 'undici';
import { cachedUpstreamsFor } from '../../src/cache/composeUpstreams.js';
import { loadConfig } from '../../src/config.js';
import type { Upstreams } from '../../src/context/GatewayContext.js';
import { createLoaders } from '../../src/loaders/createLoaders.js';
import { resolvers } from '../../src/resolvers/index.js';
import { loadTypeDefs } from '../../src/schema/typeDefs.js';
import { createServer } from '../../src/server/createServer.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { startSimulator, type Simulator } from '../../src/simulator/createSimulator.js';
import { HttpAuthApi } from '../../src/upstream/auth/AuthApi.js';
import { createUpstreamAgent } from '../../src/upstream/http/createUpstreamAgent.js';
import { createWfmSoapApi } from '../../src/upstream/soap/createWfmSoapApi.js';
import { HttpWfmApi } from '../../src/upstream/wfm/WfmApi.js';

export interface GatewayHarnessOptions {
  /** Numbered simulator agents; default 60. */
  agents?: number;
  /** The simulator's "today"; default 2026-03-04 (inside the seeded DST weeks). */
  today?: Date;
  /** Put the cross-request response cache in front of the clients, as `npm start` does. Default false. */
  cache?: boolean;
  /** `maxBatchSize` of the loaders; default the loaders' default. */
  maxBatchSize?: number;
  /** Extra gateway environment variables (e.g. MAX_SCHEDULE_RANGE_DAYS). */
  env?: Record<string, string>;
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
  ): Promise<GatewayResponse>;
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
  let running: RunningServer | undefined;
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
    const raw = await buildUpstreams(sim, dispatcher, config.upstream);
    const server = await createServer({
      config,
      upstreams: options.cache ? cachedUpstreamsFor(raw, config.cache) : raw,
      typeDefs: loadTypeDefs(),
      resolvers,
      createLoaders: (upstreams, call) =>
        createLoaders(
          upstreams,
          call,
          options.maxBatchSize ? { maxBatchSize: options.maxBatchSize } : {},
        ),
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
    async query(token, query, variables) {
      const response = await request(gateway.url, {
        method: 'POST',
        dispatcher,
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
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

async function buildUpstreams(
  sim: Simulator,
  dispatcher: Dispatcher,
  limits: { timeoutMs: number; maxResponseBytes: number },
): Promise<Upstreams> {
  const auth = new HttpAuthApi({ baseUrl: sim.authUrl, dispatcher, ...limits });
  const wfm = new HttpWfmApi({ baseUrl: sim.wfmUrl, dispatcher, ...limits });
  const soap = createWfmSoapApi({
    locatorUrl: sim.locatorUrl,
    dispatcher,
    ...limits,
    resolveUserId: async (ctx) => (await wfm.userInfo(ctx)).userId,
  });
  await soap.ready;
  return { auth, wfm, soap };
}
