/**
 * A per-request memo of one answer that has no key of its own (the caller's WFM profile, the
 * caller's visible sites): the first `load()` asks the upstream, every later one shares that
 * promise, failures included, for the rest of the request. Like a DataLoader, it lives exactly
 * as long as the request's context.
 */
export class SingleLoader<T> {
  readonly #fetch: () => Promise<T>;
  #promise: Promise<T> | undefined;

  /** @param fetch asks the upstream; called at most once per loader. */
  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /** The answer, fetched on the first call and shared afterwards. */
  load(): Promise<T> {
    this.#promise ??= this.#fetch();
    return this.#promise;
  }

  /** The answer if a `load()` (or `prime`) already started it in this request, else undefined. */
  peek(): Promise<T> | undefined {
    return this.#promise;
  }

  /** Supplies the answer without fetching, unless one was already loaded or primed. */
  prime(value: T): this {
    this.#promise ??= Promise.resolve(value);
    return this;
  }
}
