import { wallToInstant } from '../data/localTime.js';
import { cloudId } from './cloudIds.js';

/** `TimeOffRequestResponse.status` (genesys-facts §4.7). */
export type TimeOffStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELED';
export const TIME_OFF_STATUSES: readonly TimeOffStatus[] = [
  'PENDING',
  'APPROVED',
  'DENIED',
  'CANCELED',
];

/** One time-off request as the simulator keeps it (times as epoch ms). */
export interface SimTimeOffRequest {
  readonly id: string;
  readonly userId: string;
  /** The management unit of the user when the request was made. */
  readonly muId: string;
  /** IANA zone of that unit: full-day dates are its local dates. */
  readonly timeZone: string;
  readonly fullDay: boolean;
  /** Full-day requests: the unit's local dates, `yyyy-MM-dd`, ascending. */
  readonly dates: readonly string[];
  /** Partial-day requests: the start instants, ascending. */
  readonly partialStartsMs: readonly number[];
  readonly dailyDurationMinutes: number;
  readonly activityCodeId: string;
  readonly paid: boolean;
  status: TimeOffStatus;
  notes: string;
  markedAsRead: boolean;
  readonly submittedBy: string;
  readonly submittedMs: number;
  reviewedBy: string | null;
  reviewedMs: number | null;
  modifiedBy: string | null;
  modifiedMs: number | null;
  /** `metadata.version`: 1 when created, +1 on every write (genesys-facts §4.9). */
  version: number;
  /** `syncVersion`: +1 on every write, like `version`. */
  syncVersion: number;
}

/** What a new request needs. */
export type NewTimeOffRequest = Pick<
  SimTimeOffRequest,
  | 'userId'
  | 'muId'
  | 'timeZone'
  | 'fullDay'
  | 'dates'
  | 'partialStartsMs'
  | 'dailyDurationMinutes'
  | 'activityCodeId'
  | 'paid'
  | 'notes'
  | 'submittedBy'
> & { status?: TimeOffStatus };

const DAY_MS = 86_400_000;

/**
 * The time-off requests of the simulated organisation: in memory, mutable (the only mutable part
 * of the Cloud world), read by the time-off routes and by the schedule search (approved full-day
 * requests become full-day markers). Ids are stable for seeded requests and sequential after.
 */
export class TimeOffStore {
  readonly #byId = new Map<string, SimTimeOffRequest>();
  #created = 0;

  /** Every request, oldest first. */
  all(): SimTimeOffRequest[] {
    return [...this.#byId.values()];
  }

  byId(id: string): SimTimeOffRequest | undefined {
    return this.#byId.get(id);
  }

  ofUser(userId: string): SimTimeOffRequest[] {
    return this.all().filter((r) => r.userId === userId);
  }

  /** Adds a request (version 1) and returns it. */
  create(fields: NewTimeOffRequest, nowMs: number): SimTimeOffRequest {
    this.#created += 1;
    const request: SimTimeOffRequest = {
      ...fields,
      id: cloudId('timeoffrequest', this.#created),
      status: fields.status ?? 'PENDING',
      markedAsRead: false,
      submittedMs: nowMs,
      reviewedBy: null,
      reviewedMs: null,
      modifiedBy: null,
      modifiedMs: null,
      version: 1,
      syncVersion: 1,
    };
    this.#byId.set(request.id, request);
    return request;
  }

  /** Applies a write: the changes, then version and syncVersion + 1 and the modified fields. */
  update(
    request: SimTimeOffRequest,
    changes: Partial<Pick<SimTimeOffRequest, 'status' | 'notes' | 'markedAsRead'>>,
    byUserId: string,
    nowMs: number,
    review = false,
  ): SimTimeOffRequest {
    Object.assign(request, changes);
    request.version += 1;
    request.syncVersion += 1;
    request.modifiedBy = byUserId;
    request.modifiedMs = nowMs;
    if (review) {
      request.reviewedBy = byUserId;
      request.reviewedMs = nowMs;
    }
    return request;
  }
}

/** [startMs, endMs) a request covers: its local days, or its partial spans. */
export function spanOf(
  r: Pick<
    SimTimeOffRequest,
    'fullDay' | 'dates' | 'partialStartsMs' | 'dailyDurationMinutes' | 'timeZone'
  >,
): { startMs: number; endMs: number } {
  if (r.fullDay) {
    const first = epochDayOfDate(r.dates[0]!);
    const last = epochDayOfDate(r.dates[r.dates.length - 1]!);
    return {
      startMs: wallToInstant(first, 0, r.timeZone),
      endMs: wallToInstant(last + 1, 0, r.timeZone),
    };
  }
  const first = r.partialStartsMs[0]!;
  const last = r.partialStartsMs[r.partialStartsMs.length - 1]!;
  return { startMs: first, endMs: last + r.dailyDurationMinutes * 60_000 };
}

/** Days since 1970-01-01 of a `yyyy-MM-dd` date. */
export function epochDayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** `yyyy-MM-dd` of an epoch day. */
export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
