import type { TimeOffRecord, TimeOffStatus } from '../../types/TimeOffApi.js';

type Obj = Record<string, unknown>;

const STATUSES: ReadonlySet<string> = new Set(['PENDING', 'APPROVED', 'DENIED', 'CANCELED']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `…/managementunits/{muId}/users/…` in a supervisor route's `selfUri`. */
const UNIT_IN_URI = /\/managementunits\/([^/]+)\/users\//;

function obj(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(field);
  return value as Obj;
}

function str(o: Obj, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new TypeError(key);
  return v;
}

function optStr(o: Obj, key: string): string | null {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function refId(o: Obj, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  return optStr(obj(v, key), 'id');
}

function instant(o: Obj, key: string): string | null {
  const v = optStr(o, key);
  if (v === null) return null;
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) throw new TypeError(key);
  return new Date(ms).toISOString();
}

function minutesList(o: Obj, key: string): number[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((n) => typeof n === 'number' && Number.isFinite(n)))
    throw new TypeError(key);
  return v as number[];
}

function stringList(o: Obj, key: string, each: (s: string) => string): string[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new TypeError(key);
  return (v as string[]).map(each);
}

/**
 * A `TimeOffRequestResponse` / `TimeOffRequestListItem` (Genesys Cloud WFM, the SDKs' models):
 * the fields the schema shows, the version from `metadata.version`, and the management unit
 * from `selfUri` where a supervisor route names it. Throws TypeError on a shape it cannot use.
 */
export function readTimeOff(body: unknown): TimeOffRecord {
  const o = obj(body, 'timeOffRequest');
  const status = str(o, 'status');
  if (!STATUSES.has(status)) throw new TypeError('status');
  const version = obj(o.metadata, 'metadata').version;
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new TypeError('version');
  const daily = o.dailyDurationMinutes;
  if (typeof daily !== 'number' || !Number.isFinite(daily)) throw new TypeError('daily');
  const selfUri = optStr(o, 'selfUri');
  const muId = selfUri === null ? null : (UNIT_IN_URI.exec(selfUri)?.[1] ?? null);
  return {
    id: str(o, 'id'),
    userId: str(obj(o.user, 'user'), 'id'),
    muId: muId === null ? null : decodeURIComponent(muId),
    fullDay: o.isFullDayRequest === true,
    status: status as TimeOffStatus,
    substatus: optStr(o, 'substatus'),
    fullDayDates: stringList(o, 'fullDayManagementUnitDates', (d) => {
      if (!DATE.test(d)) throw new TypeError('fullDayManagementUnitDates');
      return d;
    }),
    partialDayStarts: stringList(o, 'partialDayStartDateTimes', (s) => {
      const ms = Date.parse(s);
      if (!Number.isFinite(ms)) throw new TypeError('partialDayStartDateTimes');
      return new Date(ms).toISOString();
    }),
    dailyDurationMinutes: daily,
    durationMinutes: minutesList(o, 'durationMinutes'),
    activityCodeId: str(o, 'activityCodeId'),
    paid: o.paid === true,
    notes: optStr(o, 'notes'),
    submittedBy: refId(o, 'submittedBy'),
    submittedDate: instant(o, 'submittedDate'),
    reviewedBy: refId(o, 'reviewedBy'),
    reviewedDate: instant(o, 'reviewedDate'),
    version,
  };
}

/** `TimeOffRequestList` (`{timeOffRequests: [...]}`); a missing list is empty. */
export function readTimeOffList(body: unknown): TimeOffRecord[] {
  const list = obj(body, 'timeOffRequestList').timeOffRequests;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError('timeOffRequests');
  return list.map(readTimeOff);
}
