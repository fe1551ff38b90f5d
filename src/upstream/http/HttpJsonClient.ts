import type { Dispatcher } from 'undici';
import type {
  ForbiddenReason,
  UpstreamError,
  UpstreamService,
} from '../../errors/UpstreamError.js';
import { errorForBody, errorForStatus, type ForbiddenClassifier } from './classify.js';
import { sendAttempt } from './sendAttempt.js';
import type { HttpAttempt, HttpInterceptor, PreparedRequest, RawResponse } from './types.js';

/** Construction options; every number has its unit in its name. */
export interface HttpJsonClientOptions {
  service: UpstreamService;
  /** Base URL, e.g. `https://gws.example.com/auth/v3` (no trailing slash needed). */
  baseUrl: string;
  /** The pooled dispatcher (an undici `Agent` keeps one `Pool` per origin). Shared, holds no caller state. */
  dispatcher: Dispatcher;
  /** Deadline of one attempt, headers and body together, in ms. */
  timeoutMs: number;
  /** Larger answers are refused before parsing, in bytes. */
  maxResponseBytes: number;
  /** Sent as `x-api-key` on every request when set. */
  apiKey?: string | null;
  /** FORBIDDEN reason of a 403; default `UPSTREAM_FORBIDDEN`. */
  forbiddenReason?: ForbiddenClassifier;
  /** Policies around each attempt (retry, breaker); first runs outermost. Default none. */
  interceptors?: readonly HttpInterceptor[];
  /** Wall clock for `Retry-After` dates, in ms. */
  now?: () => number;
}

/** How the caller authenticates this request. */
export type HttpAuth =
  { bearer: string } | { basic: { username: string; password: string } } | { none: true };

/** One logical call. */
export interface HttpCall {
  /** Operation name for errors and logs (a fixed identifier, never data). */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Readonly<Record<string, string>>;
  /** JSON body (`application/json`) or form body (`application/x-www-form-urlencoded`). */
  body?: { json: unknown } | { form: Readonly<Record<string, string>> };
  auth: HttpAuth;
  /** The caller's signal (client disconnect, gateway deadline). */
  signal?: AbortSignal;
  /** When the caller's request deadline passes, epoch ms (see `CallContext.deadlineAtMs`). */
  deadlineAtMs?: number;
  /** Correlation id, sent as `x-request-id`. */
  requestId?: string;
  /**
   * Per-operation refinement of a non-2xx classification, given the default error and the
   * (capped) answer, e.g. "a 403 from /userinfo means the token was rejected". Must not quote the body.
   */
  refineError?: (error: UpstreamError, response: RawResponse) => UpstreamError;
  /**
   * Sees the final answer of the call, whatever its status, before it is classified (e.g. the
   * Genesys Cloud quota headers). Must not throw, nor keep the body.
   */
  onResponse?: (response: RawResponse) => void;
}

const USER_AGENT = 'genesys-graphql-gateway';

/**
 * A small JSON client over an injected undici dispatcher: headers per request (never on the
 * shared client), a deadline on every attempt, a response size cap, and every failure turned
 * into an {@link UpstreamError} (status, socket error, timeout, unusable body). It does not retry;
 * retries plug in as an {@link HttpInterceptor}.
 */
export class HttpJsonClient {
  readonly service: UpstreamService;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #options: HttpJsonClientOptions;
  readonly #attempt: HttpAttempt;
  readonly #forbiddenReason: ForbiddenClassifier;

  constructor(options: HttpJsonClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new TypeError(`HttpJsonClient: baseUrl must be http(s), got ${base.protocol}`);
    }
    if (!(options.timeoutMs > 0) || !(options.maxResponseBytes > 0)) {
      throw new RangeError('HttpJsonClient: timeoutMs and maxResponseBytes must be positive');
    }
    this.service = options.service;
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/+$/, '');
    this.#options = options;
    this.#forbiddenReason =
      options.forbiddenReason ?? ((): ForbiddenReason => 'UPSTREAM_FORBIDDEN');
    const interceptors = options.interceptors ?? [];
    this.#attempt = interceptors.reduceRight<HttpAttempt>(
      (next, wrap) => wrap(next),
      (req) => sendAttempt(this.#options.dispatcher, this.service, req, this.#options),
    );
  }

  /** Performs the call and parses a JSON answer; rejects with UpstreamError. */
  async json(call: HttpCall): Promise<unknown> {
    const response = await this.#execute(call);
    return parseJson(response, { service: this.service, operation: call.operation });
  }

  /** Performs the call and ignores a 2xx body (`ping`, `sign-out`); rejects with UpstreamError. */
  async noContent(call: HttpCall): Promise<void> {
    await this.#execute(call);
  }

  async #execute(call: HttpCall): Promise<RawResponse> {
    const response = await this.#attempt(this.#prepare(call));
    call.onResponse?.(response);
    if (response.status >= 200 && response.status < 300) return response;
    const site = { service: this.service, operation: call.operation };
    const error = errorForStatus(
      response,
      site,
      this.#forbiddenReason,
      (this.#options.now ?? Date.now)(),
    );
    throw call.refineError ? call.refineError(error, response) : error;
  }

  #prepare(call: HttpCall): PreparedRequest {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': USER_AGENT,
    };
    if ('bearer' in call.auth) headers['authorization'] = `Bearer ${call.auth.bearer}`;
    if ('basic' in call.auth) {
      const { username, password } = call.auth.basic;
      headers['authorization'] =
        `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    }
    if (this.#options.apiKey) headers['x-api-key'] = this.#options.apiKey;
    if (call.requestId) headers['x-request-id'] = call.requestId;
    let body: string | undefined;
    if (call.body && 'json' in call.body) {
      body = JSON.stringify(call.body.json);
      headers['content-type'] = 'application/json';
    } else if (call.body && 'form' in call.body) {
      body = new URLSearchParams(call.body.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const search = call.query ? new URLSearchParams(call.query).toString() : '';
    return {
      origin: this.#origin,
      path: `${this.#basePath}${call.path}${search ? `?${search}` : ''}`,
      method: call.method,
      headers,
      body,
      operation: call.operation,
      idempotent: call.method === 'GET',
      signal: call.signal,
      deadlineAtMs: call.deadlineAtMs,
    };
  }
}

/** Parses a 2xx JSON answer; HTML pages, empty and broken bodies are upstream ERRORs. */
function parseJson(
  response: RawResponse,
  site: { service: UpstreamService; operation: string },
): unknown {
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('html'))
    throw errorForBody(site, response.status, 'answered HTML instead of JSON');
  if (response.body.length === 0)
    throw errorForBody(site, response.status, 'answered an empty body');
  try {
    return JSON.parse(response.body.toString('utf8')) as unknown;
  } catch (error) {
    throw errorForBody(site, response.status, 'answered a body that is not JSON', error);
  }
}
