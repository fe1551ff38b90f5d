import { describe, expect, it, vi } from 'vitest';
import { TokenCheckCache } from '../../../src/cache/TokenCheckCache.js';
import { createTokenHasher } from '../../../src/cache/tokenHash.js';
import { createAuthenticator } from '../../../src/context/authenticate.js';
import { GatewayError } from '../../../src/errors/GatewayError.js';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import type { AuthApi, CloudUserDetails } from '../../../src/types/AuthApi.js';

const SAM: CloudUserDetails = {
  username: 'demo\\sam.supervisor',
  authorities: [{ name: 'supervisor', privileges: ['x'] }],
};

function harness(userInfo: AuthApi['userInfo'], ttlMs = 30_000) {
  const auth = { userInfo: vi.fn(userInfo) } as unknown as AuthApi & {
    userInfo: ReturnType<typeof vi.fn>;
  };
  const hasher = createTokenHasher('s'.repeat(32));
  const tokenChecks = new TokenCheckCache<CloudUserDetails>({ maxEntries: 100, ttlMs });
  return {
    auth,
    hasher,
    tokenChecks,
    authenticate: createAuthenticator({ auth, hasher, tokenChecks }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createAuthenticator', () => {
  it('checks the token once through /userinfo and remembers the success under its HMAC', async () => {
    const h = harness(async () => SAM);
    const first = await h.authenticate({ authorization: 'Bearer tok-1', requestId: 'r1' });
    expect(first.user).toEqual(SAM);
    expect(first.call).toMatchObject({
      token: 'tok-1',
      tokenHash: h.hasher('tok-1'),
      requestId: 'r1',
    });
    expect(first.call.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    await h.authenticate({ authorization: 'Bearer tok-1' });
    expect(h.auth.userInfo).toHaveBeenCalledTimes(1);
    expect(h.tokenChecks.size).toBe(1);
  });

  it('refuses a missing or malformed header without calling upstream', async () => {
    const h = harness(async () => SAM);
    for (const authorization of [undefined, 'Basic abc', 'Bearer a b']) {
      const error = await rejection(h.authenticate({ authorization }));
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('UNAUTHENTICATED');
    }
    expect(h.auth.userInfo).not.toHaveBeenCalled();
  });

  it('turns a refused token into UNAUTHENTICATED and never caches the failure', async () => {
    const h = harness(async () => {
      throw new UpstreamError('UNAUTHENTICATED', 'auth userinfo answered HTTP 401', {
        service: 'auth',
        operation: 'userinfo',
        status: 401,
      });
    });
    for (let i = 0; i < 2; i++) {
      const error = await rejection(h.authenticate({ authorization: 'Bearer bad' }));
      expect((error as GatewayError).code).toBe('UNAUTHENTICATED');
      expect((error as GatewayError).message).not.toContain('bad');
    }
    expect(h.auth.userInfo).toHaveBeenCalledTimes(2);
    expect(h.tokenChecks.size).toBe(0);
  });

  it('passes other upstream failures through (rate limit, outage)', async () => {
    const limited = new UpstreamError('RATE_LIMITED', 'x', {
      service: 'auth',
      operation: 'userinfo',
      status: 429,
      retryAfterSec: 7,
    });
    const h = harness(async () => {
      throw limited;
    });
    expect(await rejection(h.authenticate({ authorization: 'Bearer t' }))).toBe(limited);
  });

  it('coalesces concurrent checks of one token', async () => {
    let release!: (value: CloudUserDetails) => void;
    const h = harness(() => new Promise((resolve) => (release = resolve)));
    const both = Promise.all([
      h.authenticate({ authorization: 'Bearer t' }),
      h.authenticate({ authorization: 'Bearer t' }),
    ]);
    await new Promise((r) => setImmediate(r));
    release(SAM);
    expect((await both).map((a) => a.user)).toEqual([SAM, SAM]);
    expect(h.auth.userInfo).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when the caller goes away, leaving the shared check to others', async () => {
    let release!: (value: CloudUserDetails) => void;
    const h = harness(() => new Promise((resolve) => (release = resolve)));
    const controller = new AbortController();
    const leaving = h.authenticate({ authorization: 'Bearer t', signal: controller.signal });
    const staying = h.authenticate({ authorization: 'Bearer t' });
    controller.abort(new DOMException('gone', 'AbortError'));
    const error = await rejection(leaving);
    expect(error).toBeInstanceOf(UpstreamError);
    release(SAM);
    expect((await staying).user).toEqual(SAM);
  });

  it('with ttl 0 checks every time', async () => {
    const h = harness(async () => SAM, 0);
    await h.authenticate({ authorization: 'Bearer t' });
    await h.authenticate({ authorization: 'Bearer t' });
    expect(h.auth.userInfo).toHaveBeenCalledTimes(2);
  });
});

describe('TokenCheckCache', () => {
  it('expires entries after the ttl (injected clock) and stays bounded', async () => {
    let now = 1_000;
    const cache = new TokenCheckCache<{ v: number }>({ maxEntries: 2, ttlMs: 100, now: () => now });
    const check = vi.fn(async () => ({ v: 1 }));
    await cache.getOrCheck('a', check);
    await cache.getOrCheck('a', check);
    expect(check).toHaveBeenCalledTimes(1);
    now += 101;
    await cache.getOrCheck('a', check);
    expect(check).toHaveBeenCalledTimes(2);
    await cache.getOrCheck('b', check);
    await cache.getOrCheck('c', check);
    expect(cache.size).toBe(2);
    cache.delete('c');
    expect(cache.size).toBe(1);
  });

  it('refuses unbounded or negative settings', () => {
    expect(() => new TokenCheckCache({ maxEntries: 0, ttlMs: 1 })).toThrow(RangeError);
    expect(() => new TokenCheckCache({ maxEntries: 1, ttlMs: -1 })).toThrow(RangeError);
  });
});

describe('createTokenHasher', () => {
  it('is an HMAC: stable per secret, different across secrets, never the token', () => {
    const a = createTokenHasher('a'.repeat(32));
    const b = createTokenHasher('b'.repeat(32));
    expect(a('tok')).toBe(a('tok'));
    expect(a('tok')).not.toBe(b('tok'));
    expect(a('tok')).not.toContain('tok');
    expect(a('tok')).toMatch(/^[0-9a-f]{64}$/);
  });
});
