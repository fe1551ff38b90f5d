import { randomBytes, randomUUID } from 'node:crypto';
import type { SimUser } from '../data/model.js';
import type { SimAuthCheck, SimToken, SimTokenResolver } from '../types.js';
import { hashToken, parseBearer } from './bearer.js';

/** Lifetime of authorization codes (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const AUTH_CODE_TTL_MS = 60_000;
/** Lifetime of refresh tokens. */
export const REFRESH_TOKEN_TTL_MS = 24 * 60 * 60_000;
/** Entries kept before expired ones are swept. */
const SWEEP_ABOVE_ENTRIES = 50_000;
/** How long an expired or revoked access token is still recognised as such (then: unknown). */
const TOMBSTONE_MS = 60 * 60_000;

interface AccessRecord {
  token: SimToken;
  revoked: boolean;
}

interface RefreshRecord {
  user: SimUser;
  clientId: string;
  expiresAtMs: number;
  /** Set once rotated or revoked; the token is then refused. */
  spent: boolean;
}

/** An authorization code as `oauth/authorize` issued it. */
export interface AuthCodeRecord {
  user: SimUser;
  clientId: string;
  redirectUri: string;
  /** PKCE S256 challenge; null when the client sent none. */
  codeChallenge: string | null;
  expiresAtMs: number;
  used: boolean;
  /** Access tokens issued for this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  issued: string[];
}

/** What a successful grant produces. */
export interface IssuedTokens {
  access: SimToken;
  refreshToken?: string;
}

/**
 * The Authentication API's token state: opaque UUID v4 access tokens with an expiry and
 * revocation, rotating refresh tokens, and one-time authorization codes bound to client,
 * redirect URI and PKCE challenge. Implements `SimTokenResolver` for every simulated service.
 */
export class TokenStore implements SimTokenResolver {
  readonly #access = new Map<string, AccessRecord>();
  readonly #refresh = new Map<string, RefreshRecord>();
  readonly #codes = new Map<string, AuthCodeRecord>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { tokenTtlSec: number; now: () => number }) {
    this.#ttlMs = options.tokenTtlSec * 1000;
    this.#now = options.now;
  }

  /** Checks an `Authorization` header value. */
  check(authorization: string | undefined): SimAuthCheck {
    const raw = parseBearer(authorization);
    if (raw === 'missing' || raw === 'malformed') return { ok: false, reason: raw };
    const record = this.#access.get(raw);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.revoked) return { ok: false, reason: 'revoked' };
    if (this.#now() >= record.token.expiresAtMs) return { ok: false, reason: 'expired' };
    return { ok: true, token: record.token };
  }

  /** Issues an access token (and a refresh token when `withRefresh`). */
  issue(user: SimUser | null, clientId: string, withRefresh: boolean): IssuedTokens {
    this.#sweep();
    const now = this.#now();
    const value = randomUUID();
    const access: SimToken = {
      token: value,
      user,
      clientId,
      issuedAtMs: now,
      expiresAtMs: now + this.#ttlMs,
      tokenHash: hashToken(value),
    };
    this.#access.set(value, { token: access, revoked: false });
    if (!withRefresh || !user) return { access };
    const refreshToken = randomUUID();
    this.#refresh.set(refreshToken, {
      user,
      clientId,
      expiresAtMs: now + REFRESH_TOKEN_TTL_MS,
      spent: false,
    });
    return { access, refreshToken };
  }

  /**
   * Spends a refresh token and issues a new pair (rotation). Null when the token is unknown,
   * expired, already spent, or belongs to another client.
   */
  rotate(refreshToken: string, clientId: string): IssuedTokens | null {
    const record = this.#refresh.get(refreshToken);
    if (
      !record ||
      record.spent ||
      record.clientId !== clientId ||
      this.#now() >= record.expiresAtMs
    )
      return null;
    record.spent = true;
    return this.issue(record.user, clientId, true);
  }

  /** Revokes one access token; false when unknown. */
  revoke(token: string): boolean {
    const record = this.#access.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /** Revokes every access and refresh token of a user (global sign-out). Returns how many. */
  revokeUser(dbid: number): number {
    let n = 0;
    for (const record of this.#access.values()) {
      if (record.token.user?.dbid === dbid && !record.revoked) {
        record.revoked = true;
        n++;
      }
    }
    for (const record of this.#refresh.values()) if (record.user.dbid === dbid) record.spent = true;
    return n;
  }

  /** Creates a one-time authorization code (base64url, 256 bits). */
  createCode(input: Omit<AuthCodeRecord, 'expiresAtMs' | 'used' | 'issued'>): string {
    this.#sweep();
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, {
      ...input,
      expiresAtMs: this.#now() + AUTH_CODE_TTL_MS,
      used: false,
      issued: [],
    });
    return code;
  }

  /**
   * Looks a code up and marks it used. A replayed code revokes what it issued before and
   * answers `replayed`.
   */
  redeemCode(code: string): AuthCodeRecord | 'unknown' | 'expired' | 'replayed' {
    const record = this.#codes.get(code);
    if (!record) return 'unknown';
    if (record.used) {
      for (const token of record.issued) this.revoke(token);
      return 'replayed';
    }
    record.used = true;
    if (this.#now() >= record.expiresAtMs) return 'expired';
    return record;
  }

  #sweep(): void {
    const now = this.#now();
    if (this.#access.size > SWEEP_ABOVE_ENTRIES) {
      for (const [k, r] of this.#access)
        if (now - r.token.expiresAtMs > TOMBSTONE_MS) this.#access.delete(k);
    }
    if (this.#refresh.size > SWEEP_ABOVE_ENTRIES) {
      for (const [k, r] of this.#refresh)
        if (r.spent || now >= r.expiresAtMs) this.#refresh.delete(k);
    }
    if (this.#codes.size > SWEEP_ABOVE_ENTRIES) {
      for (const [k, r] of this.#codes)
        if (now - r.expiresAtMs > TOMBSTONE_MS) this.#codes.delete(k);
    }
  }
}
