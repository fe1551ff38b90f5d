import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import type { AgentStateQuery } from '../../../src/types/WfmSoapApi.js';
import { AGENT, buildWorld } from '../../helpers/fakeWorld.js';
import { createSchemaHarness } from '../../helpers/schemaHarness.js';

const SCHEDULES = `query ($siteId: ID!, $from: DateTime!, $to: DateTime!, $agentIds: [ID!], $teamIds: [ID!]) {
  schedules(siteId: $siteId, from: $from, to: $to, agentIds: $agentIds, teamIds: $teamIds) {
    agent { id } from to items { type name start end fullDay paid }
  }
}`;
const DAY = { from: '2026-03-03T00:00:00+01:00', to: '2026-03-04T00:00:00+01:00' };

type Schedules = { agent: { id: string }; from: string; to: string; items: { type: string }[] }[];

describe('Query.schedules', () => {
  it('returns every agent of the site with items in the site zone, in one GetAgentState', async () => {
    const h = createSchemaHarness();
    const result = await h.run(SCHEDULES, { siteId: '2', ...DAY });
    expect(result.errors).toBeUndefined();
    const schedules = result.data?.['schedules'] as Schedules;
    expect(schedules.map((s) => s.agent.id)).toEqual(['2001', '2002', '2003']);
    expect(schedules[0]).toEqual({
      agent: { id: '2001' },
      from: '2026-03-03T00:00:00+01:00',
      to: '2026-03-04T00:00:00+01:00',
      items: [
        {
          type: 'SHIFT',
          name: 'Day',
          start: '2026-03-03T09:00:00+01:00',
          end: '2026-03-03T17:00:00+01:00',
          fullDay: false,
          paid: true,
        },
        {
          type: 'ACTIVITY',
          name: 'Phones',
          start: '2026-03-03T09:00:00+01:00',
          end: '2026-03-03T12:00:00+01:00',
          fullDay: false,
          paid: true,
        },
        {
          type: 'BREAK',
          name: 'Break',
          start: '2026-03-03T12:00:00+01:00',
          end: '2026-03-03T12:15:00+01:00',
          fullDay: false,
          paid: true,
        },
      ],
    });
    expect(h.fakes.log.count('GetAgentState')).toBe(1);
  });

  it('emits from/to in the site offset whatever offset the client used', async () => {
    const h = createSchemaHarness();
    const result = await h.run(SCHEDULES, {
      siteId: '1',
      from: '2026-03-03T06:00:00Z',
      to: '2026-03-03T18:00:00Z',
    });
    expect((result.data?.['schedules'] as Schedules)[0]).toMatchObject({
      from: '2026-03-03T00:00:00-06:00',
      to: '2026-03-03T12:00:00-06:00',
    });
  });

  it('filters by agentIds, by teamIds and by both; ids elsewhere are ignored', async () => {
    const h = createSchemaHarness();
    const ids = async (vars: Record<string, unknown>) =>
      (
        (await h.run(SCHEDULES, { siteId: '1', ...DAY, ...vars })).data?.['schedules'] as Schedules
      ).map((s) => s.agent.id);
    expect(await ids({ agentIds: ['1003', '1001', '2001', '424242'] })).toEqual(['1003', '1001']);
    expect(await ids({ teamIds: ['11'] })).toEqual(['1001', '1003']);
    expect(await ids({ teamIds: ['12', '21'] })).toEqual(['1002']);
    expect(await ids({ agentIds: ['1001', '1002'], teamIds: ['12'] })).toEqual(['1002']);
  });

  it.each([
    ['to equal to from', { from: DAY.from, to: DAY.from }, 'must be after'],
    ['to before from', { from: DAY.to, to: DAY.from }, 'must be after'],
    [
      'a range over the limit',
      { from: DAY.from, to: '2026-04-10T00:00:00+02:00' },
      'at most 31 days',
    ],
    ['a bad site id', { siteId: 'site-1' }, 'unknown id format'],
    ['a bad agent id', { agentIds: ['1001', 'x'] }, 'unknown id format'],
    ['a bad team id', { teamIds: ['t'] }, 'unknown id format'],
  ])('rejects %s with BAD_USER_INPUT before any upstream call', async (_name, vars, message) => {
    const h = createSchemaHarness();
    const result = await h.run(SCHEDULES, { siteId: '1', ...DAY, ...vars });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(message),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(h.fakes.log.calls).toEqual([]);
  });

  it('rejects a DateTime without offset as BAD_USER_INPUT, variables and literals alike', async () => {
    const h = createSchemaHarness();
    const byVariable = await h.run(SCHEDULES, {
      siteId: '1',
      from: '2026-03-03T00:00:00',
      to: DAY.to,
    });
    const byLiteral = await h.run(
      `{ schedules(siteId: "1", from: "2026-03-03", to: "${DAY.to}") { agent { id } } }`,
    );
    for (const result of [byVariable, byLiteral]) {
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('explicit offset'),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    expect(h.fakes.log.calls).toEqual([]);
  });

  it('surfaces a WFM privilege fault as FORBIDDEN / INSUFFICIENT_PRIVILEGES', async () => {
    const h = createSchemaHarness();
    h.fakes.log.failures.push({
      operation: 'GetAgentState',
      error: new UpstreamError('FORBIDDEN', 'fault', {
        service: 'wfm-soap',
        operation: 'GetAgentState',
        status: 500,
        reason: 'INSUFFICIENT_PRIVILEGES',
      }),
    });
    const result = await h.run(SCHEDULES, { siteId: '1', ...DAY });
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      {
        code: 'FORBIDDEN',
        reason: 'INSUFFICIENT_PRIVILEGES',
        upstream: { service: 'wfm-soap', operation: 'GetAgentState', status: 500 },
      },
    ]);
  });
});

describe('Query.schedules for an agent caller', () => {
  function agentHarness() {
    const h = createSchemaHarness({
      user: AGENT,
      wfmUser: { userId: 1001, userType: 'AGENT', siteId: 1 },
    });
    h.fakes.soap.ownAgentId = 1001;
    return h;
  }

  it("is FORBIDDEN / INSUFFICIENT_PRIVILEGES without agentIds (WFM refuses others' schedules)", async () => {
    const result = await agentHarness().run(SCHEDULES, { siteId: '1', ...DAY });
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['reason']])).toEqual([
      ['FORBIDDEN', 'INSUFFICIENT_PRIVILEGES'],
    ]);
  });

  it('answers the agent own schedule when asked by id', async () => {
    const result = await agentHarness().run(SCHEDULES, { siteId: '1', agentIds: ['1001'], ...DAY });
    expect(result.errors).toBeUndefined();
    expect(
      (result.data?.['schedules'] as Schedules).map((s) => [s.agent.id, s.items.length]),
    ).toEqual([['1001', 3]]);
  });
});

describe('Agent.schedule (the N+1 shape)', () => {
  const QUERY = `{ site(id: "1") { agents { id schedule(from: "${DAY.from}", to: "${DAY.to}") { items { type } } } } }`;

  it.each([
    [500, 2],
    [250, 4],
  ])(
    '1,000 agents with maxBatchSize %i cost %i GetAgentState calls and 2 config calls',
    async (maxBatchSize, calls) => {
      const h = createSchemaHarness({ world: buildWorld(1000), maxBatchSize });
      const result = await h.run(QUERY);
      expect(result.errors).toBeUndefined();
      expect((result.data?.['site'] as { agents: unknown[] }).agents).toHaveLength(1000);
      expect(h.fakes.log.count('GetAgentState')).toBe(calls);
      expect(h.fakes.log.count('GetSite')).toBe(1);
      expect(h.fakes.log.count('GetAgent')).toBe(1);
    },
  );

  it('batches two ranges of one site into one call per range, and puts a failure only on its range', async () => {
    const h = createSchemaHarness();
    h.fakes.log.failures.push({
      operation: 'GetAgentState',
      when: (q) => (q as AgentStateQuery).startOle >= 46090,
      error: new UpstreamError('ERROR', 'fault', {
        service: 'wfm-soap',
        operation: 'GetAgentState',
      }),
    });
    const W1 = 'from: "2026-03-02T00:00:00-06:00", to: "2026-03-09T00:00:00-05:00"';
    const W2 = 'from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00"';
    const result = await h.run(`{
      a: agent(id: "1001") { week1: schedule(${W1}) { items { type } } }
      b: agent(id: "1002") { week2: schedule(${W2}) { items { type } } }
      c: agent(id: "1003") { week1: schedule(${W1}) { items { type } } week2: schedule(${W2}) { items { type } } }
    }`);
    expect(h.fakes.log.count('GetAgentState')).toBe(2);
    expect(result.data?.['a']).toMatchObject({ week1: { items: expect.any(Array) } });
    expect(result.data?.['b']).toBeNull();
    expect(result.data?.['c']).toBeNull();
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']])).toEqual(
      expect.arrayContaining([['b.week2', 'UPSTREAM_ERROR']]),
    );
  });

  it('rejects a bad range on the field only', async () => {
    const h = createSchemaHarness();
    const result = await h.run(
      `{ agent(id: "1001") { id schedule(from: "${DAY.to}", to: "${DAY.from}") { items { type } } } }`,
    );
    expect(result.data).toEqual({ agent: null });
    expect(result.errors?.[0]).toMatchObject({
      path: ['agent', 'schedule'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(h.fakes.log.count('GetAgentState')).toBe(0);
  });
});
