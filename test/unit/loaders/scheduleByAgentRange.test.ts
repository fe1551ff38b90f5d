import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import { createLoaders, type LoaderOptions } from '../../../src/loaders/createLoaders.js';
import type { AgentStateQuery } from '../../../src/types/WfmSoapApi.js';
import { createFakes, privilegeFault, testCall } from '../../helpers/fakeUpstreams.js';
import { buildWorld, SUPERVISOR, withStates } from '../../helpers/fakeWorld.js';

const WEEK = {
  fromMs: Date.parse('2026-03-02T00:00:00-06:00'),
  toMs: Date.parse('2026-03-09T00:00:00-05:00'),
};
const NEXT_WEEK = { fromMs: WEEK.toMs, toMs: WEEK.toMs + 7 * 86_400_000 };

function harness(
  agentsPerSite: number,
  maxBatchSize?: number,
  states = false,
  extra: LoaderOptions = {},
) {
  const world = buildWorld(agentsPerSite);
  const fakes = createFakes({ world: states ? withStates(world) : world, user: SUPERVISOR });
  // Tests of the agent-count cap lift the agent-days budget out of the way (a week: 7 per agent).
  const loaders = createLoaders(fakes.upstreams, testCall(), {
    ...(maxBatchSize === undefined ? {} : { maxBatchSize, scheduleAgentDaysPerCall: 7 * 1000 }),
    ...extra,
  });
  const agentsAt = (siteId: number) => world.agents.filter((a) => a.siteId === siteId);
  return { fakes, loaders, world, agentsAt };
}

describe('scheduleByAgentRange batching', () => {
  it.each([
    [500, 2],
    [300, 4],
    [1000, 1],
    [7, 143],
  ])(
    '1,000 agents of one site with maxBatchSize %i cost %i GetAgentState calls',
    async (max, calls) => {
      const { fakes, loaders, agentsAt } = harness(1000, max);
      const schedules = await Promise.all(
        agentsAt(1).map((a) =>
          loaders.scheduleByAgentRange.load({ siteId: 1, agentId: a.id, ...WEEK }),
        ),
      );
      expect(schedules).toHaveLength(1000);
      expect(fakes.log.count('GetAgentState')).toBe(calls);
      const sent = fakes.log
        .of('GetAgentState')
        .map((c) => (c.args as AgentStateQuery).agentIds?.length ?? 0);
      expect(Math.max(...sent)).toBeLessThanOrEqual(max);
      expect(sent.reduce((a, b) => a + b, 0)).toBe(1000);
    },
  );

  it('defaults to 500 agents and 150 agent-weeks per call', async () => {
    const { fakes, loaders, agentsAt } = harness(1000);
    const day = { fromMs: WEEK.fromMs, toMs: WEEK.fromMs + 86_400_000 };
    await Promise.all(
      agentsAt(1).map((a) =>
        loaders.scheduleByAgentRange.load({ siteId: 1, agentId: a.id, ...WEEK }),
      ),
    );
    // A week: 1,050 agent-days ÷ 7 days = 150 agents per call.
    expect(fakes.log.count('GetAgentState')).toBe(Math.ceil(1000 / 150));
    await Promise.all(
      agentsAt(1).map((a) =>
        loaders.scheduleByAgentRange.load({ siteId: 1, agentId: a.id, ...day }),
      ),
    );
    // A day: the 500-agent cap is the tighter bound.
    expect(fakes.log.count('GetAgentState')).toBe(Math.ceil(1000 / 150) + 2);
  });

  it('splits a long range into windows and sizes chunks by agent-days', async () => {
    const { fakes, loaders, agentsAt } = harness(100, undefined, false, {
      scheduleAgentDaysPerCall: 31 * 40,
    });
    const range = { fromMs: WEEK.fromMs, toMs: WEEK.fromMs + 62 * 86_400_000 };
    await Promise.all(
      agentsAt(1).map((a) =>
        loaders.scheduleByAgentRange.load({ siteId: 1, agentId: a.id, ...range }),
      ),
    );
    const queries = fakes.log.of('GetAgentState').map((c) => c.args as AgentStateQuery);
    // Two 31-day windows × ceil(100 / 40) chunks.
    expect(queries).toHaveLength(2 * 3);
    expect(Math.max(...queries.map((q) => q.agentIds?.length ?? 0))).toBe(40);
    expect(Math.max(...queries.map((q) => q.endOle - q.startOle))).toBeLessThanOrEqual(31 + 1 / 24);
    expect(new Set(queries.map((q) => q.startOle)).size).toBe(2);
  });

  it('keeps a state crossing a window boundary once', async () => {
    const { loaders } = harness(1, undefined, true, { scheduleWindowDays: 1 });
    // Chicago, one-day windows from 03-07 00:00: the boundary at 03-08 00:00 falls inside the
    // Night shift 22:00–06:00, which both windows' answers hold.
    const range = {
      fromMs: Date.parse('2026-03-07T00:00:00-06:00'),
      toMs: Date.parse('2026-03-09T00:00:00-05:00'),
    };
    const schedule = await loaders.scheduleByAgentRange.load({
      siteId: 1,
      agentId: 1001,
      ...range,
    });
    const nights = schedule.items.filter((i) => i.name === 'Night');
    expect(nights).toHaveLength(1);
    const starts = schedule.items.map((i) => `${i.type}@${i.start}`);
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('refuses options out of range', () => {
    const fakes = createFakes({ world: buildWorld(1), user: SUPERVISOR });
    expect(() => createLoaders(fakes.upstreams, testCall(), { scheduleWindowDays: 94 })).toThrow(
      RangeError,
    );
    expect(() =>
      createLoaders(fakes.upstreams, testCall(), { scheduleAgentDaysPerCall: 0 }),
    ).toThrow(RangeError);
  });

  it('makes one call per (site, range) group', async () => {
    const { fakes, loaders, agentsAt } = harness(5);
    const keys = [
      ...agentsAt(1).map((a) => ({ siteId: 1, agentId: a.id, ...WEEK })),
      ...agentsAt(1).map((a) => ({ siteId: 1, agentId: a.id, ...NEXT_WEEK })),
      ...agentsAt(2).map((a) => ({ siteId: 2, agentId: a.id, ...WEEK })),
    ];
    await Promise.all(keys.map((k) => loaders.scheduleByAgentRange.load(k)));
    const queries = fakes.log.of('GetAgentState').map((c) => c.args as AgentStateQuery);
    expect(queries).toHaveLength(3);
    expect(queries.map((q) => [q.siteId, q.agentIds?.length])).toEqual(
      expect.arrayContaining([
        [1, 5],
        [1, 5],
        [2, 5],
      ]),
    );
    // One site lookup for the zone, however many groups.
    expect(fakes.log.count('GetSite')).toBe(1);
  });

  it('asks WFM for the range in the site local OLE time', async () => {
    const { fakes, loaders } = harness(1);
    await loaders.scheduleByAgentRange.load({ siteId: 2, agentId: 2001, ...WEEK });
    const [query] = fakes.log.of('GetAgentState').map((c) => c.args as AgentStateQuery);
    // 2026-03-02T00:00-06:00 is 07:00 in Berlin; OLE day 46083 is 2026-03-02.
    expect(query?.startOle).toBeCloseTo(46083 + 7 / 24, 9);
    expect(query?.agentIds).toEqual([2001]);
  });

  it('puts an error at the failing keys only and resolves the rest', async () => {
    const { fakes, loaders, agentsAt } = harness(3);
    const refused = new UpstreamError('FORBIDDEN', 'privilege fault', {
      service: 'wfm-soap',
      operation: 'GetAgentState',
      reason: 'INSUFFICIENT_PRIVILEGES',
    });
    fakes.log.failures.push({
      operation: 'GetAgentState',
      when: (q) => (q as AgentStateQuery).siteId === 2,
      error: refused,
    });
    const keys = [...agentsAt(1), ...agentsAt(2)].map((a) => ({
      siteId: a.siteId,
      agentId: a.id,
      ...WEEK,
    }));
    const results = await loaders.scheduleByAgentRange.loadMany(keys);
    expect(results.map((r) => (r instanceof Error ? 'error' : r.siteId))).toEqual([
      1,
      1,
      1,
      'error',
      'error',
      'error',
    ]);
    expect(results[3]).toBe(refused);
  });

  it('fails only the chunk whose call failed', async () => {
    const { fakes, loaders, agentsAt } = harness(10, 4);
    const boom = new UpstreamError('ERROR', 'fault', {
      service: 'wfm-soap',
      operation: 'GetAgentState',
    });
    fakes.log.failures.push({
      operation: 'GetAgentState',
      when: (q) => (q as AgentStateQuery).agentIds?.includes(1005) ?? false,
      error: boom,
    });
    const results = await loaders.scheduleByAgentRange.loadMany(
      agentsAt(1).map((a) => ({ siteId: 1, agentId: a.id, ...WEEK })),
    );
    expect(results.map((r) => r instanceof Error)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('answers NOT_FOUND for keys of a site the caller cannot see, and no schedule call', async () => {
    const { fakes, loaders } = harness(2);
    fakes.soap.visibleSiteIds = [1];
    const results = await loaders.scheduleByAgentRange.loadMany([
      { siteId: 1, agentId: 1001, ...WEEK },
      { siteId: 2, agentId: 2001, ...WEEK },
    ]);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect(results[1]).toMatchObject({ code: 'NOT_FOUND' });
    expect(fakes.log.of('GetAgentState').map((c) => (c.args as AgentStateQuery).siteId)).toEqual([
      1,
    ]);
  });

  it('caches within the request: the same key twice costs one call', async () => {
    const { fakes, loaders } = harness(1);
    const key = { siteId: 1, agentId: 1001, ...WEEK };
    const [a, b] = await Promise.all([
      loaders.scheduleByAgentRange.load(key),
      loaders.scheduleByAgentRange.load({ ...key }),
    ]);
    expect(a).toBe(b);
    await loaders.scheduleByAgentRange.load({ ...key });
    expect(fakes.log.count('GetAgentState')).toBe(1);
  });
});

describe('scheduleByAgentRange conversion', () => {
  it('sorts items by start, longest first, in the site zone offset', async () => {
    const { loaders } = harness(1, undefined, true);
    const day = {
      fromMs: Date.parse('2026-03-03T00:00:00+01:00'),
      toMs: Date.parse('2026-03-04T00:00:00+01:00'),
    };
    const schedule = await loaders.scheduleByAgentRange.load({ siteId: 2, agentId: 2001, ...day });
    expect(schedule.items.map((i) => [i.type, i.start, i.end])).toEqual([
      ['SHIFT', '2026-03-03T09:00:00+01:00', '2026-03-03T17:00:00+01:00'],
      ['ACTIVITY', '2026-03-03T09:00:00+01:00', '2026-03-03T12:00:00+01:00'],
      ['BREAK', '2026-03-03T12:00:00+01:00', '2026-03-03T12:15:00+01:00'],
    ]);
    expect(schedule).toMatchObject({ agentId: 2001, siteId: 2, timeZone: 'Europe/Berlin', ...day });
  });

  it('gives a shift across the spring-forward change its real length and both offsets', async () => {
    const { loaders } = harness(1, undefined, true);
    const weekend = {
      fromMs: Date.parse('2026-03-07T12:00:00-06:00'),
      toMs: Date.parse('2026-03-08T12:00:00-05:00'),
    };
    const schedule = await loaders.scheduleByAgentRange.load({
      siteId: 1,
      agentId: 1001,
      ...weekend,
    });
    const night = schedule.items.find((i) => i.name === 'Night');
    expect(night).toMatchObject({
      start: '2026-03-07T22:00:00-06:00',
      end: '2026-03-08T06:00:00-05:00',
    });
    expect(Date.parse(night!.end) - Date.parse(night!.start)).toBe(7 * 3_600_000);
  });

  it('returns an empty schedule for an agent without states', async () => {
    const { loaders } = harness(1);
    const schedule = await loaders.scheduleByAgentRange.load({ siteId: 3, agentId: 3001, ...WEEK });
    expect(schedule.items).toEqual([]);
  });
});

describe('scheduleByAgentRange for an agent caller', () => {
  function agentHarness() {
    const world = withStates(buildWorld(5));
    const fakes = createFakes({
      world,
      user: SUPERVISOR,
      wfmUser: { userId: 1003, userType: 'AGENT', siteId: 1 },
    });
    fakes.soap.ownAgentId = 1003;
    return { fakes, loaders: createLoaders(fakes.upstreams, testCall()), world };
  }

  it('still answers the caller own schedule when WFM refuses the site-wide chunk', async () => {
    const { fakes, loaders, world } = agentHarness();
    const keys = world.agents
      .filter((a) => a.siteId === 1)
      .map((a) => ({ siteId: 1, agentId: a.id, ...WEEK }));
    const results = await loaders.scheduleByAgentRange.loadMany(keys);
    expect(
      results.map((r) => (r instanceof Error ? (r as UpstreamError).reason : r.agentId)),
    ).toEqual([
      'INSUFFICIENT_PRIVILEGES',
      'INSUFFICIENT_PRIVILEGES',
      1003,
      'INSUFFICIENT_PRIVILEGES',
      'INSUFFICIENT_PRIVILEGES',
    ]);
    expect(fakes.log.count('GetAgentState')).toBe(2);
    expect(fakes.log.count('system/userinfo')).toBe(1);
  });

  it('does not retry for a supervisor', async () => {
    const { fakes, loaders, agentsAt } = harness(3);
    fakes.log.failures.push({ operation: 'GetAgentState', error: privilegeFault('GetAgentState') });
    const results = await loaders.scheduleByAgentRange.loadMany(
      agentsAt(1).map((a) => ({ siteId: 1, agentId: a.id, ...WEEK })),
    );
    expect(results.every((r) => r instanceof Error)).toBe(true);
    expect(fakes.log.count('GetAgentState')).toBe(1);
  });
});
