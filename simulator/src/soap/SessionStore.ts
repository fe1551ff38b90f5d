import { randomBytes } from 'node:crypto';

/** A WFM SOAP session opened by OpenSession, bound to the token that opened it. */
export interface SimSoapSession {
  /** Opaque id carried as the `SessionID` query parameter of the session's service URLs. */
  readonly id: string;
  /** `SimToken.tokenHash` of the token that opened it; other tokens cannot use it. */
  readonly tokenHash: string;
  /** WFM user id (`SimUser.dbid`) the session was opened for. */
  readonly userDbid: number;
  lastUsedMs: number;
}

export interface SessionStoreOptions {
  /** Most sessions kept; the least recently used is dropped beyond it. Default 10,000. */
  maxSessions?: number;
  /** A session unused this long is gone (INVALID_SESSION). Default 30 minutes. */
  idleTtlMs?: number;
}

/**
 * The simulator's WFM SOAP sessions: bounded, idle-expiring, each usable only with the token that
 * opened it (what a cloud WFM server checks against the Bearer token of every call).
 */
export class SessionStore {
  readonly #sessions = new Map<string, SimSoapSession>();
  readonly #maxSessions: number;
  readonly #idleTtlMs: number;

  constructor(options: SessionStoreOptions = {}) {
    this.#maxSessions = options.maxSessions ?? 10_000;
    this.#idleTtlMs = options.idleTtlMs ?? 30 * 60_000;
  }

  /** Opens a new session for the token and user. */
  open(tokenHash: string, userDbid: number, nowMs: number): SimSoapSession {
    const session: SimSoapSession = {
      id: randomBytes(18).toString('base64url'),
      tokenHash,
      userDbid,
      lastUsedMs: nowMs,
    };
    if (this.#sessions.size >= this.#maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (!oldest.done) this.#sessions.delete(oldest.value);
    }
    this.#sessions.set(session.id, session);
    return session;
  }

  /**
   * The live session `id` when it belongs to `tokenHash` (and refreshes its idle timer); null when
   * unknown, expired, closed or opened by another token.
   */
  use(id: string | null, tokenHash: string, nowMs: number): SimSoapSession | null {
    if (id === null) return null;
    const session = this.#sessions.get(id);
    if (session === undefined) return null;
    if (nowMs - session.lastUsedMs > this.#idleTtlMs) {
      this.#sessions.delete(id);
      return null;
    }
    if (session.tokenHash !== tokenHash) return null;
    session.lastUsedMs = nowMs;
    // Re-insert to keep Map order = least recently used first.
    this.#sessions.delete(id);
    this.#sessions.set(id, session);
    return session;
  }

  /** Ends a session (CloseSession). */
  close(id: string): void {
    this.#sessions.delete(id);
  }

  /** Ends every session (tests: force INVALID_SESSION). */
  clear(): void {
    this.#sessions.clear();
  }

  get size(): number {
    return this.#sessions.size;
  }
}
