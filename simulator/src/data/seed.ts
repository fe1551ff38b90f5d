import type { SeedOptions, SimOAuthClient, SimWorld } from './model.js';
import { buildOrganization } from './organization.js';
import { epochDayOf, wallToInstant, weekdayOf } from './localTime.js';
import { createStatesFor, type CoveredDays } from './schedule.js';
import { STATE_INFOS } from './stateInfos.js';

/** Contact center id of the seeded world (CloudUserDetails.contactCenterId). */
export const SIM_CONTACT_CENTER_ID = '6b1f0c2e-3d4a-4e5b-9c8d-7a6f5e4d3c2b';
/** Environment id of the seeded world. */
export const SIM_ENVIRONMENT_ID = 'e3a9d4c1-7f2b-4b6e-8a5d-1c0f9e8d7b6a';
/** Default number of numbered agents (SIMULATOR_AGENTS). */
export const DEFAULT_AGENTS = 60;

/** The eight weeks from Monday 2026-03-02: they cross the 2026 DST changes of all three sites. */
const FIXED_COVERAGE: CoveredDays = {
  fromDay: epochDayOf(2026, 3, 2),
  toDay: epochDayOf(2026, 3, 2) + 56,
};
/** Weeks covered before and after the week of `today`. */
const WEEKS_AROUND_TODAY = 4;

const DEMO_CLIENT: SimOAuthClient = {
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  // Loopback on any port and path: the gateway's playground and the examples run there.
  redirectUris: ['http://127.0.0.1:*', 'http://localhost:*'],
};

/**
 * Seeds the simulator's world deterministically: the same options give deep-equal data on every
 * run. Sites, teams, agents and users are built eagerly (cheap even for thousands of agents);
 * schedules are generated on demand by `statesFor`, covering the eight weeks from Monday
 * 2026-03-02 and four weeks either side of the week of `today`, by local date of each site.
 */
export function seedWorld(options: SeedOptions): SimWorld {
  if (!Number.isInteger(options.agents) || options.agents < 0) {
    throw new RangeError(
      `seedWorld: agents must be a non-negative integer; got ${String(options.agents)}`,
    );
  }
  const org = buildOrganization(options.agents);
  const todayDay = Math.floor(options.today.getTime() / 86_400_000);
  const monday = todayDay - weekdayOf(todayDay);
  const covered = mergeRanges([
    FIXED_COVERAGE,
    { fromDay: monday - 7 * WEEKS_AROUND_TODAY, toDay: monday + 7 * (WEEKS_AROUND_TODAY + 1) },
  ]);
  const zones = org.sites.map((s) => s.timeZone);
  const scheduleCoverage = covered.map((c) => ({
    fromMs: Math.min(...zones.map((tz) => wallToInstant(c.fromDay, 0, tz))),
    // The last night shift ends the morning after the last covered day.
    toMs: Math.max(...zones.map((tz) => wallToInstant(c.toDay, 12 * 60, tz))),
  }));
  return {
    contactCenterId: SIM_CONTACT_CENTER_ID,
    environmentId: SIM_ENVIRONMENT_ID,
    sites: org.sites,
    teams: org.teams,
    agents: org.agents,
    users: org.users,
    stateInfos: STATE_INFOS.map((s) => ({ ...s })),
    clients: [{ ...DEMO_CLIENT, redirectUris: [...DEMO_CLIENT.redirectUris] }],
    scheduleCoverage,
    statesFor: createStatesFor(org.profiles, covered),
  };
}

function mergeRanges(ranges: CoveredDays[]): CoveredDays[] {
  const sorted = [...ranges].sort((a, b) => a.fromDay - b.fromDay);
  const merged: CoveredDays[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.fromDay <= last.toDay) last.toDay = Math.max(last.toDay, r.toDay);
    else merged.push({ ...r });
  }
  return merged;
}
