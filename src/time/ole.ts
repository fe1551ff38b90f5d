/**
 * OLE Automation dates in a site's local time ↔ instants, and ISO 8601 text.
 *
 * WFM 8.5 SOAP carries schedule times as OLE dates (days since 1899-12-30 00:00, the fraction is
 * the time of day) in the site's local time, not UTC (genesys-facts §3.4). Converting needs the
 * site's IANA zone and is exact across daylight-saving changes; see `zoneOffset.ts`.
 */
import { fromLocalMs, toLocalMs, zoneOffsetMs } from './zoneOffset.js';

const DAY_MS = 86_400_000;
/** 1899-12-30T00:00 as "local ms" (the OLE epoch). */
const OLE_EPOCH_LOCAL_MS = Date.UTC(1899, 11, 30);

/**
 * Which instant an ambiguous local time (the repeated hour when clocks fall back) maps to.
 * `'earlier'` (default) is the first occurrence, in the offset before the change.
 */
export type AmbiguityHint = 'earlier' | 'later';

/** OLE date → wall-clock "local ms". Negative OLE dates count days backwards, time forwards. */
function oleToLocalMs(ole: number): number {
  const days = Math.trunc(ole);
  const fraction = Math.abs(ole - days);
  return Math.round(OLE_EPOCH_LOCAL_MS + days * DAY_MS + fraction * DAY_MS);
}

/** Wall-clock "local ms" → OLE date (inverse of `oleToLocalMs`). */
function localMsToOle(localMs: number): number {
  const sinceEpoch = localMs - OLE_EPOCH_LOCAL_MS;
  const days = Math.floor(sinceEpoch / DAY_MS);
  const fraction = (sinceEpoch - days * DAY_MS) / DAY_MS;
  return days >= 0 ? days + fraction : days - fraction;
}

/**
 * The OLE date that the wall clock in `timeZone` shows at the instant `epochMs`.
 *
 * @example instantToOle(Date.parse('2026-03-08T08:00:00Z'), 'America/Chicago') // 46089.125 (03:00 CDT)
 * @throws RangeError for a non-finite instant or an unknown zone.
 */
export function instantToOle(epochMs: number, timeZone: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError('instantToOle: epochMs must be finite');
  return localMsToOle(toLocalMs(epochMs, timeZone));
}

/**
 * The instant at which the wall clock in `timeZone` shows the OLE date `ole`, to the millisecond.
 * A local time inside a daylight-saving gap maps forward by the length of the gap (02:30 on a
 * spring-forward night where 02:00 becomes 03:00 is 03:30); an ambiguous one maps to the earlier
 * instant unless `hint` is `'later'`.
 *
 * @throws RangeError for a non-finite OLE date or an unknown zone.
 */
export function oleToInstant(
  ole: number,
  timeZone: string,
  hint: AmbiguityHint = 'earlier',
): number {
  if (!Number.isFinite(ole)) throw new RangeError('oleToInstant: ole must be finite');
  return fromLocalMs(oleToLocalMs(ole), timeZone, hint);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  // ISO 8601 expanded representation.
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSec = Math.round(Math.abs(offsetMs) / 1000);
  const hh = pad(Math.floor(totalSec / 3600), 2);
  const mm = pad(Math.floor((totalSec % 3600) / 60), 2);
  const ss = totalSec % 60;
  // Only historical local mean times have second offsets; keep the output exact for them.
  return `${sign}${hh}:${mm}${ss === 0 ? '' : `:${pad(ss, 2)}`}`;
}

/**
 * ISO 8601 text of `epochMs` in `timeZone`, with that zone's offset at that instant, e.g.
 * `2026-03-08T03:00:00-05:00`. Milliseconds appear only when not zero; UTC is `+00:00`.
 *
 * @throws RangeError for a non-finite instant or an unknown zone.
 */
export function formatInZone(epochMs: number, timeZone: string): string {
  if (!Number.isFinite(epochMs)) throw new RangeError('formatInZone: epochMs must be finite');
  const offsetMs = zoneOffsetMs(epochMs, timeZone);
  const local = new Date(epochMs + offsetMs);
  const ms = local.getUTCMilliseconds();
  // join, not concatenation: V8 gives `a + b` chains as trees of cons strings (about 250 bytes
  // for one of these texts), join one flat string (about 50). Schedule items are cached by the
  // hundred thousand, so this is most of their memory.
  return [
    formatYear(local.getUTCFullYear()),
    '-',
    pad(local.getUTCMonth() + 1, 2),
    '-',
    pad(local.getUTCDate(), 2),
    'T',
    pad(local.getUTCHours(), 2),
    ':',
    pad(local.getUTCMinutes(), 2),
    ':',
    pad(local.getUTCSeconds(), 2),
    ms === 0 ? '' : `.${pad(ms, 3)}`,
    formatOffset(offsetMs),
  ].join('');
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch milliseconds of a strict ISO 8601 / RFC 3339 date-time with an explicit offset or `Z`,
 * e.g. `2026-03-08T03:00:00-05:00`, `2026-03-08T09:00Z`. Seconds are optional, fractions are
 * truncated to milliseconds. Dates without an offset, out-of-range fields (month 13, Feb 30,
 * 24:00, leap seconds, offsets beyond ±23:59) and any other layout are rejected.
 *
 * @throws RangeError when `iso` is not such a date-time.
 */
export function parseDateTime(iso: string): number {
  const m = ISO_DATE_TIME.exec(iso);
  if (m === null) {
    throw new RangeError(
      'Expected an ISO 8601 date-time with an offset, e.g. 2026-03-08T03:00:00-05:00',
    );
  }
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  const offsetH = z === undefined ? Number(oh) : 0;
  const offsetM = z === undefined ? Number(om) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const fieldsValid =
    month >= 1 &&
    month <= 12 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetH <= 23 &&
    offsetM <= 59;
  if (!fieldsValid) {
    throw new RangeError(
      'Date-time has a field out of range (month, day, hour, minute, second or offset)',
    );
  }
  const offsetMs = (offsetH * 60 + offsetM) * 60_000 * (sign === '-' ? -1 : 1);
  return date.getTime() - offsetMs;
}
