import { Agent, request } from 'undici';
import { DEFAULT_CACHE_CONFIG } from '../../../src/cache/cacheConfig.js';
import { cachedUpstreamsFor } from '../../../src/cache/composeUpstreams.js';
import { createLoaders } from '../../../src/loaders/createLoaders.js';
import { resolvers } from '../../../src/resolvers/index.js';
import { loadTypeDefs } from '../../../src/schema/typeDefs.js';
import { createServer, type ServerConfig } from '../../../src/server/createServer.js';
import { debugCostPlugin } from '../../../src/server/plugins/debugCostPlugin.js';
import { startServer } from '../../../src/server/startServer.js';
import { startSimulator, type SimulatorOptions } from '../../../src/simulator/createSimulator.js';
import { createUpstreams } from '../../../src/upstream/createUpstreams.js';
import { createUpstreamAgent } from '../../../src/upstream/http/createUpstreamAgent.js';
import {
  createResilience,
  type Resilience,
} from '../../../src/upstream/resilience/createResilience.js';
import {
  DEFAULT_RESILIENCE,
  type ResilienceConfig,
} from '../../../src/upstream/resilience/ResilienceConfig.js';
import { DEFAULT_MAX_SOAP_RESPONSE_BYTES } from '../../../src/upstream/soap/UndiciSoapHttpClient.js';
import type { WfmSoapApi } from '../../../src/upstream/soap/WfmSoapApi.js';

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
  /** Upstream retries, breakers and SOAP bulkhead as main.ts wires them; `false`: none. Default DEFAULT_RESILIENCE. */
  resilience?: ResilienceConfig | false;
  /** Largest upstream answer, bytes. Default 1 MiB for REST, the SOAP client's default for SOAP. */
  maxResponseBytes?: number;
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
  // Resilience wiring, as in main.ts: policies per back end, and SOAP on its own sockets.
  const serverConfig = { ...DEFAULT_CONFIG, ...options.config };
  const resilience: Resilience | null =
    options.resilience === false
      ? null
      : createResilience({
          config: options.resilience ?? DEFAULT_RESILIENCE,
          requestTimeoutMs: serverConfig.requestTimeoutMs,
        });
  const soapAgent = createUpstreamAgent({ connectTimeoutMs: 1_000 });
  const restMaxBytes = options.maxResponseBytes ?? 1024 * 1024;
  // The composition main.ts uses (src/upstream/createUpstreams.ts).
  const { upstreams, raw } = createUpstreams({
    endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
    dispatcher: upstreamAgent,
    soapDispatcher: soapAgent,
    timeoutMs,
    maxResponseBytes: restMaxBytes,
    soapMaxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_SOAP_RESPONSE_BYTES,
    apiKey: options.apiKey ?? null,
    oauthClient: { clientId: 'demo-client', clientSecret: 'demo-secret' },
    interceptorsFor: resilience ? (service) => resilience.interceptorsFor(service) : undefined,
    decorate: (clients) => {
      const chosen = options.soap === 'real' ? clients : { ...clients, soap: noSoap };
      return options.cached ? cachedUpstreamsFor(chosen, DEFAULT_CACHE_CONFIG) : chosen;
    },
  });
  if (options.soap === 'real') await raw.soap.ready;
  const server = await createServer({
    config: serverConfig,
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
    /** The upstream policies (breaker states, retry counters), null when built without. */
    resilience,
    /** The upstream dispatchers (REST, SOAP), e.g. for socket counts. */
    upstreamAgents: { rest: upstreamAgent, soap: soapAgent },
    async close() {
      await running.stop();
      await client.close();
      await upstreamAgent.close();
      await soapAgent.close();
      await sim.close();
    },
  };
}

export type GatewayHarness = Awaited<ReturnType<typeof startGateway>>;
