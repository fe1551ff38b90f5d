import { ResponseCache } from '../../src/cache/ResponseCache.js';

/** The one token hash every caller is filed under (any hex HMAC shape passes the cache's check). */
const EVERYONE = '0'.repeat(64);

/**
 * NEGATIVE CONTROL, built from the test side: a `ResponseCache` whose keys leave the caller's
 * token hash out, so one caller's answer is served to another. Isolation tests build the gateway
 * with it (`responseCache: (options) => new SharedKeyResponseCache(options)`) to prove that they
 * catch a broken key; production code has no such switch.
 */
export class SharedKeyResponseCache extends ResponseCache {
  override fetch<T>(
    kind: string,
    _tokenHash: string,
    key: string,
    load: (signal: AbortSignal) => Promise<T>,
    options?: Parameters<ResponseCache['fetch']>[4],
  ): Promise<T> {
    return super.fetch(kind, EVERYONE, key, load, options);
  }
}
