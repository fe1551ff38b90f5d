import type { Dispatcher } from 'undici';
import type { UpstreamService } from './errors/UpstreamError.js';
import { HttpAuthApi } from './upstream/engage/auth/HttpAuthApi.js';
import type { HttpInterceptor } from './upstream/http/types.js';
import {
  createWfmSoapApi,
  type WfmSoapApiClient,
  type WfmSoapApiOptions,
} from './upstream/engage/soap/createWfmSoapApi.js';
import { HttpWfmApi } from './upstream/engage/wfm/HttpWfmApi.js';
import { withRequestMemo } from './cache/withRequestMemo.js';
import type { Upstreams } from './types/Upstreams.js';

/** Options of {@link createUpstreams}; every number carries its unit. */
export interface CreateUpstreamsOptions {
  /** Base URLs of the three back ends (`GenesysEndpoints`, or the simulator's). */
  endpoints: { readonly authUrl: string; readonly wfmUrl: string; readonly locatorUrl: string };
  /** Pooled undici dispatcher of the REST clients (and of SOAP unless `soapDispatcher`). */
  dispatcher: Dispatcher;
  /** A dispatcher of SOAP's own, so SOAP calls cannot take every REST socket. Default `dispatcher`. */
  soapDispatcher?: Dispatcher;
  /** Deadline of one upstream attempt (headers and body), ms (UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  /** Larger answers are refused before parsing, bytes (UPSTREAM_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** SOAP's cap when it differs from `maxResponseBytes`, bytes. */
  soapMaxResponseBytes?: number;
  /** GENESYS_API_KEY, sent as `x-api-key` on Authentication API calls. */
  apiKey?: string | null;
  /** Confidential client for the playground's code exchange. */
  oauthClient?: { clientId: string; clientSecret: string } | null;
  /** Policies per back end (retry, breaker, bulkhead), e.g. `resilience.interceptorsFor`. */
  interceptorsFor?: (service: UpstreamService) => readonly HttpInterceptor[] | undefined;
  /** Further SOAP client settings (session LRU, streaming-parse threshold, URL rewriting…). */
  soap?: Omit<
    WfmSoapApiOptions,
    | 'locatorUrl'
    | 'dispatcher'
    | 'timeoutMs'
    | 'maxResponseBytes'
    | 'interceptors'
    | 'resolveUserId'
  >;
  /**
   * Decorators around the raw clients, e.g. counting and the response cache
   * (`composeUpstreams(raw, …).upstreams`). Default: none.
   */
  decorate?: (raw: Upstreams) => Upstreams;
}

/** The composed clients. */
export interface ComposedUpstreams {
  /** What the server gets: the per-request memo around `decorate(raw)`. */
  readonly upstreams: Upstreams;
  /** The undecorated clients; `raw.soap.ready` settles when the bundled WSDLs are loaded. */
  readonly raw: {
    readonly auth: HttpAuthApi;
    readonly wfm: HttpWfmApi;
    readonly soap: WfmSoapApiClient;
  };
}

/**
 * The one composition of the upstream clients, used by `createGateway` (so by `main.ts` and the
 * test harnesses): the Authentication API and WFM REST over undici, WFM SOAP through node-soap over
 * undici, each with its interceptors; then `decorate` (cache, counters); then the per-request
 * memo outermost.
 *
 * The SOAP handshake gets the caller's WFM user id through the FINAL `wfm.userInfo` — memo and
 * cache included — so a request that reads both `wfmUser` and SOAP data asks WFM REST
 * `/system/userinfo` once, cold or warm. Returns at once: the WSDLs load in the background (await
 * `raw.soap.ready` to fail early).
 */
export function createUpstreams(options: CreateUpstreamsOptions): ComposedUpstreams {
  const { endpoints, dispatcher, timeoutMs, maxResponseBytes } = options;
  const interceptors = (service: UpstreamService) => options.interceptorsFor?.(service);
  const auth = new HttpAuthApi({
    baseUrl: endpoints.authUrl,
    dispatcher,
    timeoutMs,
    maxResponseBytes,
    apiKey: options.apiKey ?? null,
    oauthClient: options.oauthClient ?? null,
    interceptors: interceptors('auth'),
  });
  const wfm = new HttpWfmApi({
    baseUrl: endpoints.wfmUrl,
    dispatcher,
    timeoutMs,
    maxResponseBytes,
    interceptors: interceptors('wfm'),
  });
  // Bound below, once the decorated clients exist (the handshake must go through them).
  const late: { upstreams?: Upstreams } = {};
  const soap = createWfmSoapApi({
    ...options.soap,
    locatorUrl: endpoints.locatorUrl,
    dispatcher: options.soapDispatcher ?? dispatcher,
    timeoutMs,
    maxResponseBytes: options.soapMaxResponseBytes ?? maxResponseBytes,
    interceptors: interceptors('wfm-soap'),
    resolveUserId: async (ctx) => (await (late.upstreams ?? raw).wfm.userInfo(ctx)).userId,
  });
  const raw = { auth, wfm, soap };
  const upstreams = withRequestMemo(options.decorate ? options.decorate(raw) : raw);
  late.upstreams = upstreams;
  return { upstreams, raw };
}
