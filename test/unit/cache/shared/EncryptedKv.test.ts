import { describe, expect, it } from 'vitest';
import { MemoryKv } from '../../../../src/cache/shared/EncryptedKv.js';

const SECRET = 'a-secret-shared-by-every-replica-0123456789';

describe('MemoryKv', () => {
  it('keeps a value under its id until deleted, and hands out copies', async () => {
    const kv = new MemoryKv({ secret: SECRET, namespace: 'session', maxEntries: 10 });
    const value = { user: 'sam', scopes: ['a'] };
    await kv.set('session-id-1', value, 60_000);
    const got = await kv.get('session-id-1');
    expect(got).toEqual(value);
    expect(got).not.toBe(value);
    expect(await kv.get('session-id-2')).toBeUndefined();
    await kv.delete('session-id-1');
    expect(await kv.get('session-id-1')).toBeUndefined();
  });

  it('refuses an entry without a TTL', async () => {
    const kv = new MemoryKv({ secret: SECRET, namespace: 'session', maxEntries: 10 });
    await expect(kv.set('id', 1, 0)).rejects.toThrow(/ttlMs/);
  });
});
