import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_BASE_PATH, handleAdmin } from './admin/adminEndpoint.js';
import { AUTH_BASE_PATH, createAuthEndpoint } from './auth/authEndpoint.js';
import { TokenStore } from './auth/TokenStore.js';
import { UserDirectory } from './auth/UserDirectory.js';
import type { SimWorld } from './data/model.js';
import { DEMO_PASSWORD, DEMO_TENANT } from './data/organization.js';
import { DEFAULT_AGENTS, seedWorld } from './data/seed.js';
import { FaultController } from './faults/FaultController.js';
import { Lifetime } from './http/Lifetime.js';
import { runPipeline, type PipelineDeps } from './http/pipeline.js';
import { RateLimiter } from './http/RateLimiter.js';
import { RequestLog } from './http/RequestLog.js';
import { atOrUnder, findRoute, under, type SimRoute } from './http/routes.js';
import { jsonResponse } from './http/responses.js';
import { sendResponse } from './http/sendResponse.js';
import type { SimulatorSettings } from './settings.js';
import { createSoapEndpoint } from './soap/soapEndpoint.js';
import type { SimEndpoint } from './types.js';
import { createWfmEndpoint, WFM_BASE_PATH } from './wfm/wfmEndpoint.js';
import {
  createCloudApiEndpoint,
  DOWNLOAD_BASE_PATH,
  type CloudNotification,
} from './cloud/apiEndpoint.js';
import { CloudWorld } from './cloud/CloudWorld.js';
import { createCloudLoginEndpoint, LOGIN_BASE_PATH } from './cloud/loginEndpoint.js';
import { API_BASE_PATH } from './cloud/views.js';

export type { SimulatorSettings } from './settings.js';
export type { FaultRule, FaultKind, ActiveFaultRule } from './faults/FaultController.js';
export type { RequestLogFilter } from './http/RequestLog.js';
export type { CloudNotification } from './cloud/apiEndpoint.js';
export { FaultController } from './faults/FaultController.js';
export { RequestLog } from './http/RequestLog.js';

/** How to start a simulator; every field optional. */
export interface SimulatorOptions {
  /** TCP port; default 0 (any free port). `npm run simulator` uses SIMULATOR_PORT or 4010. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Numbered agents to seed (SIMULATOR_AGENTS); default 60. */
  agents?: number;
  /** Requests per minute per token (SIMULATOR_RATE_LIMIT); default 300, 0 = off. */
  rateLimitPerMinute?: number;
  /** The "current date" whose surrounding weeks get schedules; default now. */
  today?: Date;
  /** Base URL advertised in SOAP service URLs; default `http://<host>:<port>`. */
  advertisedBaseUrl?: string;
  /** When set, every `/auth/v3` request needs `x-api-key` equal to it, else 403. Default null. */
  apiKey?: string | null;
  /** Answer for unknown/expired/revoked tokens on the Authentication API; default 401. */
  invalidTokenStatus?: 401 | 403;
  /** Access token lifetime in seconds; default 1800. */
  tokenTtlSec?: number;
  /** Clock (epoch ms) for token expiry, codes and rate-limit windows; default `Date.now`. */
  now?: () => number;
}

/** A running simulator. */
export interface Simulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `url + '/auth/v3'`. */
  readonly authUrl: string;
  /** `url + '/wfm/api/v3'`. */
  readonly wfmUrl: string;
  /** `url + '/?Handler=WFMLocatorService800'`. */
  readonly locatorUrl: string;
  /** Genesys Cloud Platform API base, `url + '/api/v2'` (what `https://api.<region>/api/v2` is). */
  readonly cloudApiUrl: string;
  /** Genesys Cloud login service base, `url` (token at `/oauth/token`). */
  readonly cloudLoginUrl: string;
  readonly world: SimWorld;
  /** The Genesys Cloud view of the world (GUIDs, management units, permissions). */
  readonly cloud: CloudWorld;
  /** Completion notifications of `forceAsync=true` searches, as the topic would push them. */
  readonly cloudNotifications: readonly CloudNotification[];
  /** Mints an access token for a seeded user (`POST /__admin/tokens` in-process). */
  mintToken(
    platform: 'engage' | 'cloud',
    user: string,
  ): { access_token: string; expires_in: number };
  readonly log: RequestLog;
  readonly faults: FaultController;
  /** Live switches; changes apply to the next request. */
  readonly settings: SimulatorSettings;
  /**
   * Signs a user in through the password grant handler (the code path of `POST oauth/token`,
   * without the HTTP pipeline: not logged, rate limited or faulted). `user` is `sam.supervisor`
   * or `demo\sam.supervisor`; password defaults to the demo password. Rejects on failure.
   */
  passwordToken(
    user: string,
    password?: string,
  ): Promise<{ access_token: string; refresh_token?: string; expires_in: number }>;
  /** Stops listening, destroys open (also hanging) connections and cancels pending timers. */
  close(): Promise<void>;
}

/** Seeds a world, builds the three simulated back ends and listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const today = options.today ?? new Date();
  const world = seedWorld({ agents: options.agents ?? DEFAULT_AGENTS, today });
  const settings: SimulatorSettings = {
    invalidTokenStatus: options.invalidTokenStatus ?? 401,
    apiKey: options.apiKey ?? null,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 300,
  };
  const tokens = new TokenStore({ tokenTtlSec: options.tokenTtlSec ?? 1800, now });
  const log = new RequestLog();
  const faults = new FaultController();
  const lifetime = new Lifetime();
  const users = new UserDirectory(world);
  const auth = createAuthEndpoint({ world, tokens, users, settings });
  const cloudTokens = new TokenStore({ tokenTtlSec: options.tokenTtlSec ?? 1800, now });
  const cloud = new CloudWorld(world, today.getTime());
  const cloudLogin = createCloudLoginEndpoint({ world, tokens: cloudTokens, users, settings });
  const cloudApi = createCloudApiEndpoint(cloud);
  const wfm = createWfmEndpoint();
  const soap = createSoapEndpoint();
  let baseUrl = '';

  const deps: PipelineDeps = {
    world,
    tokens,
    log,
    faults,
    limiter: new RateLimiter(now),
    lifetime,
    rateLimitPerMinute: () => settings.rateLimitPerMinute,
    advertisedBaseUrl: () => options.advertisedBaseUrl?.replace(/\/+$/, '') ?? baseUrl,
    now,
  };
  const cloudDeps: PipelineDeps = { ...deps, tokens: cloudTokens };
  const mintToken = (platform: 'engage' | 'cloud', name: string) => {
    const user = world.users.find((u) => u.userName === name.replace(/^.*\\/, ''));
    if (!user) throw new Error(`no seeded user ${name}`);
    const store = platform === 'cloud' ? cloudTokens : tokens;
    const { access } = store.issue(user, world.clients[0]!.clientId, false);
    return {
      access_token: access.token,
      expires_in: Math.round((access.expiresAtMs - access.issuedAtMs) / 1000),
    };
  };
  const pipe =
    (endpoint: SimEndpoint, pipelineDeps: PipelineDeps): SimRoute['handle'] =>
    (req, res, url) =>
      runPipeline(pipelineDeps, endpoint, req, res, url);
  // Every path family the simulator answers, first match wins; a new one is one more entry.
  const routes: readonly SimRoute[] = [
    {
      name: 'Genesys Cloud Platform API',
      matches: under(API_BASE_PATH, DOWNLOAD_BASE_PATH),
      handle: pipe(cloudApi, cloudDeps),
    },
    {
      name: 'Genesys Cloud login',
      matches: under(LOGIN_BASE_PATH),
      handle: pipe(cloudLogin, cloudDeps),
    },
    { name: 'Authentication API v3', matches: atOrUnder(AUTH_BASE_PATH), handle: pipe(auth, deps) },
    { name: 'WFM REST', matches: atOrUnder(WFM_BASE_PATH), handle: pipe(wfm, deps) },
    {
      name: 'admin',
      matches: atOrUnder(ADMIN_BASE_PATH),
      handle: (req, res, url) => handleAdmin({ faults, log, settings, mintToken }, req, res, url),
    },
    {
      name: 'WFM SOAP',
      matches: (url) => url.pathname === '/' && url.searchParams.has('Handler'),
      handle: pipe(soap, deps),
    },
  ];
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid');
    } catch {
      sendResponse(res, jsonResponse(400, { message: 'Bad request target' }));
      return;
    }
    const route = findRoute(routes, url);
    const done = route
      ? route.handle(req, res, url)
      : Promise.resolve(sendResponse(res, jsonResponse(404, { message: 'Not Found' })));
    done.catch(() => {
      if (!res.headersSent) sendResponse(res, jsonResponse(500, { message: 'Simulator error' }));
      else res.destroy();
    });
  };

  const server = createServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const advertisedHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${advertisedHost}:${port}`;
  baseUrl = url;

  let closing: Promise<void> | null = null;
  return {
    url,
    authUrl: url + AUTH_BASE_PATH,
    wfmUrl: url + WFM_BASE_PATH,
    locatorUrl: `${url}/?Handler=WFMLocatorService800`,
    cloudApiUrl: url + API_BASE_PATH,
    cloudLoginUrl: url,
    world,
    cloud,
    cloudNotifications: cloudApi.notifications,
    mintToken,
    log,
    faults,
    settings,
    async passwordToken(user, password = DEMO_PASSWORD) {
      const username = user.includes('\\') ? user : `${DEMO_TENANT}\\${user}`;
      const body = new URLSearchParams({ grant_type: 'password', username, password, scope: '*' });
      const client = world.clients[0]!;
      const response = await auth.handle(
        {
          method: 'POST',
          url: new URL(`${url}${AUTH_BASE_PATH}/oauth/token`),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
            ...(settings.apiKey !== null ? { 'x-api-key': settings.apiKey } : {}),
          },
          body: Buffer.from(body.toString()),
        },
        { world, tokens, advertisedBaseUrl: deps.advertisedBaseUrl, note: () => {}, now },
        'oauth/token',
      );
      const text = Buffer.from(response.body ?? '').toString('utf8');
      if (response.status !== 200)
        throw new Error(`passwordToken(${username}) failed: HTTP ${response.status} ${text}`);
      return JSON.parse(text) as {
        access_token: string;
        refresh_token?: string;
        expires_in: number;
      };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        lifetime.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
