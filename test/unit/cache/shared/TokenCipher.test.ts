import { describe, expect, it } from 'vitest';
import { TokenCipher } from '../../../../src/cache/shared/TokenCipher.js';

const cipher = new TokenCipher('a-secret-shared-by-every-replica-0123456789');

describe('TokenCipher', () => {
  it('opens what the same token sealed under the same key, and nothing else', () => {
    const sealed = cipher.seal('token-A', 'hashA', 'gw:t:hashA|f1', '{"name":"Sam"}');
    expect(sealed.toString('latin1')).not.toContain('Sam');
    expect(cipher.open('token-A', 'hashA', 'gw:t:hashA|f1', sealed)).toBe('{"name":"Sam"}');
    // Another token, or the same value copied under another key: a miss, never an answer.
    expect(cipher.open('token-B', 'hashB', 'gw:t:hashA|f1', sealed)).toBeUndefined();
    expect(cipher.open('token-A', 'hashA', 'gw:t:hashA|f2', sealed)).toBeUndefined();
  });

  it('reads a corrupt or truncated entry as a miss', () => {
    const sealed = cipher.seal('token-A', 'hashA', 'k', 'value');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(cipher.open('token-A', 'hashA', 'k', flipped)).toBeUndefined();
    expect(cipher.open('token-A', 'hashA', 'k', sealed.subarray(0, 10))).toBeUndefined();
    expect(cipher.open('token-A', 'hashA', 'k', Buffer.from('garbage'))).toBeUndefined();
  });
});
