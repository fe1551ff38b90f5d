import type { Dispatcher } from 'undici';
import type { CallContext } from '../../../types/CallContext.js';
import type { HttpInterceptor } from '../../http/types.js';
import { ConfigService } from './ConfigService.js';
import { ScheduleService } from './ScheduleService.js';
import { BUNDLED_WSDL_DIR, SoapPort } from './SoapPort.js';
import { DEFAULT_MAX_SOAP_RESPONSE_BYTES, UndiciSoapHttpClient } from './UndiciSoapHttpClient.js';
import { WfmSession } from './WfmSession.js';
import type { WfmSoapApi } from '../../../types/WfmSoapApi.js';

/** Options of {@link createWfmSoapApi}; every number carries its unit, every default is listed. */
export interface WfmSoapApiOptions {
  /** The WFM locator endpoint, e.g. `http://wfm:7000/?Handler=WFMLocatorService800` (GENESYS_WFM_LOCATOR_URL). */
  locatorUrl: string;
  /** Pooled undici dispatcher (`Agent` or `Pool`) for every SOAP request; shared, holds no caller state. */
  dispatcher: Dispatcher;
  /** Deadline of one SOAP attempt (headers and body), in ms. */
  timeoutMs: number;
  /** The caller's WFM user id for LocateServer/OpenSession, e.g. from WFM REST `/system/userinfo`. */
  resolveUserId: (ctx: CallContext) => Promise<number>;
  /** `appName` sent to LocateServer/OpenSession. Default `genesys-graphql-gateway`. */
  appName?: string;
  /** Larger SOAP replies are refused before parsing, in bytes. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Most callers whose WFM session is remembered (LRU). Default 10,000. */
  maxSessions?: number;
  /** How long a caller's WFM session is reused before a new handshake, in ms. Default 10 minutes. */
  sessionTtlMs?: number;
  /**
   * Rewrites the absolute URLs LocateServer/OpenSession hand out, for WFM servers that advertise
   * an internal host name (genesys-facts §3.1). Default: identity.
   */
  rewriteServiceUrl?: (url: string) => string;
  /**
   * Origins (`scheme://host:port`) the rewritten service URLs may point at — the caller's token is
   * sent there. Default: the locator's origin only.
   */
  trustedOrigins?: readonly string[];
  /** Policies around each HTTP attempt (retry, breaker, metrics); see UndiciSoapHttpClient. Default none. */
  interceptors?: readonly HttpInterceptor[];
  /** Folder holding the four WSDL files. Default: the bundled `src/upstream/engage/soap/wsdl/`. */
  wsdlDir?: URL;
}

/** The WFM SOAP client, with a promise that settles once its WSDLs are loaded. */
export interface WfmSoapApiClient extends WfmSoapApi {
  /**
   * Resolves when the four bundled WSDLs are parsed (start-up can await it to fail early);
   * calls made before then wait for it, and reject with its error if loading failed.
   */
  readonly ready: Promise<void>;
}

/**
 * Builds the gateway's WFM 8.5 SOAP client: node-soap clients created once from the bundled WSDLs
 * (read from disk, never fetched), HTTP through undici with a deadline and a size cap per call,
 * the caller's Bearer token on every request, and the LocateServer → OpenSession handshake
 * remembered per token hash. Returns at once; the WSDLs load in the background (see `ready`).
 *
 * @throws RangeError / TypeError for options that break the contract (bad URL, non-positive numbers).
 */
export function createWfmSoapApi(options: WfmSoapApiOptions): WfmSoapApiClient {
  const locator = new URL(options.locatorUrl);
  if (locator.protocol !== 'http:' && locator.protocol !== 'https:') {
    throw new TypeError(`createWfmSoapApi: locatorUrl must be http(s), got ${locator.protocol}`);
  }
  const maxSessions = options.maxSessions ?? 10_000;
  const sessionTtlMs = options.sessionTtlMs ?? 10 * 60_000;
  if (!Number.isInteger(maxSessions) || maxSessions < 1) {
    throw new RangeError('createWfmSoapApi: maxSessions must be a positive integer');
  }
  if (!(sessionTtlMs > 0)) throw new RangeError('createWfmSoapApi: sessionTtlMs must be positive');

  const http = new UndiciSoapHttpClient({
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_SOAP_RESPONSE_BYTES,
    interceptors: options.interceptors,
  });
  const wsdlDir = options.wsdlDir ?? BUNDLED_WSDL_DIR;
  const load = (service: string): Promise<SoapPort> => SoapPort.load(service, http, wsdlDir);
  const ports = Promise.all([
    load('WFMLocatorService800'),
    load('WFMSessionService800'),
    load('WFMConfigService850'),
    load('WFMScheduleService852'),
  ]).then(([locatorPort, sessionPort, configPort, schedulePort]) => {
    const session = new WfmSession({
      locator: locatorPort,
      session: sessionPort,
      locatorUrl: locator.href,
      appName: options.appName ?? 'genesys-graphql-gateway',
      resolveUserId: options.resolveUserId,
      rewriteServiceUrl: options.rewriteServiceUrl,
      trustedOrigins: options.trustedOrigins ?? [locator.origin],
      maxSessions,
      sessionTtlMs,
    });
    return {
      session,
      config: new ConfigService(configPort, session),
      schedule: new ScheduleService(schedulePort, session),
    };
  });
  const ready = ports.then(() => undefined);
  // Marks the rejection handled; whoever awaits `ready` or calls still sees it.
  ready.catch(() => undefined);
  let loaded: WfmSession | null = null;
  void ports.then(
    ({ session }) => (loaded = session),
    () => undefined,
  );

  return {
    ready,
    getSites: async (ctx, siteIds) => (await ports).config.getSites(ctx, siteIds),
    getTeams: async (ctx, filter) => (await ports).config.getTeams(ctx, filter),
    getAgents: async (ctx, filter) => (await ports).config.getAgents(ctx, filter),
    getAgentStates: async (ctx, query) => (await ports).schedule.getAgentStates(ctx, query),
    // Before the WSDLs are loaded no session can exist yet.
    dropSession: (tokenHash) => loaded?.drop(tokenHash),
  };
}
