import { UpstreamError } from '../../errors/UpstreamError.js';
import { parseRetryAfter } from '../http/retryAfter.js';
import type { HttpAttempt, PreparedRequest, RawResponse } from '../http/types.js';
import { isLocalRejection } from './ResilienceRejection.js';

/** How one attempt ended: an answer with any status, or the error the attempt rejected with. */
export type AttemptOutcome =
  | { readonly ok: true; readonly response: RawResponse }
  | { readonly ok: false; readonly error: unknown };

/**
 * What an outcome says about the upstream:
 * - `answered`: it answered (2xx, 4xx other than 429, a SOAP Fault even on HTTP 500);
 * - `throttled`: 429, the upstream is alive but refuses this caller for now;
 * - `failing`: 5xx without a SOAP Fault, no answer within the attempt deadline, connection
 *   refused/reset — the only outcomes a circuit breaker counts as failures;
 * - `neutral`: nothing learnt about the upstream (refused locally, the caller left or its
 *   request deadline passed, an answer too large or unreadable).
 */
export type UpstreamHealth = 'answered' | 'throttled' | 'failing' | 'neutral';

/** The verdict on one attempt, shared by the retry policy and the circuit breaker. */
export interface AttemptVerdict {
  readonly health: UpstreamHealth;
  /** Whether the same request may succeed if sent again (the operation must still be idempotent). */
  readonly retryable: boolean;
  /** `Retry-After` of the answer, in ms: a retry must not be sent earlier. */
  readonly retryAfterMs?: number;
}

/** Runs one attempt and captures its result without throwing. */
export async function settleAttempt(
  next: HttpAttempt,
  request: PreparedRequest,
): Promise<AttemptOutcome> {
  try {
    return { ok: true, response: await next(request) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Returns the answer, or throws the attempt's error. */
export function unwrapOutcome(outcome: AttemptOutcome): RawResponse {
  if (outcome.ok) return outcome.response;
  throw outcome.error;
}

/**
 * Classifies an attempt (RELIABILITY: breakers open on 5xx, timeouts and resets only; retries on
 * 502/503/504, resets and timeouts, and on 429 only with a `Retry-After`). WFM answers every SOAP
 * Fault — client-side ones like INSUFFICIENT_PRIVILEGES too — as HTTP 500 with a Fault body: a
 * 500 carrying a Fault is an answer, never a failure.
 */
export function classifyAttempt(
  outcome: AttemptOutcome,
  request: PreparedRequest,
  nowMs: number,
): AttemptVerdict {
  if (!outcome.ok) return classifyError(outcome.error, request);
  const { status, headers } = outcome.response;
  if (status === 429) {
    const retryAfterSec = parseRetryAfter(headers['retry-after'], nowMs);
    return retryAfterSec === undefined
      ? { health: 'throttled', retryable: false }
      : { health: 'throttled', retryable: true, retryAfterMs: retryAfterSec * 1000 };
  }
  if (status === 502 || status === 503 || status === 504) {
    const retryAfterSec = parseRetryAfter(headers['retry-after'], nowMs);
    return retryAfterSec === undefined
      ? { health: 'failing', retryable: true }
      : { health: 'failing', retryable: true, retryAfterMs: retryAfterSec * 1000 };
  }
  if (status >= 500 && !(status === 500 && isSoapFault(outcome.response))) {
    return { health: 'failing', retryable: false };
  }
  return { health: 'answered', retryable: false };
}

function classifyError(error: unknown, request: PreparedRequest): AttemptVerdict {
  if (!(error instanceof UpstreamError) || isLocalRejection(error)) {
    return { health: 'neutral', retryable: false };
  }
  // The caller left or its request deadline passed: says nothing about the upstream.
  if (request.signal?.aborted) return { health: 'neutral', retryable: false };
  if (error.kind === 'TIMEOUT' || error.kind === 'UNAVAILABLE') {
    return { health: 'failing', retryable: true };
  }
  return { health: 'neutral', retryable: false };
}

/** How far into a reply a SOAP Fault element is looked for, in bytes (it follows `<Body>` closely). */
const FAULT_SCAN_BYTES = 64 * 1024;

/** An XML reply whose body holds a SOAP 1.1 or 1.2 `Fault` element (any namespace prefix). */
export function isSoapFault(response: RawResponse): boolean {
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('xml')) return false;
  const head = response.body.subarray(0, FAULT_SCAN_BYTES).toString('latin1');
  return /<(?:[A-Za-z_][\w.-]*:)?Fault[\s/>]/.test(head);
}
