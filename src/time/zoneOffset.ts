/**
 * UTC offsets of IANA time zones at an instant, read from `Intl.DateTimeFormat` (the ICU time-zone
 * database shipped with Node). One formatter per zone, created on first use and kept: zones are a
 * small closed set (one per WFM site), and creating a formatter costs far more than using one.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Upper bound on cached formatters; a caller passing arbitrary zone names cannot grow it forever. */
const MAX_FORMATTERS = 1_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone, before anything is cached.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Exact offset at `epochMs` (whole-second resolution, as the tz database has). */
function exactOffsetMs(epochMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(wholeSecondMs);
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of parts) {
    const type = part.type;
    if (type === 'year') year = Number(part.value);
    else if (type === 'month') month = Number(part.value);
    else if (type === 'day') day = Number(part.value);
    else if (type === 'hour') hour = Number(part.value);
    else if (type === 'minute') minute = Number(part.value);
    else if (type === 'second') second = Number(part.value);
    else if (type === 'era') bc = part.value.startsWith('B');
  }
  // Intl writes years as era years (1 BC, 2 BC…); proleptic year 0 is 1 BC.
  const local = new Date(0);
  local.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  return local.getTime() - wholeSecondMs;
}

const HOUR_MS = 3_600_000;
/** Per zone: hour bucket → the offset that holds for the whole hour, or NaN when it changes inside. */
const hourOffsets = new Map<string, Map<number, number>>();
/** Per-zone bound (about 11 years of hours); the map is simply emptied when it is reached. */
const MAX_HOURS_PER_ZONE = 100_000;

/**
 * UTC offset of `timeZone` at the instant `epochMs`, in milliseconds (east positive:
 * `America/Chicago` in winter is `-6 * 3600_000`).
 *
 * Formatting through Intl costs microseconds, and a week of schedules for thousands of agents
 * converts hundreds of thousands of times, so offsets are remembered per clock hour: an hour whose
 * first and last second share an offset has that offset throughout (the tz database never changes
 * an offset twice within one hour); an hour containing a transition is always computed exactly.
 *
 * @throws RangeError when `timeZone` is not a valid IANA zone.
 */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (hours === undefined) {
    formatterFor(timeZone); // validate the zone before caching anything under its name
    hours = new Map();
    if (hourOffsets.size >= MAX_FORMATTERS) hourOffsets.clear();
    hourOffsets.set(timeZone, hours);
  }
  const bucket = Math.floor(epochMs / HOUR_MS);
  let offset = hours.get(bucket);
  if (offset === undefined) {
    const first = exactOffsetMs(bucket * HOUR_MS, timeZone);
    const last = exactOffsetMs(bucket * HOUR_MS + HOUR_MS - 1000, timeZone);
    offset = first === last ? first : Number.NaN;
    if (hours.size >= MAX_HOURS_PER_ZONE) hours.clear();
    hours.set(bucket, offset);
  }
  return Number.isNaN(offset) ? exactOffsetMs(epochMs, timeZone) : offset;
}

/**
 * Wall-clock time of `epochMs` in `timeZone`, expressed as the epoch milliseconds a UTC clock would
 * show for the same wall time ("local ms"). `localMs - epochMs` is the zone's offset.
 *
 * @throws RangeError when `timeZone` is not a valid IANA zone.
 */
export function toLocalMs(epochMs: number, timeZone: string): number {
  return epochMs + zoneOffsetMs(epochMs, timeZone);
}

/**
 * Instant for a wall-clock time ("local ms", see `toLocalMs`) in `timeZone`. A time that does not
 * exist (spring-forward gap) is moved forward by the length of the gap, like Temporal's
 * `disambiguation: 'compatible'`; a time that occurs twice (fall-back overlap) resolves to the
 * earlier instant unless `prefer` is `'later'`.
 *
 * @throws RangeError when `timeZone` is not a valid IANA zone.
 */
export function fromLocalMs(
  localMs: number,
  timeZone: string,
  prefer: 'earlier' | 'later' = 'earlier',
): number {
  // Offsets a day either side bracket any single transition near this wall time (time-zone
  // transitions are months apart, never two within two days).
  const DAY_MS = 86_400_000;
  const offsetBefore = zoneOffsetMs(localMs - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(localMs + DAY_MS, timeZone);
  const withBefore = localMs - offsetBefore;
  const withAfter = localMs - offsetAfter;
  const beforeValid = toLocalMs(withBefore, timeZone) === localMs;
  const afterValid = toLocalMs(withAfter, timeZone) === localMs;
  if (beforeValid && afterValid) {
    const earlier = Math.min(withBefore, withAfter);
    const later = Math.max(withBefore, withAfter);
    return prefer === 'later' ? later : earlier;
  }
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  // Gap: read the wall time with the offset in force before the transition, which lands the
  // same distance past the transition as the wall time lies past the gap's start.
  return withBefore;
}
