import type { SimScheduleState, SimStateType } from './model.js';
import type { AgentProfile } from './organization.js';
import { hash32, mulberry32, pick } from './prng.js';
import { localEpochDay, wallToInstant, weekdayOf, weekOf } from './localTime.js';

/** Local dates with schedules: half-open epoch-day ranges. */
export interface CoveredDays {
  fromDay: number;
  toDay: number;
}

/** Wall-clock shift start (minutes after local midnight) by pattern. */
const SHIFT_START_MIN: Record<AgentProfile['pattern'], number> = {
  early: 360,
  day: 480,
  late: 780,
  night: 1320,
};
/** SHIFT state ids (stateInfos) by pattern. */
const SHIFT_STATE: Record<AgentProfile['pattern'], number> = {
  early: 1,
  day: 2,
  late: 3,
  night: 4,
};
const SHIFT_MIN = 510;
const OVERTIME_MIN = 60;
/** Activity state ids, Phone weighted. */
const ACTIVITIES = [1, 1, 1, 2, 2, 3, 4];
const TYPE_ORDER: Record<SimStateType, number> = {
  SHIFT: 0,
  DAY_OFF: 0,
  TIME_OFF: 0,
  ACTIVITY: 1,
  ACTIVITY_SET: 1,
  BREAK: 1,
  MEAL: 1,
  EXCEPTION: 1,
  MARKED_TIME: 2,
};

/**
 * Returns `statesFor(agentId, fromMs, toMs)`: the states of an agent overlapping [fromMs, toMs),
 * generated per (agent, local day) on demand, sorted by start. Days outside `covered` have none.
 */
export function createStatesFor(
  profiles: ReadonlyMap<number, AgentProfile>,
  covered: readonly CoveredDays[],
): (agentId: number, fromMs: number, toMs: number) => SimScheduleState[] {
  return (agentId, fromMs, toMs) => {
    const profile = profiles.get(agentId);
    if (!profile || !(toMs > fromMs) || !Number.isFinite(fromMs) || !Number.isFinite(toMs))
      return [];
    // A night shift of the previous local day reaches into this one.
    const firstDay = localEpochDay(fromMs, profile.timeZone) - 1;
    const lastDay = localEpochDay(toMs - 1, profile.timeZone);
    const states: SimScheduleState[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      if (!covered.some((c) => day >= c.fromDay && day < c.toDay)) continue;
      for (const s of dayStates(profile, day))
        if (s.startMs < toMs && s.endMs > fromMs) states.push(s);
    }
    return states.sort(
      (a, b) =>
        a.startMs - b.startMs || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.endMs - b.endMs,
    );
  };
}

/**
 * The schedule of one agent on one local day. Each week an agent has two consecutive days off;
 * among its five working days (positions 0–4) the first has a training-type EXCEPTION, the
 * third an ACTIVITY_SET block, the fifth an hour of overtime (MARKED_TIME), and every third week
 * (rotated across agents) the second is a full-day TIME_OFF (night workers: first and second
 * swapped). Night shifts run 22:00–06:30 local, so the Saturday nights of the DST changes are
 * an hour shorter or longer than their wall-clock length.
 */
export function dayStates(profile: AgentProfile, day: number): SimScheduleState[] {
  const tz = profile.timeZone;
  const weekday = weekdayOf(day);
  const offEnd = (profile.offStart + 1) % 7;
  const random = mulberry32(hash32(profile.agentId, day));
  const state = (
    type: SimStateType,
    stateId: number,
    startMs: number,
    endMs: number,
    fullDay: boolean,
    paid: boolean,
  ) =>
    ({
      agentId: profile.agentId,
      type,
      stateId,
      startMs,
      endMs,
      fullDay,
      paid,
    }) satisfies SimScheduleState;

  if (weekday === profile.offStart || weekday === offEnd) {
    return [
      state('DAY_OFF', 1, wallToInstant(day, 0, tz), wallToInstant(day + 1, 0, tz), true, false),
    ];
  }
  const position = [0, 1, 2, 3, 4, 5, 6]
    .filter((w) => w !== profile.offStart && w !== offEnd)
    .indexOf(weekday);
  // Night workers take time off on their first working day, so no night shift runs into it.
  const timeOffPosition = profile.pattern === 'night' ? 0 : 1;
  const exceptionPosition = profile.pattern === 'night' ? 1 : 0;
  if (position === timeOffPosition && (weekOf(day) + profile.rotation) % 3 === 0) {
    const sick = random() < 0.2;
    return [
      state(
        'TIME_OFF',
        sick ? 2 : 1,
        wallToInstant(day, 0, tz),
        wallToInstant(day + 1, 0, tz),
        true,
        true,
      ),
    ];
  }

  const jitter = profile.pattern === 'night' ? 0 : pick([0, 0, 30, 60], random());
  const start = SHIFT_START_MIN[profile.pattern] + jitter;
  const at = (offsetMin: number) => wallToInstant(day, start + offsetMin, tz);
  const overtime = position === 4;
  const meal = profile.pattern === 'late' || profile.pattern === 'night' ? 2 : 1;
  const activity = () => pick(ACTIVITIES, random());
  const out: SimScheduleState[] = [
    state(
      'SHIFT',
      SHIFT_STATE[profile.pattern],
      at(0),
      at(SHIFT_MIN + (overtime ? OVERTIME_MIN : 0)),
      false,
      true,
    ),
    state('ACTIVITY', activity(), at(0), at(120), false, true),
    state('BREAK', 1, at(120), at(135), false, true),
    position === 2
      ? state('ACTIVITY_SET', random() < 0.5 ? 1 : 2, at(135), at(240), false, true)
      : state('ACTIVITY', activity(), at(135), at(240), false, true),
    state('MEAL', meal, at(240), at(270), false, false),
  ];
  if (position === exceptionPosition) {
    out.push(state('EXCEPTION', pick([1, 2, 3], random()), at(270), at(330), false, true));
    out.push(state('ACTIVITY', activity(), at(330), at(390), false, true));
  } else {
    out.push(state('ACTIVITY', activity(), at(270), at(390), false, true));
  }
  out.push(
    state('BREAK', 2, at(390), at(405), false, true),
    state('ACTIVITY', activity(), at(405), at(SHIFT_MIN), false, true),
  );
  if (overtime) {
    out.push(
      state('ACTIVITY', 1, at(SHIFT_MIN), at(SHIFT_MIN + OVERTIME_MIN), false, true),
      state('MARKED_TIME', 1, at(SHIFT_MIN), at(SHIFT_MIN + OVERTIME_MIN), false, true),
    );
  }
  return out;
}
