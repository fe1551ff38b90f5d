import { createHash } from 'node:crypto';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { instantToOle } from '../../../src/time/ole.js';
import { oleDay, startSoapApi, upstreamFailure, type SoapApiHarness } from './soapApiHarness.js';

/** The simulator's log hash of a token. */
const simHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex').slice(0, 16);

describe('WfmSoapApi against the simulator', () => {
  let h: SoapApiHarness;
  beforeAll(async () => {
    h = await startSoapApi();
  });
  afterEach(() => h.sim.faults.clear());
  afterAll(() => h.close());

  describe('the handshake', () => {
    it('runs LocateServer → OpenSession once per token and reuses the session for every service', async () => {
      const ctx = await h.ctx('sam.supervisor');
      h.sim.log.clear();
      await h.api.getSites(ctx);
      await h.api.getTeams(ctx, { siteIds: [1] });
      await h.api.getAgents(ctx, { siteIds: [1] });
      await h.api.getAgentStates(ctx, {
        siteId: 1,
        startOle: oleDay(2026, 3, 2),
        endOle: oleDay(2026, 3, 3),
      });
      expect(h.soapCalls('LocateServer')).toHaveLength(1);
      expect(h.soapCalls('OpenSession')).toHaveLength(1);
      expect(h.soapCalls().map((e) => e.operation)).toEqual([
        'LocateServer',
        'OpenSession',
        'GetSite',
        'GetTeam',
        'GetAgent',
        'GetAgentState',
      ]);
      expect(h.sim.log.entries({ service: 'wfm', operation: 'system/userinfo' })).toHaveLength(1);
    });

    it('shares one handshake between concurrent first calls of a token', async () => {
      const ctx = await h.ctx('pat.supervisor');
      h.sim.log.clear();
      await Promise.all(Array.from({ length: 8 }, () => h.api.getSites(ctx)));
      expect(h.soapCalls('LocateServer')).toHaveLength(1);
      expect(h.soapCalls('OpenSession')).toHaveLength(1);
      expect(h.soapCalls('GetSite')).toHaveLength(8);
    });

    it('gives each token its own session, even of the same user', async () => {
      const first = await h.ctx('sam.supervisor');
      const second = await h.ctx('sam.supervisor');
      h.sim.log.clear();
      await h.api.getSites(first);
      await h.api.getSites(second);
      expect(h.soapCalls('OpenSession').map((e) => e.tokenHash)).toEqual([
        simHash(first.token),
        simHash(second.token),
      ]);
    });

    it('opens a new session once after dropSession', async () => {
      const ctx = await h.ctx('sam.supervisor');
      await h.api.getSites(ctx);
      h.api.dropSession(ctx.tokenHash);
      h.sim.log.clear();
      await h.api.getSites(ctx);
      expect(h.soapCalls().map((e) => e.operation)).toEqual([
        'LocateServer',
        'OpenSession',
        'GetSite',
      ]);
    });

    it('does not remember a handshake that was running when its session was dropped', async () => {
      const ctx = await h.ctx('sam.supervisor');
      h.sim.log.clear();
      h.sim.faults.add({
        service: 'wfm-soap',
        operation: 'OpenSession',
        kind: 'latency',
        ms: 300,
        times: 1,
      });
      const running = h.api.getSites(ctx);
      await vi.waitFor(() => expect(h.soapCalls('LocateServer')).toHaveLength(1));
      h.api.dropSession(ctx.tokenHash); // a sign-out while OpenSession is still out
      await expect(running).resolves.toBeDefined(); // its own caller still gets its answer
      await h.api.getSites(ctx);
      expect(h.soapCalls('OpenSession')).toHaveLength(2);
    });

    it('redoes the handshake once when WFM no longer knows the session, and the call succeeds', async () => {
      const ctx = await h.ctx('sam.supervisor');
      await h.api.getSites(ctx);
      // End the session behind the gateway's back (CloseSession with the id the log shows).
      const sessionId = new URL(h.soapCalls('GetSite').at(-1)!.path, h.sim.url).searchParams.get(
        'SessionID',
      )!;
      const closed = await request(
        `${h.sim.url}/?Handler=WFMSessionService800&SessionID=${sessionId}`,
        {
          method: 'POST',
          headers: { 'content-type': 'text/xml', authorization: `Bearer ${ctx.token}` },
          body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><CloseSession xmlns="urn:WFMSessionService800"/></s:Body></s:Envelope>',
        },
      );
      expect(closed.statusCode).toBe(200);
      await closed.body.dump();
      h.sim.log.clear();
      const sites = await h.api.getSites(ctx);
      expect(sites.map((s) => s.id).sort()).toEqual([1, 2]);
      expect(h.soapCalls().map((e) => [e.operation, e.status])).toEqual([
        ['GetSite', 500],
        ['LocateServer', 200],
        ['OpenSession', 200],
        ['GetSite', 200],
      ]);
    });

    it('redoes it only once: a second INVALID_SESSION is an upstream ERROR', async () => {
      const ctx = await h.ctx('sam.supervisor');
      await h.api.getSites(ctx);
      h.sim.faults.add({
        service: 'wfm-soap',
        operation: 'GetSite',
        kind: 'soapFault',
        faultCode: 'soap:Client',
        detailCode: 'INVALID_SESSION',
        times: 2,
      });
      h.sim.log.clear();
      const error = await upstreamFailure(h.api.getSites(ctx));
      expect(error).toMatchObject({
        kind: 'ERROR',
        service: 'wfm-soap',
        operation: 'GetSite',
        status: 500,
      });
      expect(h.soapCalls().map((e) => e.operation)).toEqual([
        'GetSite',
        'LocateServer',
        'OpenSession',
        'GetSite',
      ]);
    });

    it('does not remember a failed handshake', async () => {
      const ctx = await h.ctx('pat.supervisor');
      h.sim.faults.add({
        service: 'wfm-soap',
        operation: 'OpenSession',
        kind: 'status',
        status: 503,
        times: 1,
      });
      expect(await upstreamFailure(h.api.getSites(ctx))).toMatchObject({
        kind: 'UNAVAILABLE',
        operation: 'OpenSession',
        status: 503,
      });
      h.sim.log.clear();
      await h.api.getSites(ctx);
      expect(h.soapCalls().map((e) => e.operation)).toEqual([
        'LocateServer',
        'OpenSession',
        'GetSite',
      ]);
    });

    it('stops before SOAP for a user not provisioned in WFM (WFM REST answers 403)', async () => {
      const ctx = await h.ctx('nina.noprov');
      h.sim.log.clear();
      expect(await upstreamFailure(h.api.getSites(ctx))).toMatchObject({
        kind: 'FORBIDDEN',
        service: 'wfm',
        reason: 'WFM_NOT_PROVISIONED',
      });
      expect(h.soapCalls()).toHaveLength(0);
    });
  });

  describe('token forwarding', () => {
    it("forwards each of 20 concurrent callers' own token on every SOAP request", async () => {
      const users = Array.from({ length: 20 }, (_, i) => `agent${String(i + 1).padStart(3, '0')}`);
      const contexts = await Promise.all(users.map((u) => h.ctx(u)));
      const owner = new Map(contexts.map((c, i) => [simHash(c.token), users[i]]));
      h.sim.log.clear();
      const answers = await Promise.all(
        contexts.map(async (ctx, i) => {
          const agent = h.sim.world.agents.find(
            (a) => a.id === h.sim.world.users.find((u) => u.userName === users[i])!.dbid,
          )!;
          const [sites, states] = await Promise.all([
            h.api.getSites(ctx),
            h.api.getAgentStates(ctx, {
              siteId: agent.siteId,
              startOle: oleDay(2026, 3, 2),
              endOle: oleDay(2026, 3, 4),
              agentIds: [agent.id],
            }),
          ]);
          return { agent, sites, states };
        }),
      );
      for (const { agent, sites, states } of answers) {
        expect(sites.map((s) => s.id)).toEqual([agent.siteId]);
        expect(states.length).toBeGreaterThan(0);
        expect(states.every((s) => s.agentId === agent.id)).toBe(true);
      }
      const entries = h.soapCalls();
      expect(entries.length).toBe(20 * 4);
      for (const entry of entries) {
        expect(entry.tokenHash).not.toBeNull();
        expect(entry.identity).toBe(owner.get(entry.tokenHash!));
      }
    });
  });

  describe('records', () => {
    it('maps sites, teams and agents', async () => {
      const ctx = await h.ctx('sam.supervisor');
      expect(await h.api.getSites(ctx, [1])).toEqual([
        { id: 1, buId: 1, name: 'Chicago Contact Center', timeZone: 'America/Chicago' },
      ]);
      const teams = await h.api.getTeams(ctx, { siteIds: [2] });
      expect(teams).toEqual(
        h.sim.world.teams
          .filter((t) => t.siteId === 2)
          .sort((a, b) => a.id - b.id)
          .map((t) => ({ id: t.id, siteId: 2, name: t.name })),
      );
      const agents = await h.api.getAgents(ctx, { agentIds: [1003, 2001] });
      expect(agents).toEqual(
        h.sim.world.agents
          .filter((a) => a.id === 1003 || a.id === 2001)
          .map((a) => ({
            id: a.id,
            firstName: a.firstName,
            lastName: a.lastName,
            siteId: a.siteId,
            teamId: a.teamId,
          })),
      );
    });

    it('maps agent states with type names and state-info names, OLE dates untouched', async () => {
      const ctx = await h.ctx('sam.supervisor');
      const states = await h.api.getAgentStates(ctx, {
        siteId: 1,
        startOle: oleDay(2026, 3, 2),
        endOle: oleDay(2026, 3, 9),
        agentIds: [1003],
      });
      const fromMs = Date.parse('2026-03-02T06:00:00Z');
      const toMs = Date.parse('2026-03-09T05:00:00Z');
      const infos = new Map(h.sim.world.stateInfos.map((i) => [`${i.type}:${i.stateId}`, i.name]));
      const expected = h.sim.world
        .statesFor(1003, fromMs, toMs)
        .filter((s) => s.endMs > fromMs && s.startMs < toMs)
        .map((s) => ({
          agentId: 1003,
          type: s.type,
          name: infos.get(`${s.type}:${s.stateId}`),
          startOle: instantToOle(s.startMs, 'America/Chicago'),
          endOle: instantToOle(s.endMs, 'America/Chicago'),
          fullDay: s.fullDay,
          paid: s.paid,
        }));
      expect(states).toHaveLength(expected.length);
      expect(new Set(states)).toEqual(new Set(expected));
      expect(states).toEqual(expect.arrayContaining(expected));
    });
  });

  describe('privileges', () => {
    it('surfaces WFM privilege faults as FORBIDDEN INSUFFICIENT_PRIVILEGES', async () => {
      const alex = await h.ctx('alex.agent');
      const range = { startOle: oleDay(2026, 3, 2), endOle: oleDay(2026, 3, 3) };
      expect(
        await upstreamFailure(h.api.getAgentStates(alex, { siteId: 1, ...range })),
      ).toMatchObject({
        kind: 'FORBIDDEN',
        reason: 'INSUFFICIENT_PRIVILEGES',
        service: 'wfm-soap',
        operation: 'GetAgentState',
        status: 500,
      });
      expect(
        await h.api.getAgentStates(alex, { siteId: 1, ...range, agentIds: [1003] }),
      ).not.toHaveLength(0);
      const sam = await h.ctx('sam.supervisor');
      expect(
        await upstreamFailure(h.api.getAgentStates(sam, { siteId: 3, ...range })),
      ).toMatchObject({ kind: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await upstreamFailure(h.api.getAgentStates(sam, { siteId: 42, ...range })),
      ).toMatchObject({ kind: 'NOT_FOUND' });
      expect(await upstreamFailure(h.api.getTeams(sam, { siteIds: [3] }))).toMatchObject({
        kind: 'FORBIDDEN',
        reason: 'INSUFFICIENT_PRIVILEGES',
      });
    });
  });
});

describe('WfmSoapApi with a WFM server that advertises an internal host name', () => {
  it('refuses service URLs outside the trusted origins (the token would go there)', async () => {
    const h = await startSoapApi({
      simulator: { advertisedBaseUrl: 'http://wfm-internal.example:6030' },
    });
    try {
      const ctx = await h.ctx('sam.supervisor');
      h.sim.log.clear();
      const error = await upstreamFailure(h.api.getSites(ctx));
      expect(error).toMatchObject({ kind: 'ERROR', operation: 'LocateServer' });
      expect(error.message).not.toContain('wfm-internal');
      expect(h.soapCalls().map((e) => e.operation)).toEqual(['LocateServer']);
    } finally {
      await h.close();
    }
  });

  it('works when rewriteServiceUrl maps them to the reachable address', async () => {
    let simUrl = '';
    const h = await startSoapApi({
      simulator: { advertisedBaseUrl: 'http://wfm-internal.example:6030' },
      api: { rewriteServiceUrl: (url) => url.replace('http://wfm-internal.example:6030', simUrl) },
    });
    simUrl = h.sim.url;
    try {
      const ctx = await h.ctx('sam.supervisor');
      expect((await h.api.getSites(ctx)).map((s) => s.id).sort()).toEqual([1, 2]);
    } finally {
      await h.close();
    }
  });
});
