import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;
const INFO = Buffer.from('genesys-gateway shared cache v1', 'utf8');

/**
 * AES-256-GCM under a key derived from the caller's token (HKDF-SHA256, salted with
 * TOKEN_HASH_SECRET), so what the shared tier stores is unreadable without the token that wrote
 * it. The storage key is the authenticated data: a value copied under another key (another
 * token's, another query's) fails to open instead of being served. Derived keys are remembered
 * per token hash in a bounded LRU (deriving costs more than one encryption of a small answer).
 */
export class TokenCipher {
  readonly #salt: Buffer;
  readonly #keys: LRUCache<string, Buffer>;

  /** @param secret TOKEN_HASH_SECRET; @param maxKeys derived keys remembered (count, ≥ 1). */
  constructor(secret: string, maxKeys = 10_000) {
    if (secret.length === 0) throw new TypeError('TokenCipher: secret must be non-empty');
    this.#salt = Buffer.from(secret, 'utf8');
    this.#keys = new LRUCache({ max: maxKeys });
  }

  /** `[version][iv][tag][ciphertext]` of `plaintext`, bound to `aad`. */
  seal(token: string, tokenHash: string, aad: string, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key(token, tokenHash), iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
  }

  /** The plaintext of `sealed`, or undefined when it is not one this token sealed under `aad`. */
  open(token: string, tokenHash: string, aad: string, sealed: Buffer): string | undefined {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) return undefined;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.#key(token, tokenHash),
        sealed.subarray(1, 1 + IV_BYTES),
      );
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
      const head = decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES));
      return Buffer.concat([head, decipher.final()]).toString('utf8');
    } catch {
      return undefined; // Corrupt, truncated or another token's: a miss, never an answer.
    }
  }

  #key(token: string, tokenHash: string): Buffer {
    let key = this.#keys.get(tokenHash);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', Buffer.from(token, 'utf8'), this.#salt, INFO, 32));
      this.#keys.set(tokenHash, key);
    }
    return key;
  }
}
