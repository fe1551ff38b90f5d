import { createServer, type Server } from 'node:http';

/** How the gateway's HTTP server treats client sockets; every number carries its unit. */
export interface SocketLimits {
  /**
   * HTTP_HEADERS_TIMEOUT_MS: a client must send its request headers within this time of
   * connecting (or of its previous request on a kept-alive socket), in ms; never more than
   * REQUEST_TIMEOUT_MS. Default 10000.
   */
  readonly headersTimeoutMs: number;
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS: an idle kept-alive socket is closed after this time, in ms (0: at once). Default 5000. */
  readonly keepAliveTimeoutMs: number;
  /** HTTP_MAX_CONNECTIONS: most client sockets open at once; more are closed as they arrive. Default 1000. */
  readonly maxConnections: number;
  /** HTTP_MAX_REQUESTS_PER_SOCKET: requests one kept-alive socket may carry before it is closed (0: no limit). Default 1000. */
  readonly maxRequestsPerSocket: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  maxRequestsPerSocket: 1_000,
});

/** How often, at most, Node checks sockets against the header and request deadlines, in ms. */
const MAX_CHECK_INTERVAL_MS = 1_000;

/**
 * The node:http server with its socket deadlines and caps set from the configuration, so a
 * client cannot hold a socket longer than the gateway's own deadlines: headers must arrive
 * within `headersTimeoutMs` (at most `requestTimeoutMs`), the whole request within
 * `requestTimeoutMs` (REQUEST_TIMEOUT_MS), both checked at least every second (Node's default
 * check runs every 30 s, which let a socket trickling headers live about 64 s); at most
 * `maxConnections` sockets are open, idle kept-alive sockets close after `keepAliveTimeoutMs`,
 * and one socket carries at most `maxRequestsPerSocket` requests. A refused or timed-out socket
 * gets Node's own 408 or is closed; no request handler runs for it.
 */
export function createLimitedHttpServer(limits: SocketLimits, requestTimeoutMs: number): Server {
  const headersTimeout = Math.min(limits.headersTimeoutMs, requestTimeoutMs);
  const server = createServer({
    headersTimeout,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(
      50,
      Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(headersTimeout / 4)),
    ),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  });
  server.maxConnections = limits.maxConnections;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  return server;
}
