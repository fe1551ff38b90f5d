import { instantToOle, oleToInstant } from '../time/ole.js';

/** Days between the OLE epoch (1899-12-30) and the Unix epoch (1970-01-01). */
const OLE_UNIX_EPOCH_DAYS = 25569;
/** Memo entries per zone before the memo is reset. */
const MEMO_MAX = 200_000;

const memo = new Map<string, Map<number, number>>();

/**
 * Local calendar dates as "epoch days" (days since 1970-01-01 of the local date) and wall-clock
 * times in a site's zone → UTC instants, through `src/time/ole.ts` (exact across DST: a wall time
 * in a gap maps forward by the gap, an ambiguous one to the earlier instant).
 */
export function wallToInstant(epochDay: number, minuteOfDay: number, timeZone: string): number {
  const key = epochDay * 1440 + minuteOfDay;
  let zoneMemo = memo.get(timeZone);
  if (!zoneMemo) {
    zoneMemo = new Map();
    memo.set(timeZone, zoneMemo);
  }
  const cached = zoneMemo.get(key);
  if (cached !== undefined) return cached;
  // Seeded schedules reuse a few hundred wall times per zone and week: memoise the Intl work.
  const instant = oleToInstant(epochDay + OLE_UNIX_EPOCH_DAYS + minuteOfDay / 1440, timeZone);
  if (zoneMemo.size >= MEMO_MAX) zoneMemo.clear();
  zoneMemo.set(key, instant);
  return instant;
}

/** The local calendar date (epoch day) in `timeZone` at the instant `epochMs`. */
export function localEpochDay(epochMs: number, timeZone: string): number {
  return Math.floor(instantToOle(epochMs, timeZone)) - OLE_UNIX_EPOCH_DAYS;
}

/** Epoch day of a calendar date (month 1–12). */
export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** Day of week of an epoch day, Monday = 0 … Sunday = 6. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** Monday-based week number of an epoch day. */
export function weekOf(epochDay: number): number {
  return Math.floor((epochDay + 3) / 7);
}
