import { formatInZone } from '../../time/ole.js';
import { fromLocalMs } from '../../time/zoneOffset.js';
import type { CloudActivityCodeRecord, CloudScheduleEntry } from '../../types/CloudApi.js';
import type { WfmStateType } from '../../types/WfmSoapApi.js';
import type { ScheduleItemRecord } from '../records.js';

/**
 * Activity-code categories of the Platform API (genesys-facts §4.7) as `ScheduleItemType`s.
 * Full-day markers of category `Unavailable` are days off; other full-day markers time off.
 */
const CATEGORY_TYPE: Readonly<Record<string, WfmStateType>> = {
  OnQueueWork: 'ACTIVITY',
  OffQueueWork: 'ACTIVITY',
  Unscheduled: 'ACTIVITY',
  Break: 'BREAK',
  Meal: 'MEAL',
  Meeting: 'EXCEPTION',
  Training: 'EXCEPTION',
  Unavailable: 'EXCEPTION',
  TimeOff: 'TIME_OFF',
};

/** The display name of a shift: Cloud shifts carry none. */
export const CLOUD_SHIFT_NAME = 'Shift';

interface Timed {
  startMs: number;
  endMs: number;
  item: ScheduleItemRecord;
}

/**
 * The entries of one search answer as schedule items per user, in the management unit's zone,
 * sorted by start, then longest first (a shift before the activities inside it). A full-day
 * marker covers its local day, midnight to midnight, which is 23 or 25 hours across a DST change.
 *
 * @throws RangeError for a zone the runtime does not know.
 */
export function cloudItemsByUser(
  entries: readonly CloudScheduleEntry[],
  codes: ReadonlyMap<string, CloudActivityCodeRecord>,
  timeZone: string,
): Map<string, ScheduleItemRecord[]> {
  const timed = new Map<string, Timed[]>();
  for (const entry of entries) {
    const code = entry.activityCodeId === null ? undefined : codes.get(entry.activityCodeId);
    let startMs = entry.startMs;
    let endMs = entry.endMs;
    if (entry.kind === 'fullDay') {
      // The reader put the local date's midnight at UTC; read it as wall time in the unit's zone.
      startMs = fromLocalMs(entry.startMs, timeZone);
      endMs = fromLocalMs(entry.endMs, timeZone);
    }
    const item: ScheduleItemRecord = Object.freeze({
      type: typeOf(entry, code),
      name:
        entry.kind === 'shift'
          ? CLOUD_SHIFT_NAME
          : (entry.description ?? code?.name ?? entry.activityCodeId ?? ''),
      start: formatInZone(startMs, timeZone),
      end: formatInZone(endMs, timeZone),
      fullDay: entry.kind === 'fullDay',
      paid: entry.paid,
    });
    const list = timed.get(entry.userId);
    if (list === undefined) timed.set(entry.userId, [{ startMs, endMs, item }]);
    else list.push({ startMs, endMs, item });
  }
  const out = new Map<string, ScheduleItemRecord[]>();
  for (const [userId, list] of timed)
    out.set(
      userId,
      list.sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs).map((t) => t.item),
    );
  return out;
}

function typeOf(
  entry: CloudScheduleEntry,
  code: CloudActivityCodeRecord | undefined,
): WfmStateType {
  if (entry.kind === 'shift') return 'SHIFT';
  const category = code?.category;
  if (entry.kind === 'fullDay') return category === 'Unavailable' ? 'DAY_OFF' : 'TIME_OFF';
  return (category === undefined ? undefined : CATEGORY_TYPE[category]) ?? 'ACTIVITY';
}
