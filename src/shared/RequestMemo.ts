import { SharedLoad } from './SharedLoad.js';

/**
 * Answers that several parts of ONE gateway request need from the same upstream call, asked for
 * once: the WFM REST `/system/userinfo` answer is wanted by the `wfmUser` loader and by the WFM
 * SOAP session handshake (the user id for LocateServer/OpenSession). Created per request by the
 * context factory and carried in `CallContext.memo`; nothing in it outlives the request.
 *
 * Like a DataLoader, it keeps failures too (for the rest of the request). The shared call runs
 * without any caller's signal — the handshake it feeds may be shared with other requests of the
 * same token — and each caller stops waiting at its own signal; the upstream deadline bounds it.
 */
export class RequestMemo {
  readonly #answers = new Map<string, SharedLoad<unknown>>();

  /**
   * The answer for `key`: from an earlier or running `load` of this request, else from a new one.
   * Rejects at once with `onAbort(signal)` when `signal` aborts first.
   */
  once<T>(
    key: string,
    load: () => Promise<T>,
    signal?: AbortSignal,
    onAbort?: (signal: AbortSignal) => unknown,
  ): Promise<T> {
    let answer = this.#answers.get(key) as SharedLoad<T> | undefined;
    if (answer === undefined) {
      // Outlives its callers (no `onAbandoned`), and stays for the rest of the request.
      answer = new SharedLoad<T>(() => load());
      this.#answers.set(key, answer);
    }
    return answer.join(signal, onAbort);
  }

  /** Number of answers held (tests). */
  get size(): number {
    return this.#answers.size;
  }
}
