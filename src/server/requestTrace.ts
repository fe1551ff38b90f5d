import type { IncomingMessage } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { ATTR, gatewayTracer, inSpan } from '../tracing/spans.js';

/** Paths probed every few seconds by orchestrators and scrapers: not traced. */
const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** What the front door decided, as the span records it. */
export type FrontDoorOutcome =
  | { readonly operationType: string; readonly operationName?: string }
  | { readonly rejected: string };

/**
 * The spans of one HTTP request (only when tracing is on): the SERVER span `POST /graphql`, child
 * of the caller's `traceparent` when it sends one, and under it `front door` (body, JSON shape
 * and document limits), `token check` (the Authentication API's answer, or its cached one),
 * `answer cache hit` (a whole answer served from the cache) and the GraphQL operation
 * (`query Dashboard`: `graphql.operation.type` and `.name`, never the document or its variables).
 * The trace id is the request id: the `x-request-id` answered, sent upstream and logged.
 */
export class RequestTrace {
  /** The trace id (32 hex digits), which is this request's id. */
  readonly requestId: string;
  readonly #span: Span;
  readonly #context: Context;

  private constructor(span: Span, parent: Context) {
    this.#span = span;
    this.#context = trace.setSpan(parent, span);
    this.requestId = span.spanContext().traceId;
  }

  /** Starts the request's span; null for the probe paths (`/healthz`, `/readyz`, `/metrics`). */
  static start(req: IncomingMessage, method: string, path: string): RequestTrace | null {
    if (UNTRACED_PATHS.has(path)) return null;
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const graphql = path === '/graphql' || path === '/graphql/';
    const span = gatewayTracer().startSpan(
      graphql ? `${method} /graphql` : method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'url.path': path,
          ...(graphql ? { 'http.route': '/graphql' } : {}),
        },
      },
      parent,
    );
    return new RequestTrace(span, parent);
  }

  /** Runs `work` with the request's span active (every span of the request is under it). */
  run<T>(work: () => T): T {
    return context.with(this.#context, work);
  }

  /** Records the front door's checks, from `startTime` (`performance.now()`) until now. */
  frontDoor(startTime: number, outcome: FrontDoorOutcome): void {
    const span = gatewayTracer().startSpan('front door', { startTime }, this.#context);
    if ('rejected' in outcome) {
      span.setAttribute(ATTR.rejectReason, outcome.rejected);
      span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setAttribute('graphql.operation.type', outcome.operationType);
      if (outcome.operationName !== undefined)
        span.setAttribute('graphql.operation.name', outcome.operationName);
    }
    span.end();
  }

  /** The token check (context creation), as the active span of its upstream call. */
  tokenCheck<T>(work: () => Promise<T>): Promise<T> {
    return inSpan('token check', {}, () => work());
  }

  /** A whole answer served from the cache, `bytes` long. */
  answerHit(bytes: number): void {
    const span = gatewayTracer().startSpan(
      'answer cache hit',
      { attributes: { [ATTR.answerBytes]: bytes } },
      this.#context,
    );
    span.end();
  }

  /** The GraphQL operation's execution (Apollo Server), as the active span of its resolvers. */
  operation<T>(type: string | undefined, name: string | undefined, work: () => Promise<T>) {
    const attributes: Record<string, string> = {};
    if (type !== undefined) attributes['graphql.operation.type'] = type;
    if (name !== undefined) attributes['graphql.operation.name'] = name;
    const spanName = type === undefined ? 'graphql' : name ? `${type} ${name}` : type;
    return inSpan(spanName, { attributes }, () => work());
  }

  /** Ends the request's span with the answer's status (5xx: an error, as for HTTP servers). */
  end(status: number, error?: unknown): void {
    this.#span.setAttribute('http.response.status_code', status);
    if (status >= 500 || error !== undefined) {
      this.#span.setAttribute('error.type', String(status));
      this.#span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.#span.end();
  }
}
