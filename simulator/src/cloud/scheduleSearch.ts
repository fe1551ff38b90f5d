import { localEpochDay, wallToInstant } from '../data/localTime.js';
import type { SimScheduleState } from '../data/model.js';
import type { CloudUser, CloudWorld } from './CloudWorld.js';
import { epochDayOfDate } from './TimeOffStore.js';
import { userRef } from './views.js';

/** Most users one search may name (`userIds`), as the simulator enforces it. */
export const SEARCH_MAX_USER_IDS = 100;
/** Longest search range in days. */
export const SEARCH_MAX_DAYS = 62;

/** A parsed `BuSearchAgentSchedulesRequest` / `BuGetCurrentAgentScheduleRequest`. */
export interface SearchRange {
  fromMs: number;
  toMs: number;
  userIds: string[] | null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a search body, or answers the message of the 400 it deserves. */
export function parseSearch(body: unknown, allowUsers: boolean): SearchRange | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  const start = b.startDate;
  const end = b.endDate;
  if (
    typeof start !== 'string' ||
    !ISO_INSTANT.test(start) ||
    typeof end !== 'string' ||
    !ISO_INSTANT.test(end)
  )
    return 'Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ';
  const fromMs = Date.parse(start);
  const toMs = Date.parse(end);
  if (!(toMs > fromMs)) return 'endDate must be after startDate';
  if (toMs - fromMs > SEARCH_MAX_DAYS * 86_400_000)
    return `The date range may not exceed ${SEARCH_MAX_DAYS} days`;
  let userIds: string[] | null = null;
  if (b.userIds !== undefined) {
    if (!allowUsers) return 'userIds is not a field of this request';
    if (!Array.isArray(b.userIds) || !b.userIds.every((id) => typeof id === 'string'))
      return 'userIds must be an array of strings';
    if (b.userIds.length > SEARCH_MAX_USER_IDS)
      return `At most ${SEARCH_MAX_USER_IDS} userIds per request`;
    userIds = b.userIds as string[];
  }
  return { fromMs, toMs, userIds };
}

/**
 * `BuAgentScheduleSearchResponse` of one user over [fromMs, toMs): each WFM shift overlapping
 * the range as a `BuAgentScheduleShift` whose activities tile it (marked time, which Cloud has no
 * notion of, is left out), and full-day time off and days off as `BuFullDayTimeOffMarker`s
 * (`businessUnitDate` is the management unit's local date).
 */
export function agentSchedule(
  cloud: CloudWorld,
  u: CloudUser,
  fromMs: number,
  toMs: number,
): Record<string, unknown> {
  const agent = u.agent!;
  const zone = cloud.managementUnitOfSite(agent.siteId)!.site.timeZone;
  const states = cloud.world.statesFor(agent.id, fromMs, toMs);
  const shifts: Record<string, unknown>[] = [];
  const markers: Record<string, unknown>[] = [];
  let current: {
    shift: Record<string, unknown>;
    endMs: number;
    activities: Record<string, unknown>[];
  } | null = null;
  for (const s of states) {
    if (s.type === 'SHIFT') {
      current = {
        shift: {
          id: shiftId(u, s),
          startDate: iso(s.startMs),
          lengthMinutes: minutes(s),
          manuallyEdited: false,
        },
        endMs: s.endMs,
        activities: [],
      };
      current.shift.activities = current.activities;
      shifts.push(current.shift);
      continue;
    }
    const code = cloud.activityCode(s.type, s.stateId);
    if (!code) continue;
    if (s.fullDay) {
      const day = localEpochDay(s.startMs, zone);
      markers.push({
        businessUnitDate: new Date(day * 86_400_000).toISOString().slice(0, 10),
        startOffsetMinutes: 0,
        endOffsetMinutes: Math.round(
          (wallToInstant(day + 1, 0, zone) - wallToInstant(day, 0, zone)) / 60_000,
        ),
        lengthMinutes: minutes(s),
        description: code.name,
        activityCodeId: code.id,
        paid: s.paid,
        payableMinutes: s.paid ? 480 : 0,
      });
      continue;
    }
    if (current && s.startMs < current.endMs)
      current.activities.push({
        startDate: iso(s.startMs),
        lengthMinutes: minutes(s),
        description: code.name,
        activityCodeId: code.id,
        paid: s.paid,
        payableMinutes: s.paid ? minutes(s) : 0,
      });
  }
  markers.push(...approvedMarkers(cloud, u, zone, fromMs, toMs));
  return { user: userRef(u), shifts, fullDayTimeOffMarkers: markers };
}

/** Approved full-day time-off requests of the user as markers of the days inside the range. */
function approvedMarkers(
  cloud: CloudWorld,
  u: CloudUser,
  zone: string,
  fromMs: number,
  toMs: number,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const r of cloud.timeOff.ofUser(u.id)) {
    if (r.status !== 'APPROVED' || !r.fullDay) continue;
    const code = cloud.activityCodes.find((c) => c.id === r.activityCodeId);
    for (const date of r.dates) {
      const day = epochDayOfDate(date);
      const startMs = wallToInstant(day, 0, zone);
      const endMs = wallToInstant(day + 1, 0, zone);
      if (startMs >= toMs || endMs <= fromMs) continue;
      out.push({
        businessUnitDate: date,
        startOffsetMinutes: 0,
        endOffsetMinutes: Math.round((endMs - startMs) / 60_000),
        lengthMinutes: r.dailyDurationMinutes,
        description: code?.name ?? 'Time off',
        activityCodeId: r.activityCodeId,
        paid: r.paid,
        payableMinutes: r.paid ? r.dailyDurationMinutes : 0,
        timeOffRequestId: r.id,
        timeOffRequestSyncVersion: r.syncVersion,
      });
    }
  }
  return out;
}

/** `BuAgentSchedulesSearchResponse` for users over a range. */
export function searchResult(
  cloud: CloudWorld,
  users: readonly CloudUser[],
  range: SearchRange,
): Record<string, unknown> {
  return {
    agentSchedules: users.map((u) => agentSchedule(cloud, u, range.fromMs, range.toMs)),
    businessUnitTimeZone: cloud.businessUnit.timeZone,
    publishedSchedules: [],
  };
}

function shiftId(u: CloudUser, s: SimScheduleState): string {
  return `${u.id.slice(0, 8)}-${s.startMs.toString(36)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function minutes(s: SimScheduleState): number {
  return Math.round((s.endMs - s.startMs) / 60_000);
}
