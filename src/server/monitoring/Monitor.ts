import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KnownSecrets } from '../../logging/KnownSecrets.js';
import type { Health } from './health.js';
import type { OperationKind } from '../limits/FrontDoor.js';
import type { Logger } from '../../logging/Logger.js';
import {
  registerHttpMetrics,
  type HttpMetrics,
  type RouteLabel,
} from '../metrics/gatewayMetrics.js';
import type { MetricsRegistry } from '../metrics/MetricsRegistry.js';

/** What the HTTP handler tells the observer about one request as it learns it. */
export interface RequestObservation {
  /** The GraphQL operation type (and name, when it is a valid GraphQL name) the front door saw. */
  operation(type: OperationKind, name?: string): void;
  /** The request was refused before authentication, for this reason (`DEPTH`, `BATCH`…). */
  rejected(reason: string): void;
}

/** Options of {@link Monitor}; every part optional. */
export interface MonitorOptions {
  /** Serves `/healthz` and `/readyz`; during shutdown responses carry `connection: close`. */
  health?: Health;
  /** Serves `GET /metrics` from it and records the request series into it. */
  registry?: MetricsRegistry;
  /** Gets one `info` line per request (the access log). */
  logger?: Logger;
  /** Tracks each request's credential while it runs, for log redaction. */
  secrets?: KnownSecrets;
}

/**
 * The monitoring side of the HTTP handler: the health and metrics routes, and one observation
 * per request that updates the request metrics, writes the access log line (request id, route,
 * status, duration, operation type — never the query, variables or headers; probes and scrapes
 * at `debug`), tracks the
 * request's credential for redaction, and keeps the request's abort controller so a shutdown
 * past its grace period can end the request with a clean error instead of a cut socket.
 */
export class Monitor {
  readonly #health: Health | undefined;
  readonly #registry: MetricsRegistry | undefined;
  readonly #http: HttpMetrics | undefined;
  readonly #logger: Logger | undefined;
  readonly #secrets: KnownSecrets | undefined;
  readonly #inFlight = new Set<AbortController>();

  constructor(options: MonitorOptions = {}) {
    this.#health = options.health;
    this.#registry = options.registry;
    this.#http = options.registry ? registerHttpMetrics(options.registry) : undefined;
    this.#logger = options.logger;
    this.#secrets = options.secrets;
  }

  /** Requests being served now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Answers `/healthz`, `/readyz` and `/metrics`; false for every other path. */
  route(req: IncomingMessage, res: ServerResponse, pathname: string, method: string): boolean {
    if (this.#health?.handle(req, res, pathname, method)) return true;
    if (pathname !== '/metrics' || !this.#registry) return false;
    if (method !== 'GET' && method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('allow', 'GET, HEAD');
      res.end();
      return true;
    }
    // `render` never rejects; prom-client reads its collectors asynchronously.
    void this.#registry.render().then((text) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'text/plain; version=0.0.4; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(method === 'HEAD' ? undefined : text);
    });
    return true;
  }

  /** Starts observing one request; everything is recorded when its response closes. */
  observe(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    controller: AbortController,
  ): RequestObservation {
    const started = performance.now();
    const release = this.#secrets?.trackAuthorization(req.headers.authorization);
    let operationType: OperationKind = 'unknown';
    let operationName: string | undefined;
    let rejected: string | undefined;
    this.#inFlight.add(controller);
    this.#http?.started();
    // Draining: tell keep-alive clients to reconnect (to another instance) after this answer.
    if (this.#health?.shuttingDown) res.setHeader('connection', 'close');
    res.once('close', () => {
      release?.();
      this.#inFlight.delete(controller);
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(req.url);
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      if (!rejected && res.statusCode === 413) rejected = 'BODY_TOO_LARGE';
      this.#http?.finished({ route, status, operationType, seconds, rejected });
      // Probes and scrapes come every few seconds: keep them out of the info-level access log.
      const log =
        route === 'graphql' || route === 'other' ? this.#logger?.info : this.#logger?.debug;
      log?.('request', {
        requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        operationType,
        ...(operationName ? { operationName } : {}),
        ...(rejected ? { rejected } : {}),
      });
    });
    return {
      operation(type, name) {
        operationType = type;
        if (name !== undefined && GRAPHQL_NAME.test(name)) operationName = name;
      },
      rejected(reason) {
        rejected = reason;
      },
    };
  }

  /**
   * Aborts every request still running with a `TimeoutError` (the shutdown's deadline): their
   * upstream calls stop and they answer with a GraphQL error instead of a cut connection.
   * Returns how many.
   */
  abortInFlight(): number {
    const reason = new DOMException('The gateway is shutting down', 'TimeoutError');
    const controllers = [...this.#inFlight];
    for (const controller of controllers) controller.abort(reason);
    return controllers.length;
  }
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

function routeOf(url: string | undefined): RouteLabel {
  const path = (url ?? '/').split('?')[0] ?? '/';
  if (path === '/graphql' || path === '/graphql/') return 'graphql';
  if (path === '/healthz') return 'healthz';
  if (path === '/readyz') return 'readyz';
  if (path === '/metrics') return 'metrics';
  return 'other';
}
