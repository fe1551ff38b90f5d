/**
 * OLE Automation dates (days since 1899-12-30 00:00, the fraction is the time of day) in a site's
 * local time ↔ instants, as WFM 8.5 SOAP carries schedule times (genesys-facts §3.4).
 *
 * The simulator's own implementation, written apart from the gateway's src/time/ole.ts: a bug
 * there must not hide behind the same bug here. It asks `Intl.DateTimeFormat` for the wall clock
 * at an instant and remembers each answer per zone (schedules of thousands of agents repeat the
 * same few shift times, and an Intl call costs microseconds).
 */

const DAY_MS = 86_400_000;
/** 1899-12-30T00:00 as wall-clock milliseconds (the OLE epoch). */
const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);

const clocks = new Map<string, Intl.DateTimeFormat>();

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    // Throws RangeError for an unknown zone.
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (clocks.size > 500) clocks.clear();
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The wall clock in `timeZone` at `epochMs`, as milliseconds of a UTC date with the same fields. */
function wallClockMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of clockOf(timeZone).formatToParts(whole)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1);
  wall.setUTCHours(fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, epochMs - whole);
  return wall.getTime();
}

/** Offset of `timeZone` at `epochMs` (wall clock minus UTC). */
function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockMs(epochMs, timeZone) - epochMs;
}

/**
 * The instant a wall-clock time in `timeZone` denotes. Offsets a day before and after bound the
 * candidates (zones change offset at most once in two days): a wall time shown twice (clocks
 * falling back) is its earlier instant; one never shown (clocks springing forward) moves forward
 * by the length of the gap (the offset before the change applies).
 */
function instantOfWallClock(wallMs: number, timeZone: string): number {
  const before = wallMs - offsetAt(wallMs - DAY_MS, timeZone);
  const after = wallMs - offsetAt(wallMs + DAY_MS, timeZone);
  const shows = (t: number): boolean => wallClockMs(t, timeZone) === wallMs;
  const candidates = [before, after].filter(shows);
  if (candidates.length === 0) return before;
  return Math.min(...candidates);
}

/** Remembered conversions per direction and zone, each map emptied when it reaches the bound. */
const MAX_REMEMBERED = 50_000;
const toOle = new Map<string, Map<number, number>>();
const toInstant = new Map<string, Map<number, number>>();

function remembered(
  memo: Map<string, Map<number, number>>,
  timeZone: string,
  input: number,
  convert: () => number,
): number {
  let zone = memo.get(timeZone);
  const known = zone?.get(input);
  if (known !== undefined) return known;
  const value = convert(); // throws for an unknown zone before anything is remembered
  if (zone === undefined) {
    if (memo.size > 500) memo.clear();
    zone = new Map();
    memo.set(timeZone, zone);
  }
  if (zone.size >= MAX_REMEMBERED) zone.clear();
  zone.set(input, value);
  return value;
}

/** The OLE date the wall clock in `timeZone` shows at `epochMs`. */
export function instantToOle(epochMs: number, timeZone: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError('instantToOle: epochMs must be finite');
  return remembered(toOle, timeZone, epochMs, () => computeOle(epochMs, timeZone));
}

function computeOle(epochMs: number, timeZone: string): number {
  const sinceEpoch = wallClockMs(epochMs, timeZone) - OLE_EPOCH_MS;
  const days = Math.floor(sinceEpoch / DAY_MS);
  const fraction = (sinceEpoch - days * DAY_MS) / DAY_MS;
  // Before the epoch the day counts backwards while the time of day still counts forwards.
  return days >= 0 ? days + fraction : days - fraction;
}

/** The instant at which the wall clock in `timeZone` shows the OLE date `ole`, to the millisecond. */
export function oleToInstant(ole: number, timeZone: string): number {
  if (!Number.isFinite(ole)) throw new RangeError('oleToInstant: ole must be finite');
  return remembered(toInstant, timeZone, ole, () => computeInstant(ole, timeZone));
}

function computeInstant(ole: number, timeZone: string): number {
  const days = Math.trunc(ole);
  const timeOfDay = Math.abs(ole - days);
  return instantOfWallClock(
    Math.round(OLE_EPOCH_MS + days * DAY_MS + timeOfDay * DAY_MS),
    timeZone,
  );
}
