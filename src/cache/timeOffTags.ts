import type { TimeOffRecord } from '../types/TimeOffApi.js';

/*
 * Invalidation tags of the answers a time-off write can make stale (cache/Invalidation.ts
 * `dropTags`): the time-off lists of a site (management unit) and of an agent, and the schedule
 * weeks of a site and of an agent (an approved full day is a time-off marker in the schedule).
 * Weeks are numbered Monday to Sunday in UTC days; a write's days are widened by one day on each
 * side, so a week seen in any zone's local time is covered. Tags name ids only, never a token.
 */

const DAY_MS = 86_400_000;

export function unitTimeOffTag(muId: string): string {
  return `timeOff:mu:${muId}`;
}

export function userTimeOffTag(userId: string): string {
  return `timeOff:user:${userId}`;
}

/** The week tags of the schedule of `owner` (`mu:<id>` or `user:<id>`) over [fromMs, toMs). */
export function scheduleWeekTags(owner: string, fromMs: number, toMs: number): string[] {
  if (!(toMs > fromMs)) return [];
  const first = weekOfDay(Math.floor(fromMs / DAY_MS));
  const last = weekOfDay(Math.floor((toMs - 1) / DAY_MS));
  const tags: string[] = [];
  for (let week = first; week <= last; week++) tags.push(`schedule:${owner}:w${week}`);
  return tags;
}

/**
 * Everything a write of `record` (an agent of unit `muId`) made stale: both time-off lists and
 * the schedule weeks of the unit and the agent around each of its days.
 */
export function tagsOfTimeOffWrite(record: TimeOffRecord, muId: string | null): string[] {
  const tags = new Set<string>([userTimeOffTag(record.userId)]);
  if (muId !== null) tags.add(unitTimeOffTag(muId));
  const weeks = new Set<number>();
  const days = [
    ...record.fullDayDates.map((d) => Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS)),
    ...record.partialDayStarts.flatMap((s) => {
      const startMs = Date.parse(s);
      const endMs = startMs + record.dailyDurationMinutes * 60_000;
      return [Math.floor(startMs / DAY_MS), Math.floor(endMs / DAY_MS)];
    }),
  ].filter(Number.isFinite);
  for (const day of days) for (const d of [day - 1, day, day + 1]) weeks.add(weekOfDay(d));
  for (const week of weeks) {
    tags.add(`schedule:user:${record.userId}:w${week}`);
    if (muId !== null) tags.add(`schedule:mu:${muId}:w${week}`);
  }
  return [...tags];
}

/** Monday-based week number of an epoch day (1970-01-01 was a Thursday). */
function weekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}
