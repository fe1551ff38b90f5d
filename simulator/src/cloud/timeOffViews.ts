import { API_BASE_PATH } from './views.js';
import { spanOf, type SimTimeOffRequest } from './TimeOffStore.js';

const WFM = `${API_BASE_PATH}/workforcemanagement`;

function ref(userId: string | null): { id: string; selfUri: string } | undefined {
  return userId === null ? undefined : { id: userId, selfUri: `${API_BASE_PATH}/users/${userId}` };
}

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

/**
 * `TimeOffRequestResponse` (genesys-facts §4.6): full-day requests name the unit's local dates,
 * partial-day ones their start instants; the per-day arrays have one entry per day.
 */
export function timeOffJson(
  r: SimTimeOffRequest,
  selfUri = `${WFM}/managementunits/${r.muId}/users/${r.userId}/timeoffrequests/${r.id}`,
): Record<string, unknown> {
  const days = r.fullDay ? r.dates.length : r.partialStartsMs.length;
  const each = <T>(value: T): T[] => Array.from({ length: days }, () => value);
  return {
    id: r.id,
    user: ref(r.userId),
    isFullDayRequest: r.fullDay,
    markedAsRead: r.markedAsRead,
    activityCodeId: r.activityCodeId,
    paid: r.paid,
    status: r.status,
    partialDayStartDateTimes: r.partialStartsMs.map((ms) => new Date(ms).toISOString()),
    fullDayManagementUnitDates: [...r.dates],
    dailyDurationMinutes: r.dailyDurationMinutes,
    durationMinutes: each(r.dailyDurationMinutes),
    payableMinutes: each(r.paid ? r.dailyDurationMinutes : 0),
    fullDayEarliestStartOffsetMinutes: r.fullDay ? each(0) : [],
    fullDayLatestEndOffsetMinutes: r.fullDay ? each(1440) : [],
    notes: r.notes,
    submittedBy: ref(r.submittedBy),
    submittedDate: iso(r.submittedMs),
    ...(r.reviewedBy !== null
      ? { reviewedBy: ref(r.reviewedBy), reviewedDate: iso(r.reviewedMs) }
      : {}),
    ...(r.modifiedBy !== null
      ? { modifiedBy: ref(r.modifiedBy), modifiedDate: iso(r.modifiedMs) }
      : {}),
    syncVersion: r.syncVersion,
    metadata: {
      version: r.version,
      createdBy: ref(r.submittedBy),
      dateCreated: iso(r.submittedMs),
      ...(r.modifiedBy !== null
        ? { modifiedBy: ref(r.modifiedBy), dateModified: iso(r.modifiedMs) }
        : {}),
    },
    selfUri,
  };
}

/** `TimeOffRequestListItem`: the response's fields without `modifiedBy`/`modifiedDate`. */
export function timeOffListItemJson(r: SimTimeOffRequest): Record<string, unknown> {
  const item = timeOffJson(r);
  delete item.modifiedBy;
  delete item.modifiedDate;
  return item;
}

/** The agent's own view: `selfUri` under `timeoffrequests/{id}`. */
export function ownTimeOffJson(r: SimTimeOffRequest): Record<string, unknown> {
  return timeOffJson(r, `${WFM}/timeoffrequests/${r.id}`);
}

/** Whether a request's first day (or partial span) has begun by `nowMs`. */
export function hasStarted(r: SimTimeOffRequest, nowMs: number): boolean {
  return spanOf(r).startMs <= nowMs;
}
