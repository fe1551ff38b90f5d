import {
  UpstreamError,
  type ForbiddenReason,
  type UpstreamErrorKind,
  type UpstreamService,
} from '../../errors/UpstreamError.js';
import { ResponseTooLargeError } from './readBody.js';
import { parseRetryAfter } from './retryAfter.js';
import type { RawResponse } from './types.js';

/** Who failed: carried into every UpstreamError. */
export interface CallSite {
  service: UpstreamService;
  operation: string;
}

/** Decides the FORBIDDEN reason of a 403 from its (capped) answer. */
export type ForbiddenClassifier = (response: RawResponse) => ForbiddenReason;

/**
 * Maps a non-2xx answer to an UpstreamError (CONTRACT §5). The message names service, operation
 * and status only: the body is never quoted (it may echo the token or internal detail).
 */
export function errorForStatus(
  response: RawResponse,
  site: CallSite,
  forbiddenReason: ForbiddenClassifier,
  nowMs: number = Date.now(),
): UpstreamError {
  const status = response.status;
  const kind = kindForStatus(status);
  const retryAfterSec =
    status === 429 || status === 503
      ? parseRetryAfter(response.headers['retry-after'], nowMs)
      : undefined;
  return new UpstreamError(kind, `${site.service} ${site.operation} answered HTTP ${status}`, {
    service: site.service,
    operation: site.operation,
    status,
    reason: kind === 'FORBIDDEN' ? forbiddenReason(response) : undefined,
    retryAfterSec,
  });
}

function kindForStatus(status: number): UpstreamErrorKind {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 408:
      return 'TIMEOUT';
    case 429:
      return 'RATE_LIMITED';
    case 502:
    case 503:
    case 504:
      return 'UNAVAILABLE';
    default:
      // Other 4xx: the gateway sent something the upstream refused (our bug or an API change).
      return status >= 400 && status < 500 ? 'BAD_REQUEST' : 'ERROR';
  }
}

/** An answer we could not use (HTML page, broken JSON, wrong shape, too large). */
export function errorForBody(
  site: CallSite,
  status: number,
  problem: string,
  cause?: unknown,
): UpstreamError {
  return new UpstreamError('ERROR', `${site.service} ${site.operation}: ${problem}`, {
    service: site.service,
    operation: site.operation,
    status,
    cause,
  });
}

/** Socket-level failures that mean "nobody is answering there": UNAVAILABLE. */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  // Connect timeout: no connection was ever made, like a refusal (decision: UNAVAILABLE, not TIMEOUT).
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * Maps a thrown transport error to an UpstreamError. `attemptSignal` is the attempt's own
 * deadline; `callSignal` the caller's (client gone, or the gateway deadline passed).
 */
export function errorForTransport(
  error: unknown,
  site: CallSite,
  signals: { attempt: AbortSignal; call?: AbortSignal },
): UpstreamError {
  const options = { service: site.service, operation: site.operation, cause: error };
  if (error instanceof UpstreamError) return error;
  if (error instanceof ResponseTooLargeError) {
    return new UpstreamError(
      'ERROR',
      `${site.service} ${site.operation}: ${error.message}`,
      options,
    );
  }
  if (signals.call?.aborted) {
    const reason: unknown = signals.call.reason;
    const deadline = reason instanceof Error && reason.name === 'TimeoutError';
    return deadline
      ? new UpstreamError(
          'TIMEOUT',
          `${site.service} ${site.operation}: gateway request deadline passed`,
          options,
        )
      : new UpstreamError(
          'ERROR',
          `${site.service} ${site.operation}: cancelled by the client`,
          options,
        );
  }
  if (signals.attempt.aborted) {
    return new UpstreamError(
      'TIMEOUT',
      `${site.service} ${site.operation}: no answer within the deadline`,
      options,
    );
  }
  const code = errorCode(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new UpstreamError(
      'TIMEOUT',
      `${site.service} ${site.operation}: no answer within the deadline`,
      options,
    );
  }
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) {
    return new UpstreamError(
      'UNAVAILABLE',
      `${site.service} ${site.operation}: connection failed (${code})`,
      options,
    );
  }
  return new UpstreamError(
    'ERROR',
    `${site.service} ${site.operation}: request failed${code ? ` (${code})` : ''}`,
    options,
  );
}

/** The `code` of an error or of its `cause` chain (undici wraps socket errors). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
