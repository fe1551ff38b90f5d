/**
 * OLE Automation dates in a site's local time ↔ ISO 8601 with the zone's offset, with `Intl`.
 * WFM SOAP speaks OLE dates (days since 1899-12-30) in the site's wall-clock time.
 */
const DAY_MS = 86_400_000;
const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Offset of `zone` at the instant `ms`, in ms (east positive). */
function offsetMs(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant the wall clock of `zone` shows the OLE date `ole`. */
export function oleToMs(ole: number, zone: string): number {
  const wall = Math.round(OLE_EPOCH_MS + ole * DAY_MS);
  const guess = wall - offsetMs(wall, zone);
  return wall - offsetMs(guess, zone);
}

/** The OLE date the wall clock of `zone` shows at `ms`. */
export function msToOle(ms: number, zone: string): number {
  return (ms + offsetMs(ms, zone) - OLE_EPOCH_MS) / DAY_MS;
}

/** `2026-03-09T08:00:00-05:00`: `ms` in `zone`'s offset. */
export function isoInZone(ms: number, zone: string): string {
  const offset = offsetMs(ms, zone);
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  const abs = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}
