/**
 * The one place the upstream stack is built. Outside in, what every resolver's call goes through:
 *
 *   per-request memo (cache/withRequestMemo.ts, WFM `/system/userinfo` once per request)
 *   → the request's SOAP call budget (counters/budgetedSoap.ts; outside the cache, so a refusal
 *     never depends on what other requests cached, nor is shared with a call joined in flight)
 *   → response cache (cache/cachedUpstreams.ts, per token hash, coalescing; optional)
 *     → its shared tier (cache/shared/, Redis, encrypted per token; only with REDIS_URL)
 *   → counters (counters/countedUpstreams.ts, calls that reach the clients)
 *   → the clients (upstream/engage/: Authentication API and WFM REST over undici, WFM SOAP
 *     through node-soap over undici), each with its resilience interceptors.
 *
 * With tracing on (OTEL_EXPORTER_OTLP_ENDPOINT), a span per call wraps each stack outermost
 * (tracing/tracedUpstreams.ts): the cache layer notes hit / coalesced / miss on it and every HTTP
 * attempt below is its child (upstream/resilience/attemptSpans.ts).
 *
 * Built in dependency order, nothing bound late: the WFM REST stack first, then the SOAP client,
 * whose session handshake gets the caller's WFM user id through that FINAL `wfm.userInfo` (memo
 * and cache included), so a request that reads both `wfmUser` and SOAP data asks
 * `/system/userinfo` once, cold or warm; then SOAP's and the Authentication API's stacks (sign-out
 * and password change drop the token's cache entries and SOAP session).
 *
 * With `cloud` endpoints (GENESYS_PLATFORM=cloud, CONTRACT §8) the caller's identity comes from
 * the Genesys Cloud client instead: response cache → `cloudAuthApi` (AuthApi over `users/me`) →
 * counters (service `cloud`) → `HttpCloudApi` with its retry and breaker, and the WFM data from
 * `upstreams.cloud`: response cache (cache/cachedCloud.ts) → pacing by the token's remaining
 * quota (upstream/cloud/pacedCloud.ts, schedule searches only) → the same counters and client, read by
 * the Cloud loaders (loaders/cloud/). `wfm` and `soap` answer NOT_SUPPORTED there
 * (upstream/cloud/notOnCloud.ts): nothing may reach an Engage back end the deployment does not
 * have. The Engage clients are still built (unused), so `raw` keeps one shape. Time off is the
 * Cloud client's too, its writes outermost once per idempotency key (cache/idempotentTimeOff.ts)
 * and dropping what they made stale by tag (cache/cachedCloud.ts); on Engage NOT_SUPPORTED.
 */
import type { Dispatcher } from 'undici';
import { cachedCloud } from './cache/cachedCloud.js';
import { idempotentTimeOff } from './cache/idempotentTimeOff.js';
import type { IdempotentWrites } from './cache/IdempotentWrites.js';
import { cachedAuth, cachedSoap, cachedWfm } from './cache/cachedUpstreams.js';
import type { ResponseCache } from './cache/ResponseCache.js';
import type { SharedBinding } from './cache/shared/SharedBinding.js';
import { withRequestMemo } from './cache/withRequestMemo.js';
import { budgetedSoap } from './counters/budgetedSoap.js';
import { countedAuth, countedCloud, countedSoap, countedWfm } from './counters/countedUpstreams.js';
import type { UpstreamCounters } from './counters/UpstreamCounters.js';
import type { UpstreamService } from './errors/UpstreamError.js';
import type { AuthApi } from './types/AuthApi.js';
import type { CloudApi } from './types/CloudApi.js';
import type { CloudEndpoints } from './types/CloudEndpoints.js';
import type { GenesysEndpoints } from './types/GenesysEndpoints.js';
import type { Upstreams } from './types/Upstreams.js';
import type { WfmApi } from './types/WfmApi.js';
import type { WfmSoapApi } from './types/WfmSoapApi.js';
import { cloudAuthApi } from './upstream/cloud/CloudAuthApi.js';
import type { CloudQuota } from './upstream/cloud/CloudQuota.js';
import { HttpCloudApi } from './upstream/cloud/HttpCloudApi.js';
import { pacedCloud } from './upstream/cloud/pacedCloud.js';
import { soapNotOnCloud, wfmNotOnCloud } from './upstream/cloud/notOnCloud.js';
import { HttpAuthApi } from './upstream/engage/auth/HttpAuthApi.js';
import {
  createWfmSoapApi,
  type WfmSoapApiClient,
} from './upstream/engage/soap/createWfmSoapApi.js';
import { HttpWfmApi } from './upstream/engage/wfm/HttpWfmApi.js';
import { timeOffNotOnEngage } from './upstream/engage/timeOffNotOnEngage.js';
import { tracedClient } from './tracing/tracedUpstreams.js';
import type { HttpInterceptor } from './upstream/http/types.js';

/**
 * Replaces or wraps back-end clients before the stack (counters, cache, memo) wraps them. Each
 * function receives the client built from the endpoints and returns the one to use: itself, a
 * wrapper (recording, planted faults) or another implementation of the same interface. The
 * stack, and so caching, counting and isolation, stays the production one.
 */
export interface ClientOverrides {
  auth?: (built: AuthApi) => AuthApi;
  wfm?: (built: WfmApi) => WfmApi;
  soap?: (built: WfmSoapApi) => WfmSoapApi;
  cloud?: (built: CloudApi) => CloudApi;
}

/** Options of {@link createUpstreams}; every number carries its unit. */
export interface CreateUpstreamsOptions {
  /** Base URLs of the three back ends (`GenesysEndpoints`, or the simulator's). */
  endpoints: GenesysEndpoints;
  /** GENESYS_PLATFORM=cloud: the Genesys Cloud back ends; null or absent: Engage. */
  cloud?: CloudEndpoints | null;
  /** Pooled undici dispatchers: REST back ends, and WFM SOAP on sockets of its own. */
  dispatchers: { readonly rest: Dispatcher; readonly soap: Dispatcher };
  /** Deadline of one upstream attempt (headers and body), ms (UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  /** Larger answers are refused before parsing, bytes (UPSTREAM_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** GENESYS_API_KEY, sent as `x-api-key` on Authentication API calls. */
  apiKey: string | null;
  /** Confidential client for the playground's code exchange. */
  oauthClient: { clientId: string; clientSecret: string } | null;
  /** Policies per back end (retry, breaker, bulkhead), e.g. `resilience.interceptorsFor`. */
  interceptorsFor?: (service: UpstreamService) => readonly HttpInterceptor[] | undefined;
  /** Where calls that reach the clients are counted. */
  counters: UpstreamCounters;
  /** The cross-request cache; null: none (every call reaches the clients). */
  responseCache: ResponseCache | null;
  /** See {@link ClientOverrides}. Default: none. */
  clients?: ClientOverrides;
  /** The shared tier behind the response cache (REDIS_URL); absent: per-process caching only. */
  shared?: SharedBinding;
  /** OpenTelemetry tracing on: a span per call, outermost (tracing/tracedUpstreams.ts). Default off. */
  tracing?: boolean;
  /**
   * GENESYS_PLATFORM=cloud: the remaining quota per token, read from every Cloud answer; the
   * schedule searches are paced by it (upstream/cloud/pacedCloud.ts). Absent: no pacing.
   */
  cloudQuota?: CloudQuota;
  /**
   * Writes once per idempotency key (cache/IdempotentWrites.ts), outermost on the Cloud time-off
   * writes. Absent: writes without a replay store (a key is then ignored).
   */
  writes?: IdempotentWrites;
  /**
   * Drops cached answers by tag for every caller (`Invalidation.dropTags`): called after each
   * Cloud write with what it made stale. Default: nothing.
   */
  dropTags?: (tags: readonly string[]) => void;
}

/** The built stack. */
export interface ComposedUpstreams {
  /** What the server gets: the whole stack. */
  readonly upstreams: Upstreams;
  /** The undecorated Engage clients; `raw.soap.ready` settles when the bundled WSDLs are loaded. */
  readonly raw: {
    readonly auth: HttpAuthApi;
    readonly wfm: HttpWfmApi;
    readonly soap: WfmSoapApiClient;
    /** The undecorated Genesys Cloud client; null on Engage. */
    readonly cloud: HttpCloudApi | null;
  };
}

/**
 * Builds the Engage clients and the stack around them (see the file comment). Returns at once:
 * the WSDLs load in the background (await `raw.soap.ready` to fail early).
 */
export function createUpstreams(options: CreateUpstreamsOptions): ComposedUpstreams {
  const { endpoints, dispatchers, timeoutMs, maxResponseBytes, counters, responseCache, shared } =
    options;
  const overrides = options.clients ?? {};
  const interceptors = (service: UpstreamService) => options.interceptorsFor?.(service);
  const traced = <T extends object>(service: UpstreamService, client: T): T =>
    options.tracing ? tracedClient(service, client) : client;

  const rawWfm = new HttpWfmApi({
    baseUrl: endpoints.wfmUrl,
    dispatcher: dispatchers.rest,
    timeoutMs,
    maxResponseBytes,
    interceptors: interceptors('wfm'),
  });
  const countedW = countedWfm(overrides.wfm?.(rawWfm) ?? rawWfm, counters);
  const wfm = traced(
    'wfm',
    withRequestMemo(responseCache ? cachedWfm(countedW, responseCache, shared) : countedW),
  );

  const rawSoap = createWfmSoapApi({
    locatorUrl: endpoints.locatorUrl,
    dispatcher: dispatchers.soap,
    timeoutMs,
    maxResponseBytes,
    interceptors: interceptors('wfm-soap'),
    resolveUserId: async (ctx) => (await wfm.userInfo(ctx)).userId,
  });
  const countedS = countedSoap(overrides.soap?.(rawSoap) ?? rawSoap, counters);
  const soap = traced(
    'wfm-soap',
    budgetedSoap(responseCache ? cachedSoap(countedS, responseCache, shared) : countedS),
  );

  const rawAuth = new HttpAuthApi({
    baseUrl: endpoints.authUrl,
    dispatcher: dispatchers.rest,
    timeoutMs,
    maxResponseBytes,
    apiKey: options.apiKey,
    oauthClient: options.oauthClient,
    interceptors: interceptors('auth'),
  });
  const countedA = countedAuth(overrides.auth?.(rawAuth) ?? rawAuth, counters);
  const auth = traced(
    'auth',
    responseCache
      ? cachedAuth(countedA, responseCache, (tokenHash) => soap.dropSession(tokenHash), shared)
      : countedA,
  );

  const raw = { auth: rawAuth, wfm: rawWfm, soap: rawSoap };
  if (!options.cloud)
    return {
      upstreams: { auth, wfm, soap, timeOff: timeOffNotOnEngage },
      raw: { ...raw, cloud: null },
    };

  const rawCloud = new HttpCloudApi({
    baseUrl: options.cloud.apiUrl,
    dispatcher: dispatchers.rest,
    timeoutMs,
    maxResponseBytes,
    interceptors: interceptors('cloud'),
    ...(options.cloudQuota ? { quota: options.cloudQuota } : {}),
  });
  const countedC = countedCloud(overrides.cloud?.(rawCloud) ?? rawCloud, counters);
  const cloudAuth = cloudAuthApi(countedC);
  // Outside the counters (a local refusal is no call), inside the cache (a cached answer costs
  // no quota, so it is served whatever is left).
  const pacedC = options.cloudQuota ? pacedCloud(countedC, options.cloudQuota) : countedC;
  const tracedC = traced(
    'cloud',
    responseCache ? cachedCloud(pacedC, responseCache, shared, options.dropTags) : pacedC,
  );
  const cloud = options.writes ? idempotentTimeOff(tracedC, options.writes) : tracedC;
  return {
    upstreams: {
      auth: traced(
        'cloud',
        responseCache ? cachedAuth(cloudAuth, responseCache, () => undefined) : cloudAuth,
      ),
      wfm: wfmNotOnCloud,
      soap: soapNotOnCloud,
      cloud,
      timeOff: cloud,
    },
    raw: { ...raw, cloud: rawCloud },
  };
}
