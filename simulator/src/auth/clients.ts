import type { IncomingHttpHeaders } from 'node:http';
import type { SimOAuthClient, SimWorld } from '../data/model.js';
import { samePassword } from './UserDirectory.js';

/** Outcome of client authentication on `oauth/token`. */
export type ClientAuth = { ok: true; client: SimOAuthClient } | { ok: false; description: string };

/**
 * Authenticates the OAuth client: HTTP Basic `client_id:client_secret` (RFC 6749 §2.3.1, what
 * the Genesys client libraries send), or `client_id` + `client_secret` form fields as fallback.
 */
export function authenticateClient(
  world: SimWorld,
  headers: IncomingHttpHeaders,
  form: URLSearchParams,
): ClientAuth {
  let id: string | null = null;
  let secret: string | null = null;
  const header = headers.authorization;
  if (header !== undefined) {
    const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!match) return { ok: false, description: 'Client authentication must use HTTP Basic' };
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, description: 'Malformed Basic credentials' };
    id = safeDecode(decoded.slice(0, colon));
    secret = safeDecode(decoded.slice(colon + 1));
  } else {
    id = form.get('client_id');
    secret = form.get('client_secret');
  }
  if (!id || secret === null) return { ok: false, description: 'Client authentication required' };
  const client = world.clients.find((c) => c.clientId === id);
  if (!client || !samePassword(client.clientSecret, secret))
    return { ok: false, description: 'Bad client credentials' };
  const formClientId = form.get('client_id');
  if (formClientId !== null && formClientId !== client.clientId) {
    return { ok: false, description: 'client_id does not match the authenticated client' };
  }
  return { ok: true, client };
}

/** The client registered under `clientId`, if any. */
export function findClient(world: SimWorld, clientId: string | null): SimOAuthClient | null {
  return (clientId && world.clients.find((c) => c.clientId === clientId)) || null;
}

/**
 * Whether `uri` is a registered redirect URI of `client`: an exact match, or a pattern ending in
 * `*` such as `http://127.0.0.1:*` (that scheme and host, any port and path). Never with user
 * info or a fragment (RFC 6749 §3.1.2).
 */
export function redirectUriAllowed(client: SimOAuthClient, uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash || uri.includes('#')) return false;
  return client.redirectUris.some((pattern) => {
    if (!pattern.endsWith('*')) return pattern === uri;
    const prefix = pattern.slice(0, -1);
    return `${url.protocol}//${url.hostname}:` === prefix && uri.startsWith(prefix.slice(0, -1));
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
