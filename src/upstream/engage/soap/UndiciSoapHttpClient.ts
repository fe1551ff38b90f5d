import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { errorForBody, errorForStatus, type CallSite } from '../../http/classify.js';
import { sendAttempt } from '../../http/sendAttempt.js';
import type { HttpAttempt, HttpInterceptor, RawResponse } from '../../http/types.js';

/** Default cap on a SOAP reply, in bytes (16 MiB), enforced before node-soap parses a byte. */
export const DEFAULT_MAX_SOAP_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface UndiciSoapHttpClientOptions {
  /** Pooled dispatcher (an undici `Agent` or `Pool`); shared, holds no caller state. */
  dispatcher: Dispatcher;
  /** Deadline of one attempt, headers and body together, in ms. */
  timeoutMs: number;
  /** Larger replies are refused before parsing, in bytes. Default 16 MiB. */
  maxResponseBytes?: number;
  /**
   * Policies around each attempt (retry, breaker, metrics); the first listed runs outermost.
   * Note that WFM answers a SOAP Fault — also a client-side one such as INSUFFICIENT_PRIVILEGES —
   * as HTTP 500 with a `text/xml` body: a policy must not count those as server failures.
   */
  interceptors?: readonly HttpInterceptor[];
}

/**
 * What each call passes to node-soap as its per-call `options` (node-soap hands them to the
 * HTTP client as `exoptions`). The target URL travels here because WFM service URLs are per
 * session, and a shared node-soap client must never be re-pointed (`setEndpoint`) per caller.
 */
export interface SoapCallOptions {
  /** Absolute URL of this call (a session's service URL, or the locator). */
  url: string;
  /** Operation, for errors and logs. */
  operation: string;
  /** May the call be repeated without effect (reads)? For retry policies. */
  idempotent: boolean;
  /** The caller's lifetime (client disconnect, gateway deadline). */
  signal?: AbortSignal;
  /** When the caller's request deadline passes, epoch ms (for retry policies). */
  deadlineAtMs?: number;
  /** The caller's token HMAC (`CallContext.tokenHash`), for the bulkhead's fair share. */
  caller?: string;
  /** The reply goes here instead of to node-soap's parser (see {@link RawReplyCapture}). */
  rawReply?: RawReplyCapture;
}

/**
 * Per-call hand-off of the reply: every reply that would reach node-soap's parser (XML with
 * status 2xx or 500, already size-capped and checked to carry no DOCTYPE) is given to `take`, and
 * node-soap's callback receives a {@link RawReplyTaken} instead of the body, so node-soap does
 * not parse it. The caller parses the body itself, Faults included (see `agentStateReply.ts`).
 */
export interface RawReplyCapture {
  take(body: Buffer, status: number): void;
}

/** What node-soap's callback receives when a {@link RawReplyCapture} took the reply. */
export class RawReplyTaken extends Error {
  constructor() {
    super('reply handed to the caller for parsing');
    this.name = 'RawReplyTaken';
  }
}

/** The response object node-soap receives: status and headers only (no request config, no headers we sent). */
interface SoapHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
}

type NodeSoapCallback = (error: unknown, response?: SoapHttpResponse, body?: string) => void;

const USER_AGENT = 'genesys-graphql-gateway';

/**
 * node-soap's HTTP client (`options.httpClient`), over an injected undici dispatcher instead of
 * node-soap's axios. Per call it uses the URL, signal and operation of the call's
 * {@link SoapCallOptions} and the headers node-soap built for that call (its extra headers carry
 * the caller's `Authorization`); it keeps nothing between calls. Every failure reaches node-soap as
 * an `UpstreamError`: transport errors and timeouts, statuses other than 2xx/500, replies over the
 * size cap, and replies that are not XML (HTML error pages, empty bodies, DOCTYPEs). A 2xx or 500
 * XML reply is handed to node-soap to parse (replies and SOAP Faults).
 */
export class UndiciSoapHttpClient {
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #attempt: HttpAttempt;

  constructor(options: UndiciSoapHttpClientOptions) {
    if (!(options.timeoutMs > 0))
      throw new RangeError('UndiciSoapHttpClient: timeoutMs must be positive');
    const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_SOAP_RESPONSE_BYTES;
    if (!(maxBytes > 0))
      throw new RangeError('UndiciSoapHttpClient: maxResponseBytes must be positive');
    this.#dispatcher = options.dispatcher;
    this.#timeoutMs = options.timeoutMs;
    this.#maxResponseBytes = maxBytes;
    const interceptors = options.interceptors ?? [];
    this.#attempt = interceptors.reduceRight<HttpAttempt>(
      (next, wrap) => wrap(next),
      (req) =>
        sendAttempt(this.#dispatcher, 'wfm-soap', req, {
          timeoutMs: this.#timeoutMs,
          maxResponseBytes: this.#maxResponseBytes,
        }),
    );
  }

  /**
   * node-soap's `IHttpClient.request`. `rurl` (the WSDL's placeholder address) is ignored in
   * favour of `exoptions.url`; a call without it fails rather than post to the placeholder.
   */
  request(
    _rurl: string,
    data: string,
    callback: NodeSoapCallback,
    exheaders?: Record<string, unknown>,
    exoptions?: Partial<SoapCallOptions>,
  ): Promise<SoapHttpResponse | undefined> {
    return (
      this.#request(data, exheaders ?? {}, exoptions ?? {})
        .then(
          ({ response, body }) => {
            const capture = exoptions?.rawReply;
            if (capture) {
              capture.take(body, response.status);
              callback(new RawReplyTaken());
              return response;
            }
            try {
              callback(null, response, body.toString('utf8'));
            } catch (error) {
              // node-soap parses inside this callback; should that ever throw, report it through the
              // callback again (the caller settles once) instead of leaving an unhandled rejection.
              callback(error);
            }
            return response;
          },
          (error: unknown) => {
            callback(error);
            return undefined;
          },
        )
        // node-soap ignores this promise; it must never reject unhandled.
        .catch(() => undefined)
    );
  }

  async #request(
    data: string,
    exheaders: Record<string, unknown>,
    exoptions: Partial<SoapCallOptions>,
  ): Promise<{ response: SoapHttpResponse; body: Buffer }> {
    const operation = exoptions.operation ?? 'unknown';
    const site: CallSite = { service: 'wfm-soap', operation };
    if (typeof exoptions.url !== 'string') {
      throw new TypeError('UndiciSoapHttpClient: every call needs SoapCallOptions.url');
    }
    const target = new URL(exoptions.url);
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/xml' };
    for (const [name, value] of Object.entries(exheaders)) {
      if (typeof value === 'string' || typeof value === 'number')
        headers[name.toLowerCase()] = String(value);
    }
    const raw = await this.#attempt({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'POST',
      headers,
      body: data,
      operation,
      idempotent: exoptions.idempotent ?? false,
      signal: exoptions.signal,
      deadlineAtMs: exoptions.deadlineAtMs,
      caller: exoptions.caller,
    });
    checkReply(raw, site);
    return {
      response: { status: raw.status, headers: raw.headers },
      body: raw.body,
    };
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Lets only XML replies with status 2xx or 500 (SOAP 1.1 Faults) through to node-soap; everything
 * else becomes an UpstreamError here, classified by status, without reading the body into a message.
 */
function checkReply(raw: RawResponse, site: CallSite): void {
  const ok = isSuccess(raw.status);
  if (!ok && raw.status !== 500) throw errorForStatus(raw, site, () => 'UPSTREAM_FORBIDDEN');
  const type = String(raw.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('xml')) {
    if (!ok) throw errorForStatus(raw, site, () => 'UPSTREAM_FORBIDDEN');
    throw errorForBody(
      site,
      raw.status,
      type.includes('html') ? 'answered HTML instead of XML' : 'answered something other than XML',
    );
  }
  if (raw.body.length === 0) throw errorForBody(site, raw.status, 'answered an empty body');
  // node-soap's sax parser expands no entities, but a DOCTYPE has no place in SOAP (SOAP 1.1 §3);
  // markup is case-sensitive, and escaped text cannot contain these byte sequences.
  if (raw.body.includes('<!DOCTYPE') || raw.body.includes('<!ENTITY')) {
    throw errorForBody(site, raw.status, 'answered a DOCTYPE');
  }
}
