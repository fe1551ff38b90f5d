import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/createSimulator.js';
import { send, start } from '../harness.js';
import {
  bearer,
  envelope,
  fault,
  faultCodeIn,
  openSession,
  rawSoap,
  servedClient,
  type OpenedSession,
} from './soapHarness.js';

const day = (y: number, m: number, d: number): number =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
const MARCH_2 = day(2026, 3, 2);
const MARCH_3 = day(2026, 3, 3);

describe('simulated WFM SOAP: authentication, sessions, visibility and faults', () => {
  let sim: Simulator;
  let sam: OpenedSession;
  let alex: OpenedSession;

  beforeAll(async () => {
    sim = await start({ today: new Date('2026-03-04T12:00:00Z') });
    sam = await openSession(sim, 'sam.supervisor');
    alex = await openSession(sim, 'alex.agent');
  });
  afterAll(() => sim.close());

  describe('Bearer token on every call', () => {
    const locate = envelope(
      '<LocateServer xmlns="urn:WFMLocatorService800"><serviceName>SessionService800</serviceName><appName>t</appName><userID>1001</userID></LocateServer>',
    );

    it('answers 401 with WWW-Authenticate: Bearer without a token', async () => {
      const reply = await rawSoap(sim.locatorUrl, locate);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toMatch(/^Bearer\b/);
      expect(sim.log.entries({ operation: 'LocateServer', status: 401 }).length).toBeGreaterThan(0);
    });

    it('answers 401 with error="invalid_token" for an unknown token, on service calls too', async () => {
      const reply = await rawSoap(sim.locatorUrl, locate, bearer('not-a-real-token'));
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
      const config = await rawSoap(
        sam.urls.ConfigService850,
        envelope('<GetSite xmlns="urn:WFMConfigService850"/>'),
      );
      expect(config.status).toBe(401);
    });

    it('refuses the on-premises *Login methods with NOT_SUPPORTED', async () => {
      const locator = await servedClient(sim, 'WFMLocatorService800');
      expect(
        await fault(
          locator.LocateServerLoginAsync(
            {
              serviceName: 'SessionService800',
              appName: 't',
              userName: 'sam.supervisor',
              password: 'demo-password',
            },
            {},
            bearer(sam.token),
          ),
        ),
      ).toEqual({ status: 500, faultcode: 'soap:Client', code: 'NOT_SUPPORTED' });
      const session = await servedClient(sim, 'WFMSessionService800');
      expect(
        await fault(
          session.OpenSessionLoginAsync(
            { appName: 't', userName: 'sam.supervisor', password: 'demo-password' },
            {},
            bearer(sam.token),
          ),
        ),
      ).toMatchObject({ code: 'NOT_SUPPORTED' });
    });
  });

  describe('handshake privileges', () => {
    it('refuses a user not provisioned in WFM with INSUFFICIENT_PRIVILEGES', async () => {
      const token = (await sim.passwordToken('nina.noprov')).access_token;
      const locator = await servedClient(sim, 'WFMLocatorService800');
      expect(
        await fault(
          locator.LocateServerAsync(
            { serviceName: 'SessionService800', appName: 't', userID: 1004 },
            {},
            bearer(token),
          ),
        ),
      ).toEqual({
        status: 500,
        faultcode: 'soap:Client',
        code: 'INSUFFICIENT_PRIVILEGES',
      });
      const session = await servedClient(sim, 'WFMSessionService800');
      expect(
        await fault(session.OpenSessionAsync({ appName: 't', userID: 1004 }, {}, bearer(token))),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
    });

    it("refuses a userID that is not the caller's own", async () => {
      const session = await servedClient(sim, 'WFMSessionService800');
      expect(
        await fault(
          session.OpenSessionAsync({ appName: 't', userID: 1001 }, {}, bearer(alex.token)),
        ),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
    });

    it('answers NOT_FOUND for a service the locator does not know', async () => {
      const locator = await servedClient(sim, 'WFMLocatorService800');
      expect(
        await fault(
          locator.LocateServerAsync(
            { serviceName: 'ReportService800', appName: 't', userID: 1001 },
            {},
            bearer(sam.token),
          ),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('sessions', () => {
    it('needs a SessionID on service calls', async () => {
      const config = await servedClient(sim, 'WFMConfigService850');
      expect(await fault(config.GetSiteAsync({}, {}, bearer(sam.token)))).toMatchObject({
        code: 'INVALID_SESSION',
      });
    });

    it('refuses an unknown SessionID', async () => {
      const config = await servedClient(
        sim,
        'WFMConfigService850',
        `${sim.url}/?Handler=WFMConfigService850&SessionID=forged`,
      );
      expect(await fault(config.GetSiteAsync({}, {}, bearer(sam.token)))).toMatchObject({
        code: 'INVALID_SESSION',
      });
    });

    it('refuses a session opened by another token, even of the same user', async () => {
      expect(await fault(sam.config.GetSiteAsync({}, {}, bearer(alex.token)))).toMatchObject({
        code: 'INVALID_SESSION',
      });
      const samAgain = (await sim.passwordToken('sam.supervisor')).access_token;
      expect(await fault(sam.config.GetSiteAsync({}, {}, bearer(samAgain)))).toMatchObject({
        code: 'INVALID_SESSION',
      });
    });
  });

  describe('visibility', () => {
    it('refuses a supervisor a site that is not theirs, and answers NOT_FOUND for an unknown one', async () => {
      const args = { siteId: 3, startDateTime: MARCH_2, endDateTime: MARCH_3 };
      expect(
        await fault(sam.schedule.GetAgentStateAsync(args, {}, bearer(sam.token))),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await fault(
          sam.schedule.GetAgentStateAsync({ ...args, siteId: 99 }, {}, bearer(sam.token)),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
      expect(
        await fault(sam.config.GetTeamAsync({ filter: { wmSiteId: [3] } }, {}, bearer(sam.token))),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await fault(
          sam.config.GetAgentAsync({ filter: { wmSiteId: [99] } }, {}, bearer(sam.token)),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists only visible sites through GetSite filters (no fault)', async () => {
      const [result] = await sam.config.GetSiteAsync(
        { filter: { wmSiteId: [3] } },
        {},
        bearer(sam.token),
      );
      expect(result.GetSiteResult.objectArrayNSizeIs).toBe(0);
    });

    it("refuses an agent other agents' schedules and the whole site", async () => {
      const base = { siteId: 1, startDateTime: MARCH_2, endDateTime: MARCH_3 };
      expect(
        await fault(alex.schedule.GetAgentStateAsync(base, {}, bearer(alex.token))),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await fault(
          alex.schedule.GetAgentStateAsync({ ...base, agentId: [2001] }, {}, bearer(alex.token)),
        ),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await fault(
          alex.schedule.GetAgentStateAsync(
            { ...base, agentId: [1003, 2001] },
            {},
            bearer(alex.token),
          ),
        ),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await fault(
          alex.schedule.GetAgentStateAsync({ ...base, teamId: [11] }, {}, bearer(alex.token)),
        ),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
      expect(
        await fault(
          alex.schedule.GetAgentStateAsync(
            { ...base, siteId: 2, agentId: [1003] },
            {},
            bearer(alex.token),
          ),
        ),
      ).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGES' });
    });
  });

  describe('arguments', () => {
    const state = (inner: string) =>
      envelope(
        `<GetAgentState xmlns="urn:WFMScheduleService852"><siteId>1</siteId>${inner}</GetAgentState>`,
      );
    const post = (url: string, body: string) => rawSoap(url, body, bearer(sam.token));

    it.each([
      [
        'an empty range',
        `<startDateTime>${MARCH_3}</startDateTime><endDateTime>${MARCH_2}</endDateTime>`,
      ],
      [
        'a range over 93 days',
        `<startDateTime>${MARCH_2}</startDateTime><endDateTime>${MARCH_2 + 94}</endDateTime>`,
      ],
      ['a missing end', `<startDateTime>${MARCH_2}</startDateTime>`],
      [
        'a non-numeric date',
        `<startDateTime>yesterday</startDateTime><endDateTime>${MARCH_3}</endDateTime>`,
      ],
      ['INF', `<startDateTime>-INF</startDateTime><endDateTime>${MARCH_3}</endDateTime>`],
      [
        'a non-integer agent id',
        `<startDateTime>${MARCH_2}</startDateTime><endDateTime>${MARCH_3}</endDateTime><agentId>1.5</agentId>`,
      ],
      [
        'an unknown source',
        `<source>SCH_SOURCE_GUESS</source><startDateTime>${MARCH_2}</startDateTime><endDateTime>${MARCH_3}</endDateTime>`,
      ],
    ])('refuses %s with INVALID_ARGUMENT', async (_name, inner) => {
      const reply = await post(sam.urls.ScheduleService852, state(inner));
      expect(reply.status).toBe(500);
      expect(faultCodeIn(reply.text)).toBe('INVALID_ARGUMENT');
    });

    it('refuses a count that does not match its list', async () => {
      const body = envelope(
        '<GetSite xmlns="urn:WFMConfigService850"><filter><wmSiteId>1</wmSiteId><wmSiteIdNSizeIs>2</wmSiteIdNSizeIs></filter></GetSite>',
      );
      expect(faultCodeIn((await post(sam.urls.ConfigService850, body)).text)).toBe(
        'INVALID_ARGUMENT',
      );
    });

    it('answers NOT_FOUND for a scenario (only the Master Schedule exists)', async () => {
      const reply = await post(
        sam.urls.ScheduleService852,
        state(
          `<source>SCH_SOURCE_SCENARIO</source><scenarioId>7</scenarioId><startDateTime>${MARCH_2}</startDateTime><endDateTime>${MARCH_3}</endDateTime>`,
        ),
      );
      expect(faultCodeIn(reply.text)).toBe('NOT_FOUND');
    });
  });

  describe('hostile and misrouted requests', () => {
    const post = (url: string, body: string) => rawSoap(url, body, bearer(sam.token));

    it('refuses DOCTYPE and entity declarations without expanding them', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope('<GetSite xmlns="urn:WFMConfigService850">&e;</GetSite>').replace(/^<\?xml[^>]*\?>/, '')}`;
      const reply = await post(sam.urls.ConfigService850, xxe);
      expect(reply.status).toBe(500);
      expect(faultCodeIn(reply.text)).toBe('INVALID_ARGUMENT');
      expect(reply.text).not.toContain('root:');
    });

    it.each([
      ['not XML', 'hello'],
      ['not well-formed', envelope('<GetSite><filter></GetSite>')],
      ['no operation', envelope('')],
      [
        'a SOAP 1.2 envelope',
        '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><GetSite/></e:Body></e:Envelope>',
      ],
      [
        'prototype-polluting names',
        envelope(
          '<GetSite xmlns="urn:WFMConfigService850"><__proto__><x>1</x></__proto__></GetSite>',
        ),
      ],
      [
        'an operation of another service',
        envelope('<GetAgentState xmlns="urn:WFMScheduleService852"/>'),
      ],
    ])('answers a SOAP Fault for %s', async (_name, body) => {
      const reply = await post(sam.urls.ConfigService850, body);
      expect(reply.status).toBe(500);
      expect(reply.headers['content-type']).toMatch(/^text\/xml/);
      expect(reply.text).toContain('<faultcode>soap:Client</faultcode>');
      expect(faultCodeIn(reply.text)).toBe('INVALID_ARGUMENT');
      expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    });

    it('answers 404 for an unknown handler, 405 for GET without ?wsdl, 415 for another content type', async () => {
      expect((await send(`${sim.url}/?Handler=WFMNoSuchService`)).status).toBe(404);
      expect((await send(`${sim.url}/?Handler=WFMConfigService850`)).status).toBe(405);
      const json = await rawSoap(sam.urls.ConfigService850, '{}', {
        ...bearer(sam.token),
        'content-type': 'application/json',
      });
      expect(json.status).toBe(415);
    });
  });
});
