import type { BoardItemFragment, ScheduleItemType } from './__generated__/graphql.js';

/** One item as drawn in one local day: minutes from local midnight, clipped to the day. */
export interface Bar {
  type: ScheduleItemType;
  name: string;
  fromMin: number;
  toMin: number;
  /** "22:00–06:30" in the site's local time, as the gateway wrote it. */
  label: string;
  paid: boolean;
  fullDay: boolean;
  /** Drawing order: shifts below, their activities, breaks and meals on top. */
  layer: number;
}

export const DAY_MINUTES = 24 * 60;

/** Drawing order per type (higher is drawn above). */
const LAYER: Record<ScheduleItemType, number> = {
  SHIFT: 0,
  ACTIVITY_SET: 1,
  ACTIVITY: 2,
  EXCEPTION: 3,
  MARKED_TIME: 3,
  MEAL: 4,
  BREAK: 4,
  TIME_OFF: 5,
  DAY_OFF: 5,
};

/**
 * The wall-clock reading of a gateway time: the gateway emits `start`/`end` in the site's zone
 * (`2026-03-08T03:00:00-05:00`), so its date and clock time are the site's local ones. The board
 * lays a day out on that local clock (a daylight-saving day keeps a 24-hour axis).
 */
export function wallClock(iso: string): { date: string; minutes: number; hhmm: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) throw new Error(`Not an ISO 8601 date-time: ${iso}`);
  const [, date, hh, mm] = match as unknown as [string, string, string, string];
  return { date, minutes: Number(hh) * 60 + Number(mm), hhmm: `${hh}:${mm}` };
}

/** Local minutes since 1970-01-01 00:00 local, for comparing wall-clock readings across days. */
function absoluteMinutes(reading: { date: string; minutes: number }): number {
  return Date.parse(`${reading.date}T00:00:00Z`) / 60_000 + reading.minutes;
}

/** The bars of `items` that overlap local day `date`, clipped to it and sorted for drawing. */
export function barsForDay(items: readonly BoardItemFragment[], date: string): Bar[] {
  const dayStart = Date.parse(`${date}T00:00:00Z`) / 60_000;
  const bars: Bar[] = [];
  for (const item of items) {
    const start = wallClock(item.start);
    const end = wallClock(item.end);
    const from = Math.max(absoluteMinutes(start) - dayStart, 0);
    const to = Math.min(absoluteMinutes(end) - dayStart, DAY_MINUTES);
    if (to <= from) continue;
    bars.push({
      type: item.type,
      name: item.name,
      fromMin: from,
      toMin: to,
      label: item.fullDay ? 'all day' : `${start.hhmm}–${end.hhmm}`,
      paid: item.paid,
      fullDay: item.fullDay,
      layer: LAYER[item.type],
    });
  }
  return bars.sort((a, b) => a.layer - b.layer || a.fromMin - b.fromMin);
}
