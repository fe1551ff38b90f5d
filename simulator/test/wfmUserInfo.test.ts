import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { getWith, header, send, start, tokenRequest } from './harness.js';

describe('WFM REST system/userinfo', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  const userinfo = async (user: string) =>
    getWith(`${sim.wfmUrl}/system/userinfo`, (await sim.passwordToken(user)).access_token);

  it('answers an agent with its site and time zone', async () => {
    const reply = await userinfo('alex.agent');
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      userId: 1003,
      userType: 'AGENT',
      userName: 'alex.agent',
      firstName: 'Alex',
      lastName: 'Agent',
      siteId: 1,
      buId: 1,
      timeZone: 'America/Chicago',
    });
  });

  it('answers a supervisor with the first of their sites', async () => {
    expect((await userinfo('sam.supervisor')).json()).toMatchObject({
      userId: 1001,
      userType: 'SUPERVISOR',
      siteId: 1,
    });
    expect((await userinfo('pat.supervisor')).json()).toMatchObject({
      userType: 'SUPERVISOR',
      siteId: 3,
      timeZone: 'Australia/Sydney',
    });
  });

  it('answers numbered agents with their own DBID (= the SOAP userId)', async () => {
    const reply = await userinfo('agent002');
    const agent = sim.world.agents.find((a) => a.id === reply.json().userId)!;
    expect(agent.siteId).toBe(reply.json().siteId);
  });

  it('answers 403 for a user not provisioned in WFM and for client tokens', async () => {
    const nina = await userinfo('nina.noprov');
    expect(nina.status).toBe(403);
    expect(nina.json()).toEqual({ message: 'User is not provisioned in WFM' });
    const client = (await tokenRequest(sim, { grant_type: 'client_credentials' })).json()
      .access_token as string;
    expect((await getWith(`${sim.wfmUrl}/system/userinfo`, client)).status).toBe(403);
  });

  it('answers 401 for a missing or bad token', async () => {
    expect((await send(`${sim.wfmUrl}/system/userinfo`)).status).toBe(401);
    const bad = await getWith(`${sim.wfmUrl}/system/userinfo`, 'bogus');
    expect(bad.status).toBe(401);
    expect(header(bad, 'www-authenticate')).toContain('invalid_token');
  });

  it('logs the call with the identity of the token', async () => {
    sim.log.clear();
    await userinfo('pat.supervisor');
    expect(sim.log.entries({ service: 'wfm' })).toEqual([
      expect.objectContaining({
        operation: 'system/userinfo',
        identity: 'pat.supervisor',
        status: 200,
        detail: { userId: 1002, userType: 'SUPERVISOR' },
      }),
    ]);
  });

  it('answers 404 for unknown WFM paths', async () => {
    expect(
      (await getWith(`${sim.wfmUrl}/nothing`, (await sim.passwordToken('alex.agent')).access_token))
        .status,
    ).toBe(404);
  });
});
