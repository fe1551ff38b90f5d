import type { IncomingHttpHeaders } from 'node:http';
import type { SimUser, SimWorld } from './data/model.js';

/** Which simulated back end answered. Matches the gateway's `UpstreamService`. */
export type SimService = 'auth' | 'wfm' | 'wfm-soap' | 'cloud' | 'cloud-login' | 'admin';

/** A fully read request, handed to a service handler. */
export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What a handler answers; the server writes it (faults may alter it on the way out). */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A valid access token as the token store knows it. */
export interface SimToken {
  token: string;
  /** The signed-in user; null for client_credentials tokens. */
  user: SimUser | null;
  clientId: string;
  issuedAtMs: number;
  expiresAtMs: number;
  /** Short stable hash of the token (sha256, 16 hex); used in the request log and stamps. */
  tokenHash: string;
}

/** Outcome of checking an Authorization header. */
export type SimAuthCheck =
  | { ok: true; token: SimToken }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked' };

/** Resolves Bearer tokens; implemented by the auth service's token store. */
export interface SimTokenResolver {
  check(authorization: string | undefined): SimAuthCheck;
}

/** One entry of the request log (read by tests and benchmarks to count upstream calls). */
export interface SimLogEntry {
  seq: number;
  atMs: number;
  service: SimService;
  /** `userinfo`, `oauth/token`, `system/userinfo`, `GetAgentState`, `wsdl`… */
  operation: string;
  method: string;
  path: string;
  /** Hash of the Bearer token the request carried (null when none). */
  tokenHash: string | null;
  /** The user name that token belongs to, when valid (for isolation tests). */
  identity: string | null;
  /**
   * The `x-request-id` the request carried (the gateway forwards its own request id), so tests
   * can tie each upstream request to the gateway request that caused it. Absent when none.
   */
  requestId?: string;
  /**
   * The W3C `traceparent` the request carried (the gateway sends one with tracing on), as a
   * Genesys-side log would keep it to be joined with the gateway's trace. Absent when none.
   */
  traceparent?: string;
  status: number;
  durationMs: number;
  /** Fault injected on this request, if any. */
  fault?: string;
  /** Operation arguments worth asserting on (site id, agent ids count…), service-specific. */
  detail?: Record<string, unknown>;
}

/**
 * A service handler: given the request, answer. `identify` names the operation (for the log,
 * rate limit and fault matching) before `handle` runs; SOAP reads it from the body.
 */
export interface SimEndpoint {
  service: SimService;
  identify(req: SimRequest): string | null;
  handle(req: SimRequest, env: SimEnv, operation: string): Promise<SimResponse> | SimResponse;
  /**
   * The headers this service adds to every answer (also 429s and injected faults) for a
   * rate-limit decision (null when limiting is off). Default: `x-ratelimit-*`.
   */
  answerHeaders?(limit: SimRateLimit | null, response: SimResponse): Record<string, string>;
  /** The answer when the per-token limit refuses a request. Default: a JSON 429. */
  refusal?(limit: SimRateLimit, headers: Record<string, string>): SimResponse;
}

/** A rate-limit decision as services see it. */
export interface SimRateLimit {
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSec: number;
}

/** What handlers may use. */
export interface SimEnv {
  world: SimWorld;
  tokens: SimTokenResolver;
  /** Absolute base URL advertised in SOAP service URLs, e.g. `http://127.0.0.1:4010`. */
  advertisedBaseUrl(): string;
  /** Attach details to the current request's log entry. */
  note(detail: Record<string, unknown>): void;
  now(): number;
}
