import type { SimLogEntry, SimService } from '../types.js';

/** Selects log entries; every given field must match exactly. */
export type RequestLogFilter = Partial<{
  service: SimService;
  operation: string;
  identity: string | null;
  status: number;
}>;

/** Entries kept at most; the oldest are dropped first (the sequence keeps counting). */
export const REQUEST_LOG_MAX_ENTRIES = 100_000;

/**
 * The simulator's request log: one entry per upstream request, appended when the response ends
 * (or the connection closes). Tests read it to count and inspect the calls the gateway made.
 */
export class RequestLog {
  readonly #entries: SimLogEntry[] = [];
  #nextSeq = 1;
  readonly #maxEntries: number;

  constructor(maxEntries: number = REQUEST_LOG_MAX_ENTRIES) {
    this.#maxEntries = maxEntries;
  }

  /** Appends an entry, assigning its `seq`. */
  append(entry: Omit<SimLogEntry, 'seq'>): SimLogEntry {
    const full: SimLogEntry = { seq: this.#nextSeq++, ...entry };
    this.#entries.push(full);
    if (this.#entries.length > this.#maxEntries)
      this.#entries.splice(0, this.#entries.length - this.#maxEntries);
    return full;
  }

  /** Copies of the entries matching `filter`, oldest first. */
  entries(filter?: RequestLogFilter): SimLogEntry[] {
    return this.#entries.filter((e) => matches(e, filter)).map((e) => ({ ...e }));
  }

  /** How many entries match `filter`. */
  count(filter?: RequestLogFilter): number {
    let n = 0;
    for (const e of this.#entries) if (matches(e, filter)) n++;
    return n;
  }

  /** Forgets every entry (sequence numbers keep increasing). */
  clear(): void {
    this.#entries.length = 0;
  }
}

function matches(entry: SimLogEntry, filter: RequestLogFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.service !== undefined && entry.service !== filter.service) return false;
  if (filter.operation !== undefined && entry.operation !== filter.operation) return false;
  if (filter.identity !== undefined && entry.identity !== filter.identity) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  return true;
}
