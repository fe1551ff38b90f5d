/**
 * Calendar arithmetic in a site's IANA time zone, with the browser's Intl (no library). Dates are
 * `YYYY-MM-DD` strings of the site's local calendar.
 */

const DAY_MS = 86_400_000;

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before `date` (weeks run Monday to Sunday, as in WFM). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

/** The zone's UTC offset at `instantMs`, in minutes east of UTC. */
export function offsetMinutes(timeZone: string, instantMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instantMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0; // "GMT": UTC itself
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Local midnight of `date` in `timeZone`, as ISO 8601 with the offset in force then. */
export function zonedMidnight(date: string, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let offset = offsetMinutes(timeZone, wall);
  // One correction step: the offset at the real instant may differ from the guess near a change.
  offset = offsetMinutes(timeZone, wall - offset * 60_000);
  return `${date}T00:00:00${formatOffset(offset)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** "Mon 2 Mar" for a tab. */
export function dayLabel(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
