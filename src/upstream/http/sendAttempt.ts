import type { Dispatcher } from 'undici';
import type { UpstreamService } from '../../errors/UpstreamError.js';
import { withTraceHeaders } from '../../tracing/spans.js';
import { errorForTransport } from './classify.js';
import { readBody } from './readBody.js';
import type { PreparedRequest, RawResponse } from './types.js';

/** Limits of one attempt. */
export interface AttemptLimits {
  /** Deadline of the attempt (headers and body), in ms; the caller's signal may end it sooner. */
  timeoutMs: number;
  /** Largest body read, in bytes; a larger answer is refused before it is parsed. */
  maxResponseBytes: number;
}

/**
 * Sends one attempt of a prepared request through `dispatcher` and reads its body, under its own
 * deadline and the caller's signal. Socket errors, timeouts and aborts reject as `UpstreamError`
 * (timeout vs. caller gone told apart); any HTTP status resolves — classifying it is the caller's.
 * Shared by the REST client and the SOAP client, the only two ways the gateway reaches Genesys, so
 * this is where the W3C `traceparent` of the active span is added (nothing when tracing is off).
 */
export async function sendAttempt(
  dispatcher: Dispatcher,
  service: UpstreamService,
  request: PreparedRequest,
  limits: AttemptLimits,
): Promise<RawResponse> {
  const attemptSignal = AbortSignal.timeout(limits.timeoutMs);
  const signal = request.signal ? AbortSignal.any([attemptSignal, request.signal]) : attemptSignal;
  try {
    const response = await dispatcher.request({
      origin: request.origin,
      path: request.path,
      method: request.method,
      headers: withTraceHeaders(request.headers),
      body: request.body,
      signal,
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
    });
    const body = await readBody(
      response.body,
      limits.maxResponseBytes,
      response.headers['content-length'],
    );
    return { status: response.statusCode, headers: response.headers, body };
  } catch (error) {
    throw errorForTransport(
      error,
      { service, operation: request.operation },
      { attempt: attemptSignal, call: request.signal },
    );
  }
}
