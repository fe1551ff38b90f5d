import type { IncomingHttpHeaders } from 'node:http';

/** One attempt as the client sends it: absolute target, final headers, encoded body. */
export interface PreparedRequest {
  /** `scheme://host:port`, the key of the dispatcher's per-origin pool. */
  readonly origin: string;
  /** Path and query, e.g. `/auth/v3/userinfo`. */
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Upstream operation, for errors and logs. */
  readonly operation: string;
  /** True for requests that may be repeated without effect (GET); a retry layer must respect it. */
  readonly idempotent: boolean;
  /** The caller's lifetime (client disconnect, gateway deadline); each attempt adds its own deadline. */
  readonly signal?: AbortSignal;
  /**
   * When the caller's request deadline passes (epoch ms; `signal` aborts then), so a retry policy
   * can tell whether a wait still fits. Absent for calls shared between callers.
   */
  readonly deadlineAtMs?: number;
  /**
   * Who the call is for: the HMAC of the caller's token (`CallContext.tokenHash`, never the token),
   * so admission policies (the SOAP bulkhead) can share capacity fairly between callers.
   */
  readonly caller?: string;
}

/** A complete upstream answer: status, headers and the body, already read (and size-capped). */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Performs one attempt. Resolves with any HTTP status (classification happens after), rejects
 * only with an `UpstreamError` (TIMEOUT, UNAVAILABLE or ERROR) for transport failures.
 */
export type HttpAttempt = (request: PreparedRequest) => Promise<RawResponse>;

/**
 * Wraps the attempt function; the seam for cross-cutting policies (retry with `Retry-After`,
 * circuit breaker, metrics). Interceptors compose like undici's: the first listed runs outermost.
 */
export type HttpInterceptor = (next: HttpAttempt) => HttpAttempt;
