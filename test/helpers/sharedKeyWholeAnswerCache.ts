import {
  WholeAnswerCache,
  type AnswerKey,
  type StoredAnswer,
} from '../../src/cache/WholeAnswerCache.js';

/** The one token hash every caller is filed under. */
const EVERYONE = '0'.repeat(64);

/**
 * NEGATIVE CONTROL, built from the test side: a `WholeAnswerCache` that files every caller under
 * one token hash, so one caller's answer is served to another. Isolation tests build the gateway
 * with it (`wholeAnswerCache: (options) => new SharedKeyWholeAnswerCache(options)`) to prove they
 * catch a broken key; production code has no such switch.
 */
export class SharedKeyWholeAnswerCache extends WholeAnswerCache {
  override get(_tokenHash: string, key: AnswerKey): StoredAnswer | undefined {
    return super.get(EVERYONE, key);
  }

  override store(
    _tokenHash: string,
    key: AnswerKey,
    answer: StoredAnswer,
    kinds: Iterable<string>,
    since: number,
  ): boolean {
    return super.store(EVERYONE, key, answer, kinds, since);
  }
}
