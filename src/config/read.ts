import { ConfigError } from './ConfigError.js';

/** Raw variables after merging `.env` under the environment. Empty strings count as unset. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

/** Typed readers over a {@link RawEnv}; each throws {@link ConfigError} naming the variable. */
export class EnvReader {
  constructor(private readonly env: RawEnv) {}

  /** The trimmed value, or undefined when unset or blank. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const rule = `must be a whole number from ${min} to ${max}`;
    if (!/^\d+$/.test(value)) throw new ConfigError(name, rule, show(value));
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new ConfigError(name, rule, show(value));
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a === value.toLowerCase());
    if (found === undefined)
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}`, show(value));
    return found;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw new ConfigError(name, 'must be true, false, 1 or 0', show(value));
  }

  /** A header-safe secret (visible ASCII, no spaces); its value is never echoed. */
  secret(name: string, minLength = 1): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value.length < minLength || !/^[\x21-\x7e]+$/.test(value)) {
      throw new ConfigError(
        name,
        `must be at least ${minLength} visible ASCII characters without spaces`,
        `a value of ${value.length} characters (not shown)`,
      );
    }
    return value;
  }

  /**
   * An absolute http(s) URL without credentials, trailing slashes removed. `pathSuffix`, when
   * given, must end the path (CONTRACT §3: `/auth/v3`, `/wfm/api/v3`).
   */
  url(name: string, options: { pathSuffix?: string; allowQuery: boolean }): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(
        name,
        'must be an absolute http:// or https:// URL',
        show(redactUrl(value)),
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(
        name,
        'must be an absolute http:// or https:// URL',
        show(redactUrl(value)),
      );
    }
    if (url.username !== '' || url.password !== '') {
      throw new ConfigError(
        name,
        'must not contain credentials (the caller token is the only credential)',
        show(redactUrl(value)),
      );
    }
    if (url.hash !== '' || (!options.allowQuery && url.search !== '')) {
      throw new ConfigError(
        name,
        options.allowQuery
          ? 'must not contain a #fragment'
          : 'must not contain a ?query or #fragment',
        show(value),
      );
    }
    const path = url.pathname.replace(/\/+$/, '');
    if (options.pathSuffix !== undefined && !path.endsWith(options.pathSuffix)) {
      throw new ConfigError(
        name,
        `must be a base URL whose path ends in ${options.pathSuffix}`,
        show(value),
      );
    }
    return options.allowQuery ? url.toString() : `${url.origin}${path}`;
  }

  /** Comma-separated browser origins (`scheme://host[:port]`) or `*`. */
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
        throw new ConfigError(
          name,
          'must be a comma-separated list of origins like https://app.example.com, or *',
          show(item),
        );
      }
    }
    return items.map((s) => s.replace(/\/$/, ''));
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
