import type { CallContext } from './CallContext.js';

/** `TimeOffRequestResponse.status` (Genesys Cloud WFM). */
export type TimeOffStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELED';

/** A supervisor's decision on a request (`AdminTimeOffRequestPatch.status`). */
export type TimeOffDecision = 'APPROVED' | 'DENIED';

/** One time-off request as the gateway keeps it: plain JSON (it is cached and replayed). */
export interface TimeOffRecord {
  readonly id: string;
  /** The agent's user id. */
  readonly userId: string;
  /** The management unit (site) when the answer names it (supervisor routes); else null. */
  readonly muId: string | null;
  readonly fullDay: boolean;
  readonly status: TimeOffStatus;
  readonly substatus: string | null;
  /** Full-day requests: the unit's local dates, `yyyy-MM-dd`. */
  readonly fullDayDates: readonly string[];
  /** Partial-day requests: the start instants, ISO 8601 UTC. */
  readonly partialDayStarts: readonly string[];
  readonly dailyDurationMinutes: number;
  /** Minutes per day, one entry per date or start. */
  readonly durationMinutes: readonly number[];
  readonly activityCodeId: string;
  readonly paid: boolean;
  readonly notes: string | null;
  readonly submittedBy: string | null;
  readonly submittedDate: string | null;
  readonly reviewedBy: string | null;
  readonly reviewedDate: string | null;
  /** `metadata.version`: what a review must send (optimistic concurrency). */
  readonly version: number;
}

/** A supervisor's list of one unit: exactly `[PENDING]`, or a range (≤ 33 days on Cloud). */
export interface UnitTimeOffQuery {
  readonly muId: string;
  readonly statuses?: readonly TimeOffStatus[];
  readonly range?: { readonly fromMs: number; readonly toMs: number };
}

/** A new request of the caller (`CreateAgentTimeOffRequest`): dates or starts, not both. */
export interface NewTimeOff {
  readonly activityCodeId: string;
  readonly notes?: string;
  readonly fullDayDates?: readonly string[];
  readonly partialDayStarts?: readonly string[];
  readonly dailyDurationMinutes: number;
}

/** A supervisor's review of one request of one agent of one unit, at a version. */
export interface TimeOffReview {
  readonly muId: string;
  readonly userId: string;
  readonly id: string;
  readonly status: TimeOffDecision;
  readonly version: number;
  readonly notes?: string;
}

/** Options of a write. */
export interface WriteOptions {
  /**
   * The client's key for this intent: the same key from the same caller within its lifetime
   * answers the first outcome again instead of writing twice (cache/IdempotentWrites.ts).
   */
  readonly idempotencyKey?: string;
}

/**
 * Time off as the gateway offers it (Genesys Cloud's WFM time-off routes; on Engage every method
 * answers NOT_SUPPORTED). Reads are cached per caller; writes are never retried and reject with
 * `UpstreamError` (a stale `version` is kind CONFLICT with `currentVersion`).
 */
export interface TimeOffApi {
  /** The caller's own requests (`GET timeoffrequests`). */
  myTimeOffRequests(ctx: CallContext): Promise<TimeOffRecord[]>;
  /** Requests of a unit's agents (`POST managementunits/{mu}/timeoffrequests/query`). */
  unitTimeOffRequests(ctx: CallContext, query: UnitTimeOffQuery): Promise<TimeOffRecord[]>;
  /** Submits a request of the caller (`POST timeoffrequests`), PENDING. */
  submitTimeOff(
    ctx: CallContext,
    input: NewTimeOff,
    options?: WriteOptions,
  ): Promise<TimeOffRecord>;
  /** Cancels one of the caller's requests (`PATCH timeoffrequests/{id}`). */
  cancelTimeOff(ctx: CallContext, id: string, options?: WriteOptions): Promise<TimeOffRecord>;
  /** Approves or denies (`PATCH managementunits/{mu}/users/{user}/timeoffrequests/{id}`). */
  reviewTimeOff(
    ctx: CallContext,
    review: TimeOffReview,
    options?: WriteOptions,
  ): Promise<TimeOffRecord>;
}
