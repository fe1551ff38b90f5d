import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-gateway-debug, x-csrf-token';

/** Who may call the gateway from a browser page of another origin. */
export interface CorsPolicy {
  /** CORS_ORIGINS: exact origins (`scheme://host[:port]`), or `*`. */
  readonly origins: readonly string[];
  /**
   * CORS_ALLOW_LOOPBACK (default on in demo mode): any `http://localhost:<port>`,
   * `http://127.0.0.1:<port>` or `http://[::1]:<port>` origin, so a frontend dev server (Vite on
   * 5173, …) can call a local gateway without configuration.
   */
  readonly loopback: boolean;
}

/** An origin served from this machine over plain http (a dev server), any port. */
export function isLoopbackOrigin(origin: string): boolean {
  return /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/.test(origin);
}

/**
 * CORS for the configured origins only (none by default outside demo mode, unlike Apollo's `*`).
 * An unlisted origin is never echoed. A listed origin (not `*`) may send credentials, so a page
 * on it can use the gateway's session cookie (`/auth/login`). Returns true when it answered a
 * preflight itself.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  const exact = typeof origin === 'string' && policy.origins.includes(origin);
  const loopback = typeof origin === 'string' && policy.loopback && isLoopbackOrigin(origin);
  const wildcard = policy.origins.includes('*');
  const allowed = exact || loopback || (typeof origin === 'string' && wildcard);
  if (policy.origins.length > 0 || policy.loopback) res.setHeader('vary', 'Origin');
  if (allowed) {
    if (exact || loopback) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
    } else res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after, www-authenticate');
  }
  if ((req.method ?? '').toUpperCase() !== 'OPTIONS') return false;
  // Preflight (or a stray OPTIONS): answered here, never passed on.
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.statusCode = 204;
  res.end();
  return true;
}
