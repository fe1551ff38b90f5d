import { sha256 } from './sha256.js';

/** A PKCE pair (RFC 7636): the secret verifier and its S256 challenge. */
export interface Pkce {
  verifier: string;
  challenge: string;
}

/** `bytes` random bytes as base64url without padding (unreserved characters only). */
export function randomToken(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * A fresh verifier (64 characters from 48 random bytes) and `BASE64URL(SHA-256(verifier))`.
 * Uses WebCrypto where the page is a secure context (https, localhost, 127.0.0.1) and a small
 * SHA-256 of our own elsewhere (a plain-http gateway on a LAN host has no `crypto.subtle`).
 */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomToken(48);
  const ascii = new TextEncoder().encode(verifier);
  const digest = crypto.subtle
    ? new Uint8Array(await crypto.subtle.digest('SHA-256', ascii))
    : sha256(ascii);
  return { verifier, challenge: base64Url(digest) };
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
