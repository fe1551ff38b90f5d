/**
 * The gateway's side of OpenTelemetry: only `@opentelemetry/api`, which is a no-op until an SDK
 * registers itself (src/tracing/startTracing.ts does, and only when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set). The span-making layers are wired in only when tracing is on (`TracingConfig.enabled`), so
 * with tracing off a request pays for none of them; the two helpers every request may touch
 * ({@link noteOnActiveSpan}, {@link withTraceHeaders}) cost a lookup of an absent span.
 *
 * Attribute names follow the OpenTelemetry semantic conventions where one exists (`http.*`,
 * `server.*`, `graphql.*`, `error.type`) and use `gateway.*` for the rest. No attribute ever holds a
 * token, a query's variables or its document text: only fixed identifiers, statuses and counts.
 */
import {
  context,
  propagation,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';

/** The instrumentation scope of every span the gateway makes. */
export const TRACER_NAME = 'genesys-graphql-gateway';

/** Attribute names of the `gateway.*` namespace (the rest are semantic conventions). */
export const ATTR = {
  service: 'gateway.upstream.service',
  operation: 'gateway.upstream.operation',
  outcome: 'gateway.upstream.outcome',
  attempt: 'gateway.upstream.attempt',
  cache: 'gateway.cache',
  retryWaitMs: 'gateway.retry.wait_ms',
  bulkheadWaitMs: 'gateway.bulkhead.wait_ms',
  rejected: 'gateway.resilience.rejected',
  breakerResult: 'gateway.breaker.result',
  soapFault: 'gateway.soap.fault',
  requestId: 'gateway.request_id',
  rejectReason: 'gateway.front_door.reject_reason',
  answerBytes: 'gateway.answer_cache.bytes',
} as const;

/** The gateway's tracer (a no-op one until an SDK is registered). */
export function gatewayTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/**
 * Sets attributes on the span active in this async context; nothing without one (tracing off, or
 * a call outside any request). For facts decided deep in a layer that made no span of its own,
 * such as the response cache's hit / coalesced / miss.
 */
export function noteOnActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/**
 * `headers` plus the W3C `traceparent` (and `tracestate`) of the active span, so Genesys-side
 * logs can be joined with the gateway's trace. The same object when there is nothing to add
 * (tracing off: no propagator is registered).
 */
export function withTraceHeaders(
  headers: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const _name in carrier) return { ...headers, ...carrier };
  return headers;
}

/**
 * Runs `work` inside a new span made active for it (its awaits and callbacks included), and ends
 * the span when the promise settles: a rejection marks it ERROR with `error.type` (the error's
 * `kind` when it has one, else its name; never its message, which may quote data).
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return gatewayTracer().startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` as failed with a low-cardinality `error.type` (never the message). */
export function markFailed(span: Span, error: unknown): void {
  span.setAttribute('error.type', errorType(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** `UpstreamError.kind` (`TIMEOUT`, …), a `GatewayError` code, else the error's class name. */
export function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { kind, code, name } = error as { kind?: unknown; code?: unknown; name?: unknown };
    if (typeof kind === 'string') return kind;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    if (typeof name === 'string') return name;
  }
  return 'Error';
}
