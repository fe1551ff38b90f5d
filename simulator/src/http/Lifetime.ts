/**
 * Tracks the simulator's pending timers (latency, trickle) so that `close()` can cancel them all:
 * a closed simulator never keeps the process or a test alive.
 */
export class Lifetime {
  #closed = false;
  readonly #pending = new Map<NodeJS.Timeout, () => void>();

  /** True once `close()` ran. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Waits `ms`; resolves true after the delay, false at once (or early) when closed. */
  sleep(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve(true);
      }, ms);
      this.#pending.set(timer, () => resolve(false));
    });
  }

  /** Cancels every pending sleep (they resolve false). */
  close(): void {
    this.#closed = true;
    for (const [timer, cancel] of this.#pending) {
      clearTimeout(timer);
      cancel();
    }
    this.#pending.clear();
  }
}
