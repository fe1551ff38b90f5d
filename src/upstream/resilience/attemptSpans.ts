import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { UpstreamService } from '../../errors/UpstreamError.js';
import { ATTR, gatewayTracer, markFailed } from '../../tracing/spans.js';
import type { HttpInterceptor, PreparedRequest } from '../http/types.js';
import { isSoapFault } from './classifyAttempt.js';
import { ResilienceRejection } from './ResilienceRejection.js';

/** The two places in a back end's chain where attempts are traced (see {@link attemptSpans}). */
export interface AttemptSpans {
  /** Inside the retry, outside the bulkhead and the breaker: one CLIENT span per attempt. */
  readonly attempt: HttpInterceptor;
  /** Inside the bulkhead: records on the attempt's span how long it waited for a slot. */
  readonly admitted: HttpInterceptor;
}

interface CallState {
  /** Attempts started so far (the retry policy sends the same request object each time). */
  attempts: number;
  /** When the current attempt started, ms. */
  startedAtMs: number;
  /** When the previous attempt ended, ms: the gap until the next one is the retry's wait. */
  endedAtMs: number | undefined;
}

/**
 * Per-attempt spans for the upstream calls of `service` (only when tracing is on; see
 * `createResilience`). Each attempt that the retry policy makes is a CLIENT span named by its HTTP
 * method, a child of the call's span (src/tracing/tracedUpstreams.ts), and is the active span when
 * `sendAttempt` injects `traceparent`, so Genesys sees this attempt's span id as its parent.
 *
 * Attributes: `gateway.upstream.attempt` (1, 2, …) and `http.request.resend_count`;
 * `gateway.retry.wait_ms` (the backoff or `Retry-After` wait before a retry);
 * `gateway.bulkhead.wait_ms` (SOAP: the wait for a slot); `gateway.resilience.rejected`
 * (`circuit-open`, `bulkhead-full`, `bulkhead-queue-timeout`, `bulkhead-caller-share`: refused
 * without being sent);
 * `gateway.breaker.result` (`success`, `failure` or `ignored`: how the circuit breaker counted it);
 * `http.response.status_code` and `gateway.soap.fault` (a SOAP Fault on HTTP 500); `server.address`,
 * `server.port` and `url.path` without its query. Headers and bodies are never recorded.
 */
export function attemptSpans(
  service: UpstreamService,
  now: () => number = () => performance.now(),
): AttemptSpans {
  const calls = new WeakMap<PreparedRequest, CallState>();
  const attempt: HttpInterceptor = (next) => (request) => {
    let state = calls.get(request);
    if (!state) {
      state = { attempts: 0, startedAtMs: 0, endedAtMs: undefined };
      calls.set(request, state);
    }
    const current = state;
    current.attempts += 1;
    current.startedAtMs = now();
    const target = new URL(request.origin);
    const attributes: Record<string, string | number> = {
      [ATTR.service]: service,
      [ATTR.operation]: request.operation,
      [ATTR.attempt]: current.attempts,
      'http.request.method': request.method,
      'server.address': target.hostname,
      'server.port': Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
      'url.path': request.path.split('?')[0] ?? '',
    };
    if (current.attempts > 1) {
      attributes['http.request.resend_count'] = current.attempts - 1;
      if (current.endedAtMs !== undefined)
        attributes[ATTR.retryWaitMs] = Math.round(current.startedAtMs - current.endedAtMs);
    }
    return gatewayTracer().startActiveSpan(
      request.method,
      { kind: SpanKind.CLIENT, attributes },
      async (span) => {
        try {
          const response = await next(request);
          span.setAttribute('http.response.status_code', response.status);
          if (response.status === 500 && isSoapFault(response))
            span.setAttribute(ATTR.soapFault, true);
          // The HTTP client conventions: a 4xx or 5xx answer makes the client span an error.
          if (response.status >= 400) {
            span.setAttribute('error.type', String(response.status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          return response;
        } catch (error) {
          const rejection = error instanceof Error ? error.cause : undefined;
          if (rejection instanceof ResilienceRejection)
            span.setAttribute(ATTR.rejected, rejection.reason);
          markFailed(span, error);
          throw error;
        } finally {
          current.endedAtMs = now();
          span.end();
        }
      },
    );
  };
  const admitted: HttpInterceptor = (next) => (request) => {
    const state = calls.get(request);
    if (state)
      trace
        .getActiveSpan()
        ?.setAttribute(ATTR.bulkheadWaitMs, Math.round(now() - state.startedAtMs));
    return next(request);
  };
  return { attempt, admitted };
}
