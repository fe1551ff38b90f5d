/**
 * THE gateway test harness: an in-process simulator (port 0, rate limit off) and the gateway
 * `npm start` builds (`createGateway`: resilience, counters, the response cache, per-request
 * memo, monitoring, the cost plugin) from variables read by `loadConfig`, listening on 127.0.0.1
 * port 0. Every suite that runs the gateway starts it here; what differs between suites is only
 * options: variables (`env`), the simulator's, and the documented injection points of
 * `createGateway` (a response cache builder, client overrides, a loader factory, resilience).
 * Upstream calls are read from `sim.log`.
 */
import type { Dispatcher } from 'undici';
import { Agent, request } from 'undici';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/createGateway.js';
import { createJsonLogger } from '../../src/logging/createJsonLogger.js';
import { KnownSecrets } from '../../src/logging/KnownSecrets.js';
import type { Logger } from '../../src/logging/Logger.js';
import type { PlaygroundOptions } from '../../src/server/playground/createPlaygroundRoutes.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '@genesys-gateway/simulator';
import type { WfmSoapApi } from '../../src/types/WfmSoapApi.js';

/** A simulator "today" inside the seeded weeks that cross the 2026 DST changes. */
export const SEEDED_TODAY = new Date('2026-03-04T12:00:00Z');

/** Options of {@link startTestGateway}; every one optional. */
export interface TestGatewayOptions {
  /** The simulator's options over `{ port: 0, rateLimitPerMinute: 0 }` (agents, today, faults…). */
  simulator?: SimulatorOptions;
  /**
   * A simulator already running, shared with other gateways (replicas of one deployment); the
   * gateway's `close()` leaves it running. Default: a simulator of its own.
   */
  sharedSimulator?: Simulator;
  /** NODE_ENV: `test` (default, introspection on) or `production`. */
  profile?: 'test' | 'production';
  /**
   * Gateway variables over {@link HARNESS_ENV} (MAX_SCHEDULE_RANGE_DAYS, REQUEST_TIMEOUT_MS,
   * LOADER_MAX_BATCH_SIZE, CACHE_TTL_*…), read by `loadConfig` as `npm start` reads them.
   */
  env?: Record<string, string>;
  /**
   * The response cache: default on, as `npm start` runs; `false`: every call reaches the
   * simulator; a builder (`createGateway`'s `responseCache`), e.g. with a fake `now` clock.
   */
  responseCache?: GatewayOptions['responseCache'];
  /** `createGateway`'s `wholeAnswerCache` (default: on with the default response cache). */
  wholeAnswerCache?: GatewayOptions['wholeAnswerCache'];
  /** Retries, breakers and bulkhead: default the configuration's; another config; `false`: none. */
  resilience?: GatewayOptions['resilience'];
  /** Back-end clients replaced or wrapped inside the stack (`createGateway`'s `clients`). */
  clients?: GatewayOptions['clients'];
  /** The per-request loader factory (`createGateway`'s `createLoaders`). */
  createLoaders?: GatewayOptions['createLoaders'];
  /** The browser playground at `GET /graphql`, given the simulator (its sign-in page); default off. */
  playground?: (sim: Simulator) => PlaygroundOptions;
  /**
   * The gateway's logging: `off` (default, silent), `write` (the redacting JSON logger at debug,
   * lines discarded: the memory checks), `keep` (also kept in `logLines`).
   */
  logs?: 'off' | 'write' | 'keep';
}

/** The variables every harness gateway starts from (besides NODE_ENV and the simulator's URLs). */
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'debug',
  UPSTREAM_TIMEOUT_MS: '5000',
  UPSTREAM_CONNECT_TIMEOUT_MS: '1000',
  TOKEN_HASH_SECRET: 'integration-test-secret-0123456789abcdef',
  TOKEN_CHECK_CACHE_MAX: '1000',
  SHUTDOWN_GRACE_MS: '500',
  READINESS_CACHE_MS: '0',
  OAUTH_CLIENT_ID: 'demo-client',
  OAUTH_CLIENT_SECRET: 'demo-secret',
};

/** One HTTP answer: status, headers, the body as text and (on access) as parsed JSON. */
export interface GqlResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as a GraphQL response; throws when the body is not JSON. */
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
}

/**
 * What {@link startTestGateway} returns: the built `Gateway` (server, monitoring, upstream stack,
 * raw clients, counters, response cache, resilience, dispatchers), listening, with its simulator
 * and HTTP helpers.
 */
export interface TestGateway extends Omit<Gateway, 'close'> {
  readonly sim: Simulator;
  /** The configuration the gateway was built from. */
  readonly config: GatewayConfig;
  readonly running: RunningServer;
  /** `http://127.0.0.1:PORT/graphql`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  /** The credentials the logger redacts. */
  readonly secrets: KnownSecrets;
  /** Every log line written (JSON, already redacted), with `logs: 'keep'`. */
  readonly logLines: string[];
  /** A fresh access token through the simulator's password grant; default `demo\sam.supervisor`. */
  token(user?: string): Promise<string>;
  /** A Genesys Cloud access token of a seeded user (`POST /__admin/tokens`); default `sam.supervisor`. */
  cloudToken(user?: string): string;
  /**
   * POSTs `{ query, variables }` as JSON to /graphql, with `Authorization: Bearer <token>` when a
   * token is given (none for `null`/`undefined`) and any extra headers.
   */
  gql(
    query: string,
    token?: string | null,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse>;
  /** Any request to the gateway; `path` defaults to /graphql, `method` to POST. */
  send(init: {
    method?: Dispatcher.HttpMethod;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }): Promise<GqlResponse>;
  /** The text of `GET /metrics`. */
  metrics(): Promise<string>;
  /** Stops the server, the clients, the gateway's dispatchers and the simulator. */
  close(): Promise<void>;
}

/**
 * A SOAP client for suites that must not reach SOAP: every call rejects. Use it as
 * `clients: { soap: () => noSoap }`.
 */
export const noSoap: WfmSoapApi = new Proxy({} as WfmSoapApi, {
  get: (_t, name) =>
    name === 'dropSession'
      ? () => undefined
      : () => Promise.reject(new Error(`unexpected SOAP call ${String(name)}`)),
});

/** Starts simulator and gateway, WSDLs loaded; call `close()` in `afterAll`. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const ownSimulator = options.sharedSimulator === undefined;
  const sim =
    options.sharedSimulator ??
    (await startSimulator({ port: 0, rateLimitPerMinute: 0, ...options.simulator }));
  const secrets = new KnownSecrets();
  const logLines: string[] = [];
  const logs = options.logs ?? 'off';
  const logger: Logger | undefined =
    logs === 'off'
      ? undefined
      : createJsonLogger({
          level: 'debug',
          secrets,
          write: (line) => {
            if (logs === 'keep') logLines.push(line);
          },
        });
  let gateway: Gateway | undefined;
  let running: RunningServer;
  let config: GatewayConfig;
  try {
    config = loadConfig({
      envFile: null,
      env: {
        ...HARNESS_ENV,
        NODE_ENV: options.profile ?? 'test',
        GENESYS_AUTH_URL: sim.authUrl,
        GENESYS_WFM_URL: sim.wfmUrl,
        GENESYS_WFM_LOCATOR_URL: sim.locatorUrl,
        ...options.env,
      },
    });
    gateway = await createGateway({
      config,
      endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
      // With GENESYS_PLATFORM=cloud in `env`: the simulator's Cloud side, same port.
      cloud: { apiUrl: sim.cloudApiUrl, loginUrl: sim.cloudLoginUrl },
      logger,
      secrets,
      playground: options.playground?.(sim) ?? null,
      resilience: options.resilience,
      responseCache: options.responseCache,
      wholeAnswerCache: options.wholeAnswerCache,
      clients: options.clients,
      createLoaders: options.createLoaders,
    });
    await gateway.raw.soap.ready;
    running = await startServer(gateway.server, { port: 0, host: '127.0.0.1' });
  } catch (error) {
    await gateway?.close();
    if (ownSimulator) await sim.close();
    throw error;
  }
  const built = gateway;
  const listening = running;
  const base = listening.url.replace(/\/graphql$/, '');
  const client = new Agent({ connections: 64 });

  const send: TestGateway['send'] = async (init) => {
    const res = await request(`${base}${init.path ?? '/graphql'}`, {
      dispatcher: client,
      method: init.method ?? 'POST',
      headers: init.headers,
      body: init.body,
    });
    return response(res.statusCode, res.headers, await res.body.text());
  };

  return {
    ...built,
    sim,
    config,
    running: listening,
    url: listening.url,
    base,
    secrets,
    logLines,
    async token(user = 'demo\\sam.supervisor') {
      return (await sim.passwordToken(user)).access_token;
    },
    cloudToken(user = 'sam.supervisor') {
      return sim.mintToken('cloud', user).access_token;
    },
    gql(query, token, variables, headers = {}) {
      return send({
        headers: {
          'content-type': 'application/json',
          ...(token === null || token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
    },
    send,
    async metrics() {
      return (await send({ method: 'GET', path: '/metrics' })).text;
    },
    async close() {
      await listening.stop();
      await client.close();
      await built.close();
      if (ownSimulator) await sim.close();
    },
  };
}

function response(status: number, headers: GqlResponse['headers'], text: string): GqlResponse {
  let parsed: GqlResponse['body'] | undefined;
  return {
    status,
    headers,
    text,
    get body() {
      parsed ??= JSON.parse(text) as GqlResponse['body'];
      return parsed;
    },
  };
}
