import { Agent, request } from 'undici';
import { DEFAULT_CACHE_CONFIG } from '../../../src/cache/cacheConfig.js';
import { cachedUpstreamsFor } from '../../../src/cache/composeUpstreams.js';
import type { Upstreams } from '../../../src/context/GatewayContext.js';
import { createLoaders } from '../../../src/loaders/createLoaders.js';
import { resolvers } from '../../../src/resolvers/index.js';
import { loadTypeDefs } from '../../../src/schema/typeDefs.js';
import { createServer, type ServerConfig } from '../../../src/server/createServer.js';
import { debugCostPlugin } from '../../../src/server/plugins/debugCostPlugin.js';
import { startServer } from '../../../src/server/startServer.js';
import { startSimulator, type SimulatorOptions } from '../../../src/simulator/createSimulator.js';
import { HttpAuthApi } from '../../../src/upstream/auth/AuthApi.js';
import { createUpstreamAgent } from '../../../src/upstream/http/createUpstreamAgent.js';
import { createWfmSoapApi } from '../../../src/upstream/soap/createWfmSoapApi.js';
import type { WfmSoapApi } from '../../../src/upstream/soap/WfmSoapApi.js';
import { HttpWfmApi } from '../../../src/upstream/wfm/WfmApi.js';

export interface GatewayHarnessOptions {
  simulator?: SimulatorOptions;
  config?: Partial<ServerConfig>;
  /** Deadline of one upstream attempt, ms (small for timeout tests). */
  upstreamTimeoutMs?: number;
  /** GENESYS_API_KEY of the gateway. */
  apiKey?: string | null;
  /** The SOAP client: `real` (createWfmSoapApi against the simulator) or, by default, one that fails on any call. */
  soap?: 'real' | 'none';
  /** Wrap the clients like main.ts does (counting + cross-request response cache). Default false. */
  cached?: boolean;
}

export interface GqlResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }>;
  };
}

const DEFAULT_CONFIG: ServerConfig = {
  nodeEnv: 'test',
  introspection: true,
  corsOrigins: [],
  maxRequestBodyBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  maxScheduleRangeDays: 62,
  tokenHashSecret: 'integration-test-secret-0123456789abcdef',
  tokenCheck: { ttlMs: 30_000, maxEntries: 1_000 },
};

/** A SOAP client for suites that must not reach SOAP. */
const noSoap: WfmSoapApi = new Proxy({} as WfmSoapApi, {
  get: (_t, name) =>
    name === 'dropSession'
      ? () => undefined
      : () => Promise.reject(new Error(`unexpected SOAP call ${String(name)}`)),
});

/**
 * One in-process simulator (port 0) and one gateway against it (port 0), wired like main.ts; by
 * default without the cross-request cache, so every upstream call shows in `sim.log`.
 */
export async function startGateway(options: GatewayHarnessOptions = {}) {
  const sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, ...options.simulator });
  const upstreamAgent = createUpstreamAgent({ connectTimeoutMs: 1_000 });
  const timeoutMs = options.upstreamTimeoutMs ?? 5_000;
  const auth = new HttpAuthApi({
    baseUrl: sim.authUrl,
    dispatcher: upstreamAgent,
    timeoutMs,
    maxResponseBytes: 1024 * 1024,
    apiKey: options.apiKey ?? null,
    oauthClient: { clientId: 'demo-client', clientSecret: 'demo-secret' },
  });
  const wfm = new HttpWfmApi({
    baseUrl: sim.wfmUrl,
    dispatcher: upstreamAgent,
    timeoutMs,
    maxResponseBytes: 1024 * 1024,
  });
  const soap =
    options.soap === 'real'
      ? await createWfmSoapApi({
          locatorUrl: sim.locatorUrl,
          dispatcher: upstreamAgent,
          timeoutMs,
          resolveUserId: async (ctx) => (await wfm.userInfo(ctx)).userId,
        })
      : noSoap;
  const raw: Upstreams = { auth, wfm, soap };
  const upstreams = options.cached ? cachedUpstreamsFor(raw, DEFAULT_CACHE_CONFIG) : raw;
  const server = await createServer({
    config: { ...DEFAULT_CONFIG, ...options.config },
    upstreams,
    typeDefs: loadTypeDefs(),
    resolvers,
    createLoaders,
    plugins: [debugCostPlugin()],
    stopGracePeriodMs: 500,
  });
  const running = await startServer(server, { port: 0, host: '127.0.0.1' });
  const client = new Agent();

  async function gql(
    query: string,
    token?: string | null,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GqlResponse> {
    const res = await request(running.url, {
      dispatcher: client,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      headers: res.headers,
      body: JSON.parse(text) as GqlResponse['body'],
    };
  }

  /** A fresh token through the simulator's password grant. */
  async function token(user: string): Promise<string> {
    return (await sim.passwordToken(user)).access_token;
  }

  return {
    sim,
    server,
    url: running.url,
    gql,
    token,
    async close() {
      await running.stop();
      await client.close();
      await upstreamAgent.close();
      await sim.close();
    },
  };
}

export type GatewayHarness = Awaited<ReturnType<typeof startGateway>>;
