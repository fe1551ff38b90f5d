import { ConfigError, ConfigErrors } from './ConfigError.js';

/** Raw variables after merging `.env` under the environment. Empty strings count as unset. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

/**
 * Longest duration a `*_MS` variable may take unless its own rule says otherwise: ten minutes
 * (no deadline, delay or window of the gateway is meant to be longer).
 */
export const MAX_MS = 600_000;

/**
 * Typed readers over a {@link RawEnv}, the one way the gateway reads a variable. A bad value does
 * not throw: it is recorded as a {@link ConfigError} naming the variable, and the reader returns
 * the default so reading goes on; {@link EnvReader.throwIfInvalid} then throws every problem at
 * once. The reader also remembers every name it was asked for: that is the list of variables the
 * gateway knows (for the unknown-variable warning).
 */
export class EnvReader {
  readonly #env: RawEnv;
  readonly #asked = new Set<string>();
  readonly #problems: ConfigError[] = [];

  constructor(env: RawEnv) {
    this.#env = env;
  }

  /** Every variable name asked for so far. */
  get asked(): ReadonlySet<string> {
    return this.#asked;
  }

  /** Every problem recorded so far, in the order found. */
  get problems(): readonly ConfigError[] {
    return this.#problems;
  }

  /** Records a problem found outside the typed readers (a rule across variables, a file). */
  report(error: ConfigError): void {
    this.#problems.push(error);
  }

  /** True when no problem was recorded for any of `names` (cross-variable rules check this first). */
  valid(...names: string[]): boolean {
    return !this.#problems.some((p) => names.includes(p.variable));
  }

  /** Throws {@link ConfigErrors} listing every problem recorded, if there is any. */
  throwIfInvalid(): void {
    if (this.#problems.length > 0) throw new ConfigErrors(this.#problems);
  }

  /** The trimmed value, or undefined when unset or blank. */
  raw(name: string): string | undefined {
    this.#asked.add(name);
    const value = this.#env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** A whole number in [min, max] (plain digits), or `fallback` when unset. */
  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      return this.#fail(
        fallback,
        name,
        `must be a whole number from ${min} to ${max}`,
        show(value),
      );
    return n;
  }

  /** One of `allowed` (case-insensitive), or `fallback` when unset. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a === value.toLowerCase());
    if (found === undefined)
      return this.#fail(fallback, name, `must be one of ${allowed.join(', ')}`, show(value));
    return found;
  }

  /** `true`/`1` or `false`/`0` (case-insensitive), or `fallback` when unset. */
  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return this.#fail(fallback, name, 'must be true, false, 1 or 0', show(value));
  }

  /** A header-safe secret (visible ASCII, no spaces); its value is never echoed. */
  secret(name: string, minLength = 1): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value.length < minLength || !/^[\x21-\x7e]+$/.test(value)) {
      return this.#fail(
        undefined,
        name,
        `must be at least ${minLength} visible ASCII characters without spaces`,
        `a value of ${value.length} characters (not shown)`,
      );
    }
    return value;
  }

  /**
   * An absolute http(s) URL without credentials, trailing slashes removed. `pathSuffix`, when
   * given, must end the path (`/auth/v3`, `/wfm/api/v3`).
   */
  url(name: string, options: { pathSuffix?: string; allowQuery: boolean }): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const fail = (rule: string, shown = show(redactUrl(value))) =>
      this.#fail(undefined, name, rule, shown);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail('must be an absolute http:// or https:// URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return fail('must be an absolute http:// or https:// URL');
    if (url.username !== '' || url.password !== '')
      return fail('must not contain credentials (the caller token is the only credential)');
    if (url.hash !== '' || (!options.allowQuery && url.search !== '')) {
      return fail(
        options.allowQuery
          ? 'must not contain a #fragment'
          : 'must not contain a ?query or #fragment',
        show(value),
      );
    }
    const path = url.pathname.replace(/\/+$/, '');
    if (options.pathSuffix !== undefined && !path.endsWith(options.pathSuffix))
      return fail(`must be a base URL whose path ends in ${options.pathSuffix}`, show(value));
    return options.allowQuery ? url.toString() : `${url.origin}${path}`;
  }

  /** Comma-separated browser origins (`scheme://host[:port]`) or `*`; none when unset. */
  origins(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const item of items) {
      if (item === '*') continue;
      let origin: string | undefined;
      try {
        origin = new URL(item).origin;
      } catch {
        origin = undefined;
      }
      if (origin !== item.replace(/\/$/, '') || !/^https?:/.test(item)) {
        return this.#fail(
          [],
          name,
          'must be a comma-separated list of origins like https://app.example.com, or *',
          show(item),
        );
      }
    }
    return items.map((s) => s.replace(/\/$/, ''));
  }

  /** Records the problem and hands back `fallback`, so reading goes on. */
  #fail<T>(fallback: T, name: string, rule: string, received?: string): T {
    this.#problems.push(new ConfigError(name, rule, received));
    return fallback;
  }
}

/** Quotes a received value for a message, shortened so a pasted blob cannot flood the log. */
export function show(value: string): string {
  const clipped = value.length > 120 ? `${value.slice(0, 117)}...` : value;
  return JSON.stringify(clipped);
}

/** Replaces `user:password@` in anything URL-like. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, '//***@');
}
