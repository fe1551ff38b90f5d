import { CoalescingCache } from '../../../shared/CoalescingCache.js';
import { UpstreamError } from '../../../errors/UpstreamError.js';
import type { CallContext } from '../../../types/CallContext.js';
import { callerLeft } from '../../../errors/callerLeft.js';
import { int, list, object, readReply, str } from './replyShape.js';
import { isInvalidSession } from './soapFaults.js';
import type { SoapPort } from './SoapPort.js';

/** The service URLs of one caller's WFM session (absolute, each carrying the session id). */
export interface SessionEndpoints {
  readonly sessionUrl: string;
  readonly configUrl: string;
  readonly scheduleUrl: string;
}

export interface WfmSessionOptions {
  /** WFMLocatorService800 and WFMSessionService800 ports. */
  locator: SoapPort;
  session: SoapPort;
  /** The locator endpoint, e.g. `http://wfm:7000/?Handler=WFMLocatorService800`. */
  locatorUrl: string;
  /** `appName` sent to LocateServer and OpenSession. */
  appName: string;
  /** The caller's WFM user id (the gateway asks WFM REST `/system/userinfo`). */
  resolveUserId: (ctx: CallContext) => Promise<number>;
  /** Rewrites every URL the locator and session hand out (genesys-facts §3.1); default identity. */
  rewriteServiceUrl?: (url: string) => string;
  /** Origins service URLs may point at (after rewriting); the caller's token goes there. */
  trustedOrigins: readonly string[];
  /** Most callers whose session is remembered. */
  maxSessions: number;
  /** How long a session is reused before a new handshake, in ms. */
  sessionTtlMs: number;
}

/** Service names OpenSession lists (genesys-facts §3.3). */
const SERVICE_NAMES = {
  session: 'SessionService800',
  config: 'ConfigService850',
  schedule: 'ScheduleService852',
};

/**
 * The LocateServer → OpenSession handshake (genesys-facts §3.1, §3.5), done once per caller token
 * and remembered under the token's hash in a bounded LRU with a TTL (the shared `CoalescingCache`
 * primitive). Concurrent first calls of one token share one handshake. A call that fails with the
 * INVALID_SESSION fault forgets the session, does the handshake again and is repeated once.
 */
export class WfmSession {
  readonly #options: WfmSessionOptions;
  readonly #sessions: CoalescingCache<SessionEndpoints>;

  constructor(options: WfmSessionOptions) {
    this.#options = options;
    this.#sessions = new CoalescingCache<SessionEndpoints>({
      max: options.maxSessions,
      ttlMs: options.sessionTtlMs,
      // One handshake per token at a time. It runs without the first caller's AbortSignal (other
      // callers of the same token wait for it too); each attempt has the HTTP client's deadline.
      whenUnwanted: 'finish',
    });
  }

  /**
   * Runs `use` with the caller's session endpoints; on INVALID_SESSION forgets the session and
   * runs it once more on a fresh one. Rejects with UpstreamError.
   */
  async run<T>(ctx: CallContext, use: (endpoints: SessionEndpoints) => Promise<T>): Promise<T> {
    const endpoints = await this.#endpoints(ctx);
    try {
      return await use(endpoints);
    } catch (error) {
      if (!isInvalidSession(error)) throw error;
      // Only forget the session that failed: a concurrent call may have stored a fresh one.
      if (this.#sessions.peek(ctx.tokenHash) === endpoints) this.#sessions.delete(ctx.tokenHash);
      return use(await this.#endpoints(ctx));
    }
  }

  /**
   * Forgets the caller's session (sign-out, password change); a handshake still running for it
   * is not remembered, so later calls of the token start a new one.
   */
  drop(tokenHash: string): void {
    this.#sessions.delete(tokenHash);
  }

  /** Number of remembered sessions (for tests and metrics). */
  get size(): number {
    return this.#sessions.size;
  }

  #endpoints(ctx: CallContext): Promise<SessionEndpoints> {
    return this.#sessions.get(ctx.tokenHash, () => this.#handshake(ctx), {
      signal: ctx.signal,
      onAbort: abortError,
    });
  }

  async #handshake(ctx: CallContext): Promise<SessionEndpoints> {
    const { locator, session, locatorUrl, appName } = this.#options;
    // The handshake is shared; it must not die with the first caller's signal. It keeps the
    // first caller's request memo (same token), so the user id reuses that request's WFM
    // /system/userinfo answer, and its tally, which it is counted against.
    const shared: CallContext = {
      token: ctx.token,
      tokenHash: ctx.tokenHash,
      requestId: ctx.requestId,
      tally: ctx.tally,
      memo: ctx.memo,
    };
    const userId = await this.#options.resolveUserId(shared);
    const located = await locator.call({
      operation: 'LocateServer',
      url: locatorUrl,
      args: { serviceName: SERVICE_NAMES.session, appName, userID: userId },
      ctx: shared,
      idempotent: true,
    });
    const sessionServiceUrl = readReply('LocateServer', () =>
      str(object(located, 'LocateServerResult'), 'sessionServiceURL'),
    );
    const opened = await session.call({
      operation: 'OpenSession',
      url: this.#trusted(sessionServiceUrl, 'LocateServer'),
      args: { appName, userID: userId },
      ctx: shared,
      idempotent: false,
    });
    return readReply('OpenSession', () => {
      const info = object(opened, 'OpenSessionResult');
      const urls = new Map<string, string>();
      for (const service of list(info, 'services'))
        urls.set(str(service, 'serviceName'), str(service, 'serviceURL'));
      int(info, 'servicesNSizeIs');
      const url = (name: string): string => {
        const found = urls.get(name);
        if (found === undefined) throw missingService('OpenSession', name);
        return this.#trusted(found, 'OpenSession');
      };
      return {
        sessionUrl: url(SERVICE_NAMES.session),
        configUrl: url(SERVICE_NAMES.config),
        scheduleUrl: url(SERVICE_NAMES.schedule),
      };
    });
  }

  /** Rewrites a URL WFM handed out and refuses it unless it is http(s) on a trusted origin. */
  #trusted(url: string, operation: string): string {
    const rewritten = this.#options.rewriteServiceUrl ? this.#options.rewriteServiceUrl(url) : url;
    let parsed: URL;
    try {
      parsed = new URL(rewritten);
    } catch {
      throw untrusted(operation);
    }
    const httpish = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    if (
      !httpish ||
      parsed.username !== '' ||
      parsed.password !== '' ||
      !this.#options.trustedOrigins.includes(parsed.origin)
    ) {
      throw untrusted(operation);
    }
    return parsed.href;
  }
}

function untrusted(operation: string): UpstreamError {
  // The URL itself is not quoted: it may carry a session id.
  return new UpstreamError(
    'ERROR',
    `wfm-soap ${operation}: service URL outside the trusted origins`,
    {
      service: 'wfm-soap',
      operation,
    },
  );
}

function missingService(operation: string, name: string): UpstreamError {
  return new UpstreamError('ERROR', `wfm-soap ${operation}: session lists no ${name}`, {
    service: 'wfm-soap',
    operation,
  });
}

function abortError(signal: AbortSignal): UpstreamError {
  return callerLeft(signal, 'wfm-soap', 'OpenSession');
}
