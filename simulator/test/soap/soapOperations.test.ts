import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/createSimulator.js';
import { instantToOle } from '../../src/time/ole.js';
import { send, start } from '../harness.js';
import {
  bearer,
  openSession,
  SERVICES,
  servedClient,
  userId,
  type OpenedSession,
} from './soapHarness.js';

/** OLE date of a wall-clock date (local midnight). */
const oleDay = (y: number, m: number, d: number): number =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe('simulated WFM SOAP: every operation through node-soap clients built from the served WSDLs', () => {
  let sim: Simulator;
  let sam: OpenedSession;

  beforeAll(async () => {
    sim = await start({ today: new Date('2026-03-04T12:00:00Z') });
    sam = await openSession(sim, 'sam.supervisor');
  });
  afterAll(() => sim.close());

  it.each(SERVICES)(
    'serves %s.wsdl at ?wsdl without a token, soap:address pointing at the simulator',
    async (service) => {
      const reply = await send(`${sim.url}/?Handler=${service}&wsdl`);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/xml/);
      expect(reply.text).toContain(`targetNamespace="urn:${service}"`);
      expect(reply.text).toContain(`<soap:address location="${sim.url}/?Handler=${service}"/>`);
      expect(sim.log.entries({ operation: 'wsdl' }).length).toBeGreaterThan(0);
    },
  );

  it('LocateServer answers the absolute session service URL and the user id', async () => {
    const locator = await servedClient(sim, 'WFMLocatorService800');
    const id = userId(sim, 'sam.supervisor');
    const [result] = await locator.LocateServerAsync(
      { serviceName: 'SessionService800', appName: 't', userID: id },
      {},
      bearer(sam.token),
    );
    expect(result).toEqual({
      LocateServerResult: {
        sessionServiceURL: `${sim.url}/?Handler=WFMSessionService800`,
        userID: id,
      },
    });
  });

  it('OpenSession lists the session, config and schedule services, each with the SessionID', () => {
    expect(Object.keys(sam.urls).sort()).toEqual([
      'ConfigService850',
      'ScheduleService852',
      'SessionService800',
    ]);
    const ids = new Set(
      Object.values(sam.urls).map((u) => new URL(u).searchParams.get('SessionID')),
    );
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(sam.urls.ConfigService850).toMatch(
      new RegExp(`^${sim.url.replace(/\./g, '\\.')}/\\?Handler=WFMConfigService850&SessionID=`),
    );
  });

  it("GetSite answers the supervisor's sites (US and EU), sorted by name when asked", async () => {
    const [byName] = await sam.config.GetSiteAsync(
      { sortMode: 'CFG_SITE_SORT_NAME' },
      {},
      bearer(sam.token),
    );
    expect(byName.GetSiteResult).toEqual({
      objectArray: [
        { wmSiteId: 2, wmBUId: 2, wmName: 'Berlin Contact Center', wmTimeZone: 'Europe/Berlin' },
        { wmSiteId: 1, wmBUId: 1, wmName: 'Chicago Contact Center', wmTimeZone: 'America/Chicago' },
      ],
      objectArrayNSizeIs: 2,
      objectShortArrayNSizeIs: 0,
    });
    const [short] = await sam.config.GetSiteAsync(
      { filter: { wmSiteId: [1], wmSiteIdNSizeIs: 1 }, infoType: 'CFG_INFO_OBJECT_SHORT' },
      {},
      bearer(sam.token),
    );
    expect(short.GetSiteResult).toEqual({
      objectArrayNSizeIs: 0,
      objectShortArray: [{ wmSiteId: 1, wmName: 'Chicago Contact Center' }],
      objectShortArrayNSizeIs: 1,
    });
  });

  it('GetTeam and GetAgent answer the teams and agents of the filtered sites', async () => {
    const [teams] = await sam.config.GetTeamAsync(
      { filter: { wmSiteId: [2] } },
      {},
      bearer(sam.token),
    );
    const expectedTeams = sim.world.teams.filter((t) => t.siteId === 2);
    expect(teams.GetTeamResult.objectArrayNSizeIs).toBe(expectedTeams.length);
    expect(teams.GetTeamResult.objectArray.map((t: { wmTeamId: number }) => t.wmTeamId)).toEqual(
      expectedTeams.map((t) => t.id).sort((a, b) => a - b),
    );

    const [agents] = await sam.config.GetAgentAsync({ filter: {} }, {}, bearer(sam.token));
    const visible = sim.world.agents.filter((a) => a.siteId === 1 || a.siteId === 2);
    expect(agents.GetAgentResult.objectArrayNSizeIs).toBe(visible.length);
    const alex = agents.GetAgentResult.objectArray.find(
      (a: { gswAgentId: number }) => a.gswAgentId === 1003,
    );
    expect(alex).toEqual({
      gswAgentId: 1003,
      gswFirstName: 'Alex',
      gswLastName: 'Agent',
      wmSiteId: 1,
      wmTeamId: 11,
    });

    const team = expectedTeams[0]!;
    const [ofTeam] = await sam.config.GetAgentAsync(
      { filter: { wmTeamId: [team.id] } },
      {},
      bearer(sam.token),
    );
    expect(
      ofTeam.GetAgentResult.objectArray.every((a: { wmTeamId: number }) => a.wmTeamId === team.id),
    ).toBe(true);
  });

  it('GetAgentState answers OLE dates in site local time across the Chicago DST change, with state names', async () => {
    const start = oleDay(2026, 3, 2);
    const end = oleDay(2026, 3, 9);
    const [result] = await sam.schedule.GetAgentStateAsync(
      {
        source: 'SCH_SOURCE_COMMITTED',
        scenarioId: 0,
        siteId: 1,
        startDateTime: start,
        endDateTime: end,
        agentId: [1003],
      },
      {},
      bearer(sam.token),
    );
    const holder = result.GetAgentStateResult;
    const fromMs = Date.parse('2026-03-02T06:00:00Z');
    const toMs = Date.parse('2026-03-09T05:00:00Z');
    const expected = sim.world
      .statesFor(1003, fromMs, toMs)
      .filter((s) => s.endMs > fromMs && s.startMs < toMs);
    expect(holder.schAgentStateNSizeIs).toBe(expected.length);
    expect(holder.schAgentState).toHaveLength(expected.length);
    const got = holder.schAgentState.map(
      (s: { wmStartDateTime: number; wmEndDateTime: number }) => [
        s.wmStartDateTime,
        s.wmEndDateTime,
      ],
    );
    for (const s of expected) {
      expect(got).toContainEqual([
        instantToOle(s.startMs, 'America/Chicago'),
        instantToOle(s.endMs, 'America/Chicago'),
      ]);
    }
    // Every state's (type, id) has its name in the lookup.
    const names = new Set(
      holder.schStateInfo.map(
        (i: { wmStateType: string; wmStateId: number }) => `${i.wmStateType}:${i.wmStateId}`,
      ),
    );
    for (const s of holder.schAgentState)
      expect(names.has(`${s.wmStateType}:${s.wmStateId}`)).toBe(true);
    expect(holder.schStateInfoNSizeIs).toBe(names.size);
    expect(holder.schStateInfo).toContainEqual({
      wmStateType: '8',
      wmStateId: 2,
      wmName: 'Day shift',
    });
  });

  it('GetAgentState for a whole site and team narrows by the filters', async () => {
    const args = { siteId: 2, startDateTime: oleDay(2026, 3, 2), endDateTime: oleDay(2026, 3, 3) };
    const [all] = await sam.schedule.GetAgentStateAsync(args, {}, bearer(sam.token));
    const siteAgents = new Set(sim.world.agents.filter((a) => a.siteId === 2).map((a) => a.id));
    const seen = new Set(
      all.GetAgentStateResult.schAgentState.map((s: { gswAgentId: number }) => s.gswAgentId),
    );
    expect([...seen].every((id) => siteAgents.has(id as number))).toBe(true);
    expect(seen.size).toBeGreaterThan(1);

    const team = sim.world.teams.find((t) => t.siteId === 2)!;
    const [ofTeam] = await sam.schedule.GetAgentStateAsync(
      { ...args, teamId: [team.id] },
      {},
      bearer(sam.token),
    );
    const teamAgents = new Set(
      sim.world.agents.filter((a) => a.teamId === team.id).map((a) => a.id),
    );
    expect(
      ofTeam.GetAgentStateResult.schAgentState.every((s: { gswAgentId: number }) =>
        teamAgents.has(s.gswAgentId),
      ),
    ).toBe(true);
  });

  it('pat.supervisor sees only the Asia-Pacific site', async () => {
    const pat = await openSession(sim, 'pat.supervisor');
    const [sites] = await pat.config.GetSiteAsync({}, {}, bearer(pat.token));
    expect(sites.GetSiteResult.objectArray).toEqual([
      { wmSiteId: 3, wmBUId: 3, wmName: 'Sydney Contact Center', wmTimeZone: 'Australia/Sydney' },
    ]);
  });

  it('an agent sees their own site, its teams and agents, and reads their own schedule', async () => {
    const alex = await openSession(sim, 'alex.agent');
    const [sites] = await alex.config.GetSiteAsync({}, {}, bearer(alex.token));
    expect(sites.GetSiteResult.objectArray.map((s: { wmSiteId: number }) => s.wmSiteId)).toEqual([
      1,
    ]);
    const [agents] = await alex.config.GetAgentAsync({}, {}, bearer(alex.token));
    expect(agents.GetAgentResult.objectArrayNSizeIs).toBe(
      sim.world.agents.filter((a) => a.siteId === 1).length,
    );
    const [own] = await alex.schedule.GetAgentStateAsync(
      {
        siteId: 1,
        startDateTime: oleDay(2026, 3, 2),
        endDateTime: oleDay(2026, 3, 4),
        agentId: [1003],
      },
      {},
      bearer(alex.token),
    );
    expect(own.GetAgentStateResult.schAgentStateNSizeIs).toBeGreaterThan(0);
  });

  it("one shared client carries each caller's own token and session URL per call", async () => {
    const alex = await openSession(sim, 'alex.agent');
    sim.log.clear();
    // node-soap's default HTTP client takes a per-call `url` option (axios request option).
    const shared = await servedClient(sim, 'WFMConfigService850');
    const [forSam, forAlex] = await Promise.all([
      shared.GetSiteAsync({}, { url: sam.urls.ConfigService850 }, bearer(sam.token)),
      shared.GetSiteAsync({}, { url: alex.urls.ConfigService850 }, bearer(alex.token)),
    ]);
    expect(forSam[0].GetSiteResult.objectArrayNSizeIs).toBe(2);
    expect(forAlex[0].GetSiteResult.objectArrayNSizeIs).toBe(1);
    const identities = sim.log
      .entries({ service: 'wfm-soap', operation: 'GetSite' })
      .map((e) => e.identity)
      .sort();
    expect(identities).toEqual(['alex.agent', 'sam.supervisor']);
  });

  it('CloseSession ends the session', async () => {
    const pat = await openSession(sim, 'pat.supervisor');
    const [closed] = await pat.session.CloseSessionAsync({}, {}, bearer(pat.token));
    expect(closed).toBeNull();
    await expect(pat.config.GetSiteAsync({}, {}, bearer(pat.token))).rejects.toMatchObject({
      root: {
        Envelope: { Body: { Fault: { detail: { WFMError: { code: 'INVALID_SESSION' } } } } },
      },
    });
  });

  it('records what each call asked and answered in the request log', async () => {
    sim.log.clear();
    await sam.schedule.GetAgentStateAsync(
      {
        siteId: 1,
        startDateTime: oleDay(2026, 3, 2),
        endDateTime: oleDay(2026, 3, 3),
        agentId: [1003, 2001],
      },
      {},
      bearer(sam.token),
    );
    const [entry] = sim.log.entries({ operation: 'GetAgentState' });
    expect(entry).toMatchObject({ service: 'wfm-soap', status: 200, identity: 'sam.supervisor' });
    expect(entry!.detail).toMatchObject({ siteId: 1, agents: 2, agentIds: 2 });
  });
});

describe('simulated WFM SOAP with an advertised base URL', () => {
  it('builds every service URL from it, as a WFM server behind NAT does', async () => {
    const sim = await start({ advertisedBaseUrl: 'http://wfm-internal.example:6030/' });
    try {
      const token = (await sim.passwordToken('sam.supervisor')).access_token;
      const locator = await servedClient(sim, 'WFMLocatorService800', sim.locatorUrl);
      const [located] = await locator.LocateServerAsync(
        { serviceName: 'SessionService800', appName: 't', userID: 1001 },
        {},
        bearer(token),
      );
      expect(located.LocateServerResult.sessionServiceURL).toBe(
        'http://wfm-internal.example:6030/?Handler=WFMSessionService800',
      );
      const wsdl = await send(`${sim.url}/?Handler=WFMConfigService850&wsdl`);
      expect(wsdl.text).toContain(
        'location="http://wfm-internal.example:6030/?Handler=WFMConfigService850"',
      );
    } finally {
      await sim.close();
    }
  });
});
