import { describe, expect, it } from 'vitest';
import { seedWorld } from '../src/data/seed.js';
import type { SimStateType, SimWorld } from '../src/data/model.js';
import { instantToOle } from '../src/time/ole.js';

const TODAY = new Date('2026-06-17T10:00:00Z');
const ALL_TYPES: SimStateType[] = [
  'SHIFT',
  'ACTIVITY',
  'ACTIVITY_SET',
  'BREAK',
  'MEAL',
  'EXCEPTION',
  'TIME_OFF',
  'DAY_OFF',
  'MARKED_TIME',
];
const WEEK_MS = 7 * 86_400_000;

function sample(world: SimWorld) {
  const from = Date.parse('2026-03-02T00:00:00Z');
  return {
    sites: world.sites,
    teams: world.teams,
    agents: world.agents,
    users: world.users,
    stateInfos: world.stateInfos,
    clients: world.clients,
    coverage: world.scheduleCoverage,
    states: world.agents.slice(0, 10).map((a) => world.statesFor(a.id, from, from + 2 * WEEK_MS)),
  };
}

/** Agents of a site, with their states in [from, to). */
function siteStates(world: SimWorld, siteId: number, from: number, to: number) {
  return world.agents
    .filter((a) => a.siteId === siteId)
    .flatMap((a) => world.statesFor(a.id, from, to));
}

describe('seedWorld', () => {
  const world = seedWorld({ agents: 60, today: TODAY });

  it('is deterministic: the same options give deep-equal data', () => {
    expect(sample(seedWorld({ agents: 60, today: TODAY }))).toEqual(sample(world));
    expect(world.agents.find((a) => a.id === 2001)).toEqual(
      seedWorld({ agents: 5, today: TODAY }).agents.find((a) => a.id === 2001),
    );
  });

  it('seeds the sites, users and roles of CONTRACT §7', () => {
    expect(world.sites.map((s) => s.timeZone)).toEqual([
      'America/Chicago',
      'Europe/Berlin',
      'Australia/Sydney',
    ]);
    for (const site of world.sites) {
      const teams = world.teams.filter((t) => t.siteId === site.id).length;
      expect(teams).toBeGreaterThanOrEqual(2);
      expect(teams).toBeLessThanOrEqual(3);
    }
    const user = (name: string) => world.users.find((u) => u.userName === name)!;
    expect(user('sam.supervisor').wfm).toEqual({ type: 'SUPERVISOR', siteIds: [1, 2] });
    expect(user('pat.supervisor').wfm).toEqual({ type: 'SUPERVISOR', siteIds: [3] });
    expect(user('alex.agent').wfm).toEqual({ type: 'AGENT', agentId: 1003 });
    expect(world.agents.find((a) => a.id === 1003)!.siteId).toBe(1);
    expect(user('nina.noprov').wfm).toBeNull();
    expect(user('agent060').tenant).toBe('demo');
    expect(world.users.every((u) => u.password === 'demo-password')).toBe(true);
    expect(world.agents).toHaveLength(61);
    expect(new Set(world.agents.map((a) => a.siteId))).toEqual(new Set([1, 2, 3]));
    expect(world.clients[0]).toMatchObject({
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
    });
  });

  it('covers the eight weeks from 2026-03-02 and the weeks around today, nothing else', () => {
    const agent = 2001;
    const at = (iso: string) => Date.parse(iso);
    expect(
      world.statesFor(agent, at('2026-03-02T00:00:00Z'), at('2026-04-27T00:00:00Z')).length,
    ).toBeGreaterThan(0);
    expect(
      world.statesFor(agent, at('2026-06-15T12:00:00Z'), at('2026-06-22T12:00:00Z')).length,
    ).toBeGreaterThan(0);
    expect(
      world.statesFor(agent, at('2026-05-18T12:00:00Z'), at('2026-05-25T12:00:00Z')).length,
    ).toBeGreaterThan(0);
    expect(world.statesFor(agent, at('2025-01-01T00:00:00Z'), at('2025-02-01T00:00:00Z'))).toEqual(
      [],
    );
    expect(world.statesFor(agent, at('2027-01-01T00:00:00Z'), at('2027-02-01T00:00:00Z'))).toEqual(
      [],
    );
    expect(
      world.statesFor(999_999, at('2026-03-02T00:00:00Z'), at('2026-03-09T00:00:00Z')),
    ).toEqual([]);
    expect(world.scheduleCoverage.length).toBeGreaterThan(0);
  });

  it('returns only states overlapping the half-open range, sorted by start', () => {
    const from = Date.parse('2026-03-10T15:00:00Z');
    const to = Date.parse('2026-03-10T18:00:00Z');
    const states = world.statesFor(1003, from, to);
    expect(states.length).toBeGreaterThan(0);
    for (const s of states) expect(s.startMs < to && s.endMs > from).toBe(true);
    expect(states.map((s) => s.startMs)).toEqual(
      [...states.map((s) => s.startMs)].sort((a, b) => a - b),
    );
  });

  it.each([
    ['America/Chicago', 1, '2026-03-02'],
    ['Europe/Berlin', 2, '2026-03-23'],
    ['Australia/Sydney', 3, '2026-03-30'],
  ])(
    'has night shifts across the DST change in %s whose real length differs from wall-clock length',
    (tz, siteId, monday) => {
      const from = Date.parse(`${monday}T00:00:00Z`) - 86_400_000;
      const shifts = siteStates(world, siteId, from, from + 2 * WEEK_MS).filter(
        (s) => s.type === 'SHIFT',
      );
      expect(shifts.length).toBeGreaterThan(0);
      const odd = shifts.filter((s) => {
        const wallMin = Math.round(
          (instantToOle(s.endMs, tz) - instantToOle(s.startMs, tz)) * 1440,
        );
        return wallMin !== Math.round((s.endMs - s.startMs) / 60_000);
      });
      expect(odd.length).toBeGreaterThan(0);
      // The night shift 22:00–06:30 over the change lasts 7.5 h (spring forward) or 9.5 h (fall back).
      expect(odd.map((s) => (s.endMs - s.startMs) / 3_600_000)).toContain(
        tz === 'Australia/Sydney' ? 9.5 : 7.5,
      );
    },
  );

  it('has shifts that cross local midnight', () => {
    const from = Date.parse('2026-03-09T00:00:00Z');
    const crossing = siteStates(world, 2, from, from + WEEK_MS).filter(
      (s) =>
        s.type === 'SHIFT' &&
        Math.floor(instantToOle(s.startMs, 'Europe/Berlin')) !==
          Math.floor(instantToOle(s.endMs - 1, 'Europe/Berlin')),
    );
    expect(crossing.length).toBeGreaterThan(0);
  });

  it('has every item type in every covered week at every site, and names for every state', () => {
    const mondays: number[] = [];
    for (
      let m = Date.parse('2026-03-02T00:00:00Z');
      m < Date.parse('2026-04-27T00:00:00Z');
      m += WEEK_MS
    )
      mondays.push(m);
    for (
      let m = Date.parse('2026-05-18T00:00:00Z');
      m < Date.parse('2026-07-20T00:00:00Z');
      m += WEEK_MS
    )
      mondays.push(m);
    for (const site of world.sites) {
      for (const monday of mondays) {
        const states = siteStates(
          world,
          site.id,
          monday + 86_400_000,
          monday + WEEK_MS - 86_400_000,
        );
        expect(
          new Set(states.map((s) => s.type)),
          `${site.name} week of ${new Date(monday).toISOString()}`,
        ).toEqual(new Set(ALL_TYPES));
        for (const s of states)
          expect(world.stateInfos.some((i) => i.type === s.type && i.stateId === s.stateId)).toBe(
            true,
          );
      }
    }
    const names = world.stateInfos.map((s) => s.name);
    for (const name of [
      'Phone',
      'Email',
      'Coffee break',
      'Lunch',
      'Training',
      'Vacation',
      'Day off',
      'Overtime',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('marks full-day items and paid flags', () => {
    const from = Date.parse('2026-03-02T00:00:00Z');
    const states = world.agents
      .slice(0, 20)
      .flatMap((a) => world.statesFor(a.id, from, from + WEEK_MS));
    for (const s of states) expect(s.fullDay).toBe(s.type === 'DAY_OFF' || s.type === 'TIME_OFF');
    expect(states.filter((s) => s.type === 'MEAL').every((s) => !s.paid)).toBe(true);
    expect(states.filter((s) => s.type === 'SHIFT').every((s) => s.paid)).toBe(true);
  });

  it('seeds 5,000 agents', () => {
    const big = seedWorld({ agents: 5000, today: TODAY });
    expect(big.agents).toHaveLength(5001);
    expect(big.users.find((u) => u.userName === 'agent5000')).toBeDefined();
    const from = Date.parse('2026-03-02T00:00:00Z');
    const states = big.agents
      .filter((a) => a.siteId === 3)
      .flatMap((a) => big.statesFor(a.id, from, from + WEEK_MS));
    expect(states.length).toBeGreaterThan(1000);
  });
});
