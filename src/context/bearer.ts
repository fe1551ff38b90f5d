/** Outcome of reading `Authorization: Bearer <token>`. */
export type BearerResult =
  { ok: true; token: string } | { ok: false; reason: 'missing' | 'malformed' };

/** Longest token accepted; longer headers are refused unread (a token is never that long). */
export const MAX_TOKEN_LENGTH = 4096;

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token, b64token = 1*( ALPHA / DIGIT / "-" / "." /
// "_" / "~" / "+" / "/" ) *"=". The scheme is case-insensitive (RFC 9110 §11.1); Genesys docs
// themselves write `bearer` (genesys-facts §1.1).
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Extracts the Bearer token from an Authorization header value. Missing (or blank) and malformed
 * (another scheme, bad characters, two tokens, too long) are told apart so the 401 can say which.
 */
export function extractBearerToken(header: string | readonly string[] | undefined): BearerResult {
  if (header === undefined) return { ok: false, reason: 'missing' };
  if (typeof header !== 'string') return { ok: false, reason: 'malformed' };
  if (header.trim() === '') return { ok: false, reason: 'missing' };
  if (header.length > MAX_TOKEN_LENGTH + 16) return { ok: false, reason: 'malformed' };
  const match = BEARER.exec(header.trim());
  const token = match?.[1];
  return token ? { ok: true, token } : { ok: false, reason: 'malformed' };
}
