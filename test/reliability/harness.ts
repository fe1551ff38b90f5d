/**
 * The reliability suite's gateway: an in-process simulator (port 0) and the gateway `src/main.ts`
 * builds (`createGateway`: resilience, counting + response cache, the operations kit — health,
 * readiness probes, metrics, access log) from configuration read through `loadConfig`, with the
 * redacting JSON logger capturing every line, listening on 127.0.0.1 port 0. Profiles: `test`
 * (introspection on) and `production`.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { createGateway, type GatewayOptions } from '../../src/createGateway.js';
import { createJsonLogger } from '../../src/logging/createJsonLogger.js';
import { KnownSecrets } from '../../src/logging/KnownSecrets.js';
import { startServer } from '../../src/server/startServer.js';
import { startSimulator, type SimulatorOptions } from '../../src/simulator/createSimulator.js';

/** True under `npm run soak`: the long variants. */
export const SOAK = process.env['RELIABILITY_SOAK'] === '1';

export interface ReliabilityOptions {
  profile: 'test' | 'production';
  /** Extra gateway variables (limits, cache bounds, SHUTDOWN_*…). */
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** Wraps the raw upstream clients (fault injection, spies). */
  wrapUpstreams?: GatewayOptions['wrapUpstreams'];
  /**
   * Keep every log line in `logLines` (default true). The memory checks turn it off: the kept
   * lines would be the heap growth they measure. Lines are written (and redacted) either way.
   */
  keepLogs?: boolean;
  /** Wraps the loader factory (e.g. to count live loaders). */
  wrapCreateLoaders?: GatewayOptions['wrapCreateLoaders'];
}

/** One HTTP answer, body as text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Starts simulator + gateway; call `close()` in `afterAll`. */
export async function startReliabilityGateway(options: ReliabilityOptions) {
  const sim = await startSimulator({
    port: 0,
    agents: 20,
    rateLimitPerMinute: 0,
    ...options.simulator,
  });
  const lines: string[] = [];
  const secrets = new KnownSecrets();
  const keep = options.keepLogs ?? true;
  const logger = createJsonLogger({
    level: 'debug',
    secrets,
    write: (line) => {
      if (keep) lines.push(line);
    },
  });
  const config: GatewayConfig = loadConfig({
    envFile: null,
    env: {
      NODE_ENV: options.profile,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'debug',
      GENESYS_AUTH_URL: sim.authUrl,
      GENESYS_WFM_URL: sim.wfmUrl,
      GENESYS_WFM_LOCATOR_URL: sim.locatorUrl,
      UPSTREAM_TIMEOUT_MS: '3000',
      UPSTREAM_CONNECT_TIMEOUT_MS: '1000',
      READINESS_CACHE_MS: '0',
      ...options.env,
    },
  });
  // Production's composition, resilience included; the test wrappers sit inside counting + cache.
  const gateway = await createGateway({
    config,
    endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
    logger,
    secrets,
    wrapUpstreams: options.wrapUpstreams,
    wrapCreateLoaders: options.wrapCreateLoaders,
  });
  await gateway.raw.soap.ready;
  const { server, monitoring, counters, responseCache } = gateway;
  if (!responseCache) throw new Error('createGateway built no response cache');
  const running = await startServer(server, { port: 0, host: '127.0.0.1' });
  const client = new Agent({ connections: 64 });
  const base = running.url.replace(/\/graphql$/, '');

  /** Any request to the gateway; `path` defaults to /graphql. */
  async function send(init: {
    method?: Dispatcher.HttpMethod;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }): Promise<RawResponse> {
    const res = await request(`${base}${init.path ?? '/graphql'}`, {
      dispatcher: client,
      method: init.method ?? 'POST',
      headers: init.headers,
      body: init.body,
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  }

  /** POSTs `{ query, variables }` as JSON, with a Bearer token when given. */
  function post(
    query: string,
    token?: string | null,
    variables?: Record<string, unknown>,
  ): Promise<RawResponse> {
    return send({
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  }

  return {
    sim,
    config,
    server,
    running,
    url: running.url,
    base,
    monitoring,
    secrets,
    counters,
    responseCache,
    /** Retries, breakers and the SOAP bulkhead, as in production. */
    resilience: gateway.resilience,
    /** Every log line the gateway wrote (JSON text, already redacted). */
    logLines: lines,
    send,
    post,
    async token(user = 'demo\\sam.supervisor'): Promise<string> {
      return (await sim.passwordToken(user)).access_token;
    },
    async metrics(): Promise<string> {
      return (await send({ method: 'GET', path: '/metrics' })).text;
    },
    async close(): Promise<void> {
      await running.stop();
      await client.close();
      await gateway.close();
      await sim.close();
    },
  };
}

export type ReliabilityGateway = Awaited<ReturnType<typeof startReliabilityGateway>>;

/** Runs `tasks` with at most `concurrency` at once; resolves with their results in order. */
export async function pooled<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

/** `{ 200: 12, 400: 3 }` as `200×12 400×3`. */
export function histogram(statuses: Iterable<number | string>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(String(s), (counts.get(String(s)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
}
