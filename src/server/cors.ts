import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-gateway-debug';

/**
 * CORS for the configured origins only (CORS_ORIGINS; none by default, unlike Apollo's `*`).
 * An unlisted origin is never echoed. Returns true when it answered a preflight itself.
 */
export function handleCors(
  req: IncomingMessage,
  res: ServerResponse,
  origins: readonly string[],
): boolean {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && (origins.includes('*') || origins.includes(origin));
  if (origins.length > 0) res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origins.includes('*') ? '*' : origin);
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
