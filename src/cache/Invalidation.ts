import { LRUCache } from 'lru-cache';
import type { TokenHasher } from './tokenHash.js';

/**
 * What a cache (or anything holding per-token state: token checks, SOAP sessions, whole answers)
 * registers with {@link Invalidation}. Each method must be synchronous, cheap and never throw
 * for an unknown key; dropping is always safe, keeping is not.
 */
export interface InvalidationListener {
  /** Forget everything held for this token hash (the hex HMAC, never a token). */
  dropToken?(tokenHash: string): void;
  /** Forget every answer that read data with one of these tags (a write made it stale). */
  dropTags?(tags: readonly string[]): void;
}

/** One invalidation, as published to observers (e.g. the Redis tier, to other replicas). */
export type InvalidationEvent =
  | { readonly type: 'token'; readonly tokenHash: string }
  | { readonly type: 'user'; readonly userKey: string }
  | { readonly type: 'tags'; readonly tags: readonly string[] };

export interface InvalidationOptions {
  /**
   * Most tokens remembered for `dropUser` (count, ≥ 1). A token pushed out of this index is
   * dropped from every listener at the same moment, so `dropUser` can never miss a token that
   * still has something cached.
   */
  maxTokens: number;
  /**
   * Told when `noteToken` records a token this process did not know yet (e.g. the Redis tier
   * keeps a user → tokens set, so `dropUser` on any replica reaches tokens only others have
   * seen). Synchronous and must not throw. Default: nobody.
   */
  onNewToken?: (userKey: string, tokenHash: string) => void;
}

/**
 * The one place invalidations go through. Caches register a listener; sign-out, password change
 * and writes call `dropToken`, `dropUser` or `dropTags`; observers (the Redis tier) see each local
 * event to publish it, and hand events from other replicas to `receive`, which applies them
 * without publishing them again.
 *
 * `dropUser` reaches every token of the user that this process has seen: the token check
 * (`noteToken`, called by the authenticator) records which user a token belongs to.
 */
export class Invalidation {
  readonly #listeners = new Set<InvalidationListener>();
  readonly #observers = new Set<(event: InvalidationEvent) => void>();
  /** tokenHash → userKey, bounded; `#tokensByUser` is kept in step by `dispose`. */
  readonly #userOfToken: LRUCache<string, string>;
  readonly #tokensByUser = new Map<string, Set<string>>();
  readonly #onNewToken: ((userKey: string, tokenHash: string) => void) | undefined;

  constructor(options: InvalidationOptions) {
    this.#onNewToken = options.onNewToken;
    const { maxTokens } = options;
    if (!Number.isSafeInteger(maxTokens) || maxTokens < 1)
      throw new TypeError(`Invalidation: maxTokens must be a positive integer, got ${maxTokens}`);
    this.#userOfToken = new LRUCache<string, string>({
      max: maxTokens,
      dispose: (userKey, tokenHash, reason) => {
        const tokens = this.#tokensByUser.get(userKey);
        tokens?.delete(tokenHash);
        if (tokens?.size === 0) this.#tokensByUser.delete(userKey);
        // Out of the index means out of every cache: a later dropUser could not find it.
        if (reason === 'evict') this.#dropTokenLocally(tokenHash);
      },
    });
  }

  /** Adds a listener; returns the function that removes it again. */
  register(listener: InvalidationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Adds an observer of local events (to publish them); returns the function that removes it. */
  observe(observer: (event: InvalidationEvent) => void): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Records that `tokenHash` belongs to `userKey` (after a successful token check). */
  noteToken(userKey: string, tokenHash: string): void {
    if (this.#userOfToken.get(tokenHash) === userKey) return;
    this.#userOfToken.set(tokenHash, userKey);
    let tokens = this.#tokensByUser.get(userKey);
    if (!tokens) {
      tokens = new Set();
      this.#tokensByUser.set(userKey, tokens);
    }
    tokens.add(tokenHash);
    this.#onNewToken?.(userKey, tokenHash);
  }

  /** Drops everything held for one token (sign-out of this session). */
  dropToken(tokenHash: string): void {
    this.#apply({ type: 'token', tokenHash });
    this.#publish({ type: 'token', tokenHash });
  }

  /** Drops everything held for every token of the user (global sign-out, password change). */
  dropUser(userKey: string): void {
    this.#apply({ type: 'user', userKey });
    this.#publish({ type: 'user', userKey });
  }

  /** Drops every answer that read data with one of the tags (a write). */
  dropTags(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.#apply({ type: 'tags', tags });
    this.#publish({ type: 'tags', tags });
  }

  /** Applies an event that another replica published, without publishing it again. */
  receive(event: InvalidationEvent): void {
    this.#apply(event);
  }

  /** Tokens and users in the index now (tests, metrics). */
  stats(): { tokens: number; users: number } {
    return { tokens: this.#userOfToken.size, users: this.#tokensByUser.size };
  }

  #apply(event: InvalidationEvent): void {
    if (event.type === 'token') {
      this.#dropTokenLocally(event.tokenHash);
      this.#userOfToken.delete(event.tokenHash);
    } else if (event.type === 'user') {
      // Copy: each delete edits the set through `dispose`.
      for (const tokenHash of [...(this.#tokensByUser.get(event.userKey) ?? [])]) {
        this.#dropTokenLocally(tokenHash);
        this.#userOfToken.delete(tokenHash);
      }
      this.#tokensByUser.delete(event.userKey);
    } else {
      for (const listener of this.#listeners) listener.dropTags?.(event.tags);
    }
  }

  #dropTokenLocally(tokenHash: string): void {
    for (const listener of this.#listeners) listener.dropToken?.(tokenHash);
  }

  #publish(event: InvalidationEvent): void {
    for (const observer of this.#observers) observer(event);
  }
}

/** The identity fields of a checked token that name its user. */
export interface UserIdentity {
  readonly username: string;
  readonly contactCenterId?: string;
}

/**
 * The key that stands for a user in `dropUser`: an HMAC (the token hasher's secret) of the
 * contact center and user name, so no readable name travels in events or sits in an index.
 */
export function userKeyOf(hasher: TokenHasher, user: UserIdentity): string {
  return hasher(`user\u0000${user.contactCenterId ?? ''}\u0000${user.username}`);
}
