/** Shortest credential tracked; shorter strings would redact ordinary words. Characters. */
export const MIN_SECRET_LENGTH = 12;

/**
 * The credentials of the requests in flight (raw Bearer tokens, Basic credentials), so the log
 * redactor can remove them wherever they appear — inside a message string, an error's text, a
 * field it does not know about — not only where a pattern like `Bearer …` gives them away.
 *
 * Holds each credential only while a request that carries it runs (reference counted), and at
 * most `maxEntries` of them (further ones are not tracked: the pattern rules still apply).
 */
export class KnownSecrets {
  readonly #counts = new Map<string, number>();
  readonly #maxEntries: number;

  /** @param maxEntries most distinct credentials tracked at once (count); default 10,000. */
  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  /**
   * Tracks the credential of an `Authorization` header value (the part after the scheme, or the
   * whole value without one) until the returned function is called (idempotent).
   */
  trackAuthorization(header: string | readonly string[] | undefined): () => void {
    if (typeof header !== 'string') return noop;
    const trimmed = header.trim();
    const space = trimmed.indexOf(' ');
    return this.track(space > 0 ? trimmed.slice(space + 1).trim() : trimmed);
  }

  /** Tracks one secret until the returned function is called (idempotent). */
  track(secret: string): () => void {
    if (secret.length < MIN_SECRET_LENGTH) return noop;
    const count = this.#counts.get(secret);
    if (count === undefined && this.#counts.size >= this.#maxEntries) return noop;
    this.#counts.set(secret, (count ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#counts.get(secret) ?? 1) - 1;
      if (left <= 0) this.#counts.delete(secret);
      else this.#counts.set(secret, left);
    };
  }

  /** How many distinct secrets are tracked now (tests, R10). */
  get size(): number {
    return this.#counts.size;
  }

  /** The tracked secrets (for the redactor only). */
  values(): IterableIterator<string> {
    return this.#counts.keys();
  }
}

function noop(): void {}
