import { describe, expect, it } from 'vitest';
import { configError, load } from './configSupport.js';

const SECRET = 'a-secret-shared-by-every-replica-0123456789';

describe('REDIS_URL', () => {
  it('is off by default: each process caches alone', () => {
    expect(load({}).redis.url).toBeNull();
  });

  it('needs TOKEN_HASH_SECRET: keys and key derivation must match on every replica', () => {
    const e = configError(() => load({ REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(e.variable).toBe('TOKEN_HASH_SECRET');
    expect(e.message).toMatch(/REDIS_URL/);
    const ok = load({ REDIS_URL: 'redis://127.0.0.1:6379', TOKEN_HASH_SECRET: SECRET });
    expect(ok.redis).toMatchObject({ url: 'redis://127.0.0.1:6379', commandTimeoutMs: 250 });
  });

  it('refuses a URL that is not redis:// or rediss://, without echoing it', () => {
    const e = configError(() =>
      load({ REDIS_URL: 'http://user:pw@cache:6379', TOKEN_HASH_SECRET: SECRET }),
    );
    expect(e.variable).toBe('REDIS_URL');
    expect(e.message).not.toContain('pw');
  });
});
