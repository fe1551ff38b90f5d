import type { UpstreamService } from '../errors/UpstreamError.js';
import type { RequestTally } from '../types/RequestTally.js';

/**
 * How an upstream call ended: `ok`, an `UpstreamErrorKind` (`UNAUTHENTICATED`, `TIMEOUT`, …),
 * `ABORTED` (the caller went away) or `ERROR` (anything unclassified).
 */
export type UpstreamOutcome = string;

/** One upstream call, as recorded. */
export interface UpstreamCallRecord {
  service: UpstreamService;
  /** Operation name, a fixed code identifier (`userInfo`, `GetAgentState`), never data. */
  operation: string;
  outcome: UpstreamOutcome;
  /** HTTP status the upstream answered, when known. */
  status?: number;
}

/** An event of the response cache. */
export type CacheEvent = 'hit' | 'miss' | 'coalesced';

/** Counters at one instant: plain data, safe to serialise. */
export interface CountersSnapshot {
  upstreamCalls: Array<{
    service: UpstreamService;
    operation: string;
    outcome: UpstreamOutcome;
    status: number | null;
    count: number;
  }>;
  cache: Array<{ kind: string; hits: number; misses: number; coalesced: number }>;
  /** Records not counted because `maxSeries` distinct label sets were already in use. */
  droppedRecords: number;
}

/** Options of `UpstreamCounters`. */
export interface UpstreamCountersOptions {
  /**
   * Most distinct label sets (upstream series plus cache kinds) kept, as a guard against a
   * caller that puts data into a label; further new label sets are only counted in
   * `droppedRecords`. Count; default 1,000.
   */
  maxSeries?: number;
}

interface UpstreamSeries {
  service: UpstreamService;
  operation: string;
  outcome: UpstreamOutcome;
  status: number | null;
  count: number;
}

interface CacheSeries {
  kind: string;
  hits: number;
  misses: number;
  coalesced: number;
}

/**
 * Process-wide counters of upstream calls (by service, operation, outcome and HTTP status) and of
 * response-cache events (by kind). Recording is a Map lookup and an increment; `snapshot()` copies
 * at most `maxSeries` small objects.
 */
export class UpstreamCounters {
  readonly #maxSeries: number;
  readonly #upstream = new Map<string, UpstreamSeries>();
  readonly #cache = new Map<string, CacheSeries>();
  #dropped = 0;

  constructor(options: UpstreamCountersOptions = {}) {
    const maxSeries = options.maxSeries ?? 1_000;
    if (!Number.isSafeInteger(maxSeries) || maxSeries < 1) {
      throw new TypeError(
        `UpstreamCounters: maxSeries must be a positive integer, got ${String(maxSeries)}`,
      );
    }
    this.#maxSeries = maxSeries;
  }

  /** Counts one finished upstream call, and adds it to the request's tally when given. */
  recordUpstreamCall(call: UpstreamCallRecord, tally?: RequestTally): void {
    if (tally) tally.upstreamCalls += 1;
    const status = call.status ?? null;
    const id = `${call.service}\u0000${call.operation}\u0000${call.outcome}\u0000${status ?? ''}`;
    const series = this.#upstream.get(id);
    if (series) {
      series.count += 1;
    } else if (this.#hasRoom()) {
      this.#upstream.set(id, {
        service: call.service,
        operation: call.operation,
        outcome: call.outcome,
        status,
        count: 1,
      });
    } else {
      this.#dropped += 1;
    }
  }

  /** Counts one response-cache event of a kind. */
  recordCache(kind: string, event: CacheEvent): void {
    let series = this.#cache.get(kind);
    if (!series) {
      if (!this.#hasRoom()) {
        this.#dropped += 1;
        return;
      }
      series = { kind, hits: 0, misses: 0, coalesced: 0 };
      this.#cache.set(kind, series);
    }
    switch (event) {
      case 'hit':
        series.hits += 1;
        break;
      case 'miss':
        series.misses += 1;
        break;
      case 'coalesced':
        series.coalesced += 1;
        break;
    }
  }

  /** A copy of every counter. */
  snapshot(): CountersSnapshot {
    return {
      upstreamCalls: Array.from(this.#upstream.values(), (s) => ({ ...s })),
      cache: Array.from(this.#cache.values(), (s) => ({ ...s })),
      droppedRecords: this.#dropped,
    };
  }

  /** Sum of upstream calls recorded, optionally of one service (cheap enough for tests and bench). */
  totalUpstreamCalls(service?: UpstreamService): number {
    let total = 0;
    for (const s of this.#upstream.values())
      if (service === undefined || s.service === service) total += s.count;
    return total;
  }

  /** Sets every counter back to zero (bench runs between scenarios). */
  reset(): void {
    this.#upstream.clear();
    this.#cache.clear();
    this.#dropped = 0;
  }

  #hasRoom(): boolean {
    return this.#upstream.size + this.#cache.size < this.#maxSeries;
  }
}
