/**
 * One load shared by every caller that asked for the same key while it ran (coalescing). The
 * owner keeps it under its key while it runs and forgets it when it settles.
 *
 * Two lifetimes, chosen by the owner:
 * - with `onAbandoned`, the load runs under its own signal, aborted only when every caller that
 *   joined with a signal has gone away and none joined without one: one tab closing, or one
 *   request reaching its deadline, must not fail an identical request of the same user that is
 *   still waiting, yet a load nobody waits for any more should stop;
 * - without it, the load outlives its callers (its signal never aborts): for work others may still
 *   need after every caller has gone, such as a session handshake or a token check. The upstream
 *   deadline bounds it instead.
 *
 * Either way, a caller whose own signal aborts is answered at once (with its signal's reason, or
 * what `join`'s `onAbort` makes of it) without waiting for the load, and its abort listener is
 * removed when the load settles, so a long-lived signal gathers no listeners.
 */
export class SharedLoad<T> {
  /** Settles with the load; a rejection is observed here, so it is never reported unhandled. */
  readonly promise: Promise<T>;
  readonly #controller = new AbortController();
  readonly #onAbandoned: (() => void) | undefined;
  /** Callers still waiting whose signal has not aborted. */
  #waiting = 0;
  /** A caller joined without a signal: the load is never abandoned. */
  #pinned = false;

  /**
   * Starts `load` at once.
   * @param onAbandoned called once if every caller left before the load settled (the owner then
   *   stops handing this load to new callers). Omit it for a load that outlives its callers.
   */
  constructor(load: (signal: AbortSignal) => Promise<T>, onAbandoned?: () => void) {
    this.#onAbandoned = onAbandoned;
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(load(this.#controller.signal));
    } catch (error) {
      // A load that throws synchronously fails like any other.
      promise = Promise.reject(error);
    }
    promise.catch(() => undefined);
    this.promise = promise;
  }

  /** True once every caller left and the load's signal was aborted. */
  get abandoned(): boolean {
    return this.#controller.signal.aborted;
  }

  /**
   * Waits for the load on behalf of one caller. If `signal` aborts first (or already has), the
   * caller is rejected at once with `onAbort(signal)`, by default `signal.reason`.
   */
  join(
    signal?: AbortSignal,
    onAbort: (signal: AbortSignal) => unknown = (s) => s.reason,
  ): Promise<T> {
    if (!signal) {
      this.#pinned = true;
      return this.promise;
    }
    if (signal.aborted) return Promise.reject(onAbort(signal));
    this.#waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = (): void => {
        if (done) return;
        done = true;
        this.#waiting -= 1;
        reject(onAbort(signal));
        if (this.#waiting === 0) this.#abandonIfUnwanted(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      const finish = (): boolean => {
        signal.removeEventListener('abort', leave);
        if (done) return false;
        done = true;
        this.#waiting -= 1;
        return true;
      };
      this.promise.then(
        (value) => {
          if (finish()) resolve(value);
        },
        (error: unknown) => {
          if (finish()) reject(error);
        },
      );
    });
  }

  #abandonIfUnwanted(reason: unknown): void {
    if (!this.#onAbandoned || this.#pinned || this.#controller.signal.aborted) return;
    this.#controller.abort(reason);
    this.#onAbandoned();
  }
}
