import { Agent, request } from 'undici';
import { loadConfig } from '../../../src/config.js';
import { createGateway } from '../../../src/createGateway.js';
import type { ServerConfig } from '../../../src/server/createServer.js';
import { startServer } from '../../../src/server/startServer.js';
import { startSimulator, type SimulatorOptions } from '../../../src/simulator/createSimulator.js';
import type { ResilienceConfig } from '../../../src/upstream/resilience/ResilienceConfig.js';
import type { WfmSoapApi } from '../../../src/types/WfmSoapApi.js';

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
  /**
   * Upstream retries, breakers and SOAP bulkhead as main.ts wires them; `false`: none. Default
   * the configuration's (DEFAULT_RESILIENCE).
   */
  resilience?: ResilienceConfig | false;
  /** UPSTREAM_MAX_RESPONSE_BYTES: largest REST and SOAP answer, in bytes. Default 16 MiB. */
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

/** A SOAP client for suites that must not reach SOAP. */
const noSoap: WfmSoapApi = new Proxy({} as WfmSoapApi, {
  get: (_t, name) =>
    name === 'dropSession'
      ? () => undefined
      : () => Promise.reject(new Error(`unexpected SOAP call ${String(name)}`)),
});

/**
 * One in-process simulator (port 0) and one gateway against it (port 0), built by `createGateway`
 * like main.ts; by default without the cross-request cache, so every upstream call shows in
 * `sim.log`.
 */
export async function startGateway(options: GatewayHarnessOptions = {}) {
  const sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, ...options.simulator });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    GENESYS_AUTH_URL: sim.authUrl,
    GENESYS_WFM_URL: sim.wfmUrl,
    GENESYS_WFM_LOCATOR_URL: sim.locatorUrl,
    UPSTREAM_TIMEOUT_MS: String(options.upstreamTimeoutMs ?? 5_000),
    UPSTREAM_CONNECT_TIMEOUT_MS: '1000',
    TOKEN_HASH_SECRET: 'integration-test-secret-0123456789abcdef',
    TOKEN_CHECK_CACHE_MAX: '1000',
    SHUTDOWN_GRACE_MS: '500',
    OAUTH_CLIENT_ID: 'demo-client',
    OAUTH_CLIENT_SECRET: 'demo-secret',
  };
  if (options.apiKey) env['GENESYS_API_KEY'] = options.apiKey;
  if (options.maxResponseBytes)
    env['UPSTREAM_MAX_RESPONSE_BYTES'] = String(options.maxResponseBytes);
  const gateway = await createGateway({
    // Server settings the tests override (e.g. a short REQUEST_TIMEOUT_MS) win over the variables.
    config: { ...loadConfig({ envFile: null, env }), ...options.config },
    endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
    resilience: options.resilience,
    responseCache: options.cached ? {} : false,
    wrapUpstreams:
      options.soap === 'real' ? undefined : (clients) => ({ ...clients, soap: noSoap }),
  });
  if (options.soap === 'real') await gateway.raw.soap.ready;
  const { server } = gateway;
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
    resilience: gateway.resilience,
    /** The upstream dispatchers (REST, SOAP), e.g. for socket counts. */
    upstreamAgents: gateway.dispatchers,
    async close() {
      await running.stop();
      await client.close();
      await gateway.close();
      await sim.close();
    },
  };
}

export type GatewayHarness = Awaited<ReturnType<typeof startGateway>>;
