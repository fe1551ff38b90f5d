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
  readonly #answers = new Map<string, Promise<unknown>>();

  /**
   * The answer for `key`: from an earlier or running `load` of this request, else from a new one.
   * Rejects at once with `onAbort(signal)` when `signal` aborts first.
   */
  once<T>(
    key: string,
    load: () => Promise<T>,
    signal?: AbortSignal,
    onAbort: (signal: AbortSignal) => unknown = (s) => s.reason,
  ): Promise<T> {
    let answer = this.#answers.get(key) as Promise<T> | undefined;
    if (answer === undefined) {
      try {
        answer = load();
      } catch (error) {
        answer = Promise.reject(error);
      }
      // Observed here so a caller that stopped waiting leaves no unhandled rejection behind.
      answer.catch(() => undefined);
      this.#answers.set(key, answer);
    }
    return signal ? untilAborted(answer, signal, onAbort) : answer;
  }

  /** Number of answers held (tests). */
  get size(): number {
    return this.#answers.size;
  }
}

function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onAbort: (signal: AbortSignal) => unknown,
): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort(signal));
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort(signal));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
