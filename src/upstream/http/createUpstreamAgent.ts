import { Agent, type Dispatcher } from 'undici';

export interface UpstreamAgentOptions {
  /** TCP/TLS connect deadline, in ms. */
  connectTimeoutMs: number;
  /** Most sockets per origin (bounded pool). Default 64. */
  connectionsPerOrigin?: number;
  /** How long an idle keep-alive socket is kept, in ms. Default 30000. */
  keepAliveTimeoutMs?: number;
}

/**
 * The dispatcher `createGateway` builds for upstreams (one for REST, one for SOAP): an undici
 * `Agent`, which keeps one `Pool` per origin, so every Genesys origin gets its own bounded set of
 * keep-alive sockets.
 * Holds no caller state; headers travel per request.
 */
export function createUpstreamAgent(options: UpstreamAgentOptions): Dispatcher {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs },
    connections: options.connectionsPerOrigin ?? 64,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    pipelining: 1,
  });
}
