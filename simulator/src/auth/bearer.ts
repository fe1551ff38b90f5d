import { createHash } from 'node:crypto';

/** Short stable hash of a token (sha256, first 16 hex digits); what logs and stamps show. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/**
 * Extracts the token of an `Authorization: Bearer <token>` header (scheme case-insensitive, as
 * Genesys documents it in lower case). `missing` when there is no header, `malformed` when it is
 * not a Bearer credential.
 */
export function parseBearer(authorization: string | undefined): string | 'missing' | 'malformed' {
  if (authorization === undefined || authorization.trim() === '') return 'missing';
  const match = /^\s*bearer\s+([^\s]+)\s*$/i.exec(authorization);
  return match ? match[1]! : 'malformed';
}
