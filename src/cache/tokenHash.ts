import { createHmac } from 'node:crypto';

/** Maps a raw Bearer token to the hex HMAC that stands for it in cache keys and logs. */
export type TokenHasher = (token: string) => string;

/**
 * HMAC-SHA256 of the token under `secret` (CONTRACT §6): stable for the process (or across
 * processes sharing TOKEN_HASH_SECRET), useless to anyone without the secret.
 */
export function createTokenHasher(secret: string): TokenHasher {
  if (secret.length === 0)
    throw new TypeError('createTokenHasher: secret must be a non-empty string');
  return (token) => createHmac('sha256', secret).update(token, 'utf8').digest('hex');
}
