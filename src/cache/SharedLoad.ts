/**
 * One load shared by every caller that asked for the same key while it ran (coalescing).
 *
 * The load runs under its own signal, aborted only when every caller that joined with a signal
 * has gone away and none joined without one: one tab closing, or one request reaching its
 * deadline, must not fail an identical request of the same user that is still waiting, yet a
 * load nobody waits for any more should stop. A caller whose own signal aborts is answered at
 * once with its signal's reason, without waiting for the load.
 */
export class SharedLoad<T> {
  /** Settles with the load (never rejects unobserved: every `join` observes it). */
  readonly promise: Promise<T>;
  readonly #controller = new AbortController();
  readonly #onAbandoned: () => void;
  /** Callers still waiting whose signal has not aborted. */
  #waiting = 0;
  /** A caller joined without a signal: the load is never abandoned. */
  #pinned = false;

  /**
   * Starts `load` at once.
   * @param onAbandoned called once if every caller left before the load settled (the owner
   *   then stops handing this load to new callers).
   */
  constructor(load: (signal: AbortSignal) => Promise<T>, onAbandoned: () => void) {
    this.#onAbandoned = onAbandoned;
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(load(this.#controller.signal));
    } catch (error) {
      // A load that throws synchronously fails like any other.
      promise = Promise.reject(error);
    }
    this.promise = promise;
  }

  /** True once every caller left and the load's signal was aborted. */
  get abandoned(): boolean {
    return this.#controller.signal.aborted;
  }

  /**
   * Waits for the load on behalf of one caller. The caller's signal must not be aborted yet
   * (the owner answers an already aborted caller itself).
   */
  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.#pinned = true;
      return this.promise;
    }
    this.#waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const onAbort = (): void => {
        if (done) return;
        done = true;
        this.#waiting -= 1;
        reject(signal.reason);
        if (this.#waiting === 0 && !this.#pinned && !this.#controller.signal.aborted) {
          this.#controller.abort(signal.reason);
          this.#onAbandoned();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const finish = (): boolean => {
        signal.removeEventListener('abort', onAbort);
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
}
