import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { basic, getWith, header, pkcePair, send, start } from './harness.js';

function cloudToken(sim: Simulator, form: Record<string, string>, authorization = basic()) {
  return send(`${sim.cloudLoginUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: new URLSearchParams(form).toString(),
  });
}

function post(url: string, token: string, body: unknown) {
  return send(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const WFM = (sim: Simulator) => `${sim.cloudApiUrl}/workforcemanagement`;
/** Week of the Chicago DST change (Sunday 2026-03-08). */
const WEEK = { startDate: '2026-03-02T06:00:00Z', endDate: '2026-03-09T05:00:00Z' };

describe('simulator: Genesys Cloud side', () => {
  let sim: Simulator;
  let sam: string;
  let alex: string;
  beforeAll(async () => {
    sim = await start({ rateLimitPerMinute: 1000 });
    sam = sim.mintToken('cloud', 'sam.supervisor').access_token;
    alex = sim.mintToken('cloud', 'alex.agent').access_token;
  });
  afterAll(() => sim.close());

  it('client credentials token; ErrorBody token errors carry the duplicate description', async () => {
    const ok = await cloudToken(sim, { grant_type: 'client_credentials' });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
    const bad = await cloudToken(
      sim,
      { grant_type: 'client_credentials' },
      basic('demo-client', 'x'),
    );
    expect(bad.status).toBe(401);
    expect(bad.json()).toEqual({
      error: 'invalid_client',
      description: 'Bad client credentials',
      error_description: 'Bad client credentials',
    });
    const password = await cloudToken(sim, {
      grant_type: 'password',
      username: 'sam.supervisor',
      password: 'demo-password',
    });
    expect(password.json().error).toBe('unsupported_grant_type');
    // A Cloud token is not an Engage token.
    const engage = await getWith(`${sim.authUrl}/userinfo`, ok.json().access_token as string);
    expect(engage.status).toBe(401);
  });

  it('authorization code with PKCE through the sign-in form, then refresh', async () => {
    const { verifier, challenge } = pkcePair();
    const redirect = 'http://127.0.0.1:4000/playground/callback';
    const q = new URLSearchParams({
      client_id: 'demo-client',
      redirect_uri: redirect,
      response_type: 'code',
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const form = await send(`${sim.cloudLoginUrl}/oauth/authorize?${q}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<form method="post"');
    const signIn = await send(`${sim.cloudLoginUrl}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${q}&username=sam.supervisor&password=demo-password`,
    });
    expect(signIn.status).toBe(302);
    const location = new URL(header(signIn, 'location')!);
    expect(location.searchParams.get('state')).toBe('s1');
    const token = await cloudToken(sim, {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      redirect_uri: redirect,
      code_verifier: verifier,
    });
    expect(token.status).toBe(200);
    const me = await getWith(`${sim.cloudApiUrl}/users/me`, token.json().access_token as string);
    expect(me.json().username).toBe('sam.supervisor@demo.example.com');
    const refreshed = await cloudToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: token.json().refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json().access_token).not.toBe(token.json().access_token);
  });

  it('users/me?expand=authorization names roles and permissions; headers on every answer', async () => {
    const me = await getWith(`${sim.cloudApiUrl}/users/me?expand=authorization`, alex);
    expect(me.status).toBe(200);
    const body = me.json<{
      id: string;
      authorization: { roles: { name: string }[]; permissions: string[] };
    }>();
    expect(body.authorization.permissions).toContain('wfm:agentSchedule:view');
    expect(body.authorization.permissions).not.toContain('wfm:schedule:view');
    expect(body.authorization.roles.map((r) => r.name)).toContain('WFM Agent');
    expect(header(me, 'inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(me, 'inin-ratelimit-allowed')).toBe('1000');
    expect(Number(header(me, 'inin-ratelimit-count'))).toBeGreaterThan(0);
    expect(Number(header(me, 'inin-ratelimit-reset'))).toBeGreaterThan(0);
    const plain = await getWith(`${sim.cloudApiUrl}/users/me`, alex);
    expect(plain.json().authorization).toBeUndefined();
  });

  it('401 flavours as ErrorBody with contextId equal to the correlation header', async () => {
    const none = await send(`${sim.cloudApiUrl}/users/me`);
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ code: 'authentication.required', status: 401 });
    expect(none.json().contextId).toBe(header(none, 'inin-correlation-id'));
    const unknown = await getWith(
      `${sim.cloudApiUrl}/users/me`,
      '7d3c1d5e-0000-4000-8000-000000000000',
    );
    expect(unknown.json().code).toBe('bad.credentials');
    const engageToken = sim.mintToken('engage', 'sam.supervisor').access_token;
    expect((await getWith(`${sim.cloudApiUrl}/users/me`, engageToken)).status).toBe(401);
  });

  it('a supervisor lists the business unit, their management units, users, teams and activity codes', async () => {
    const bus = await getWith(`${WFM(sim)}/businessunits`, sam);
    const buId = bus.json<{ entities: { id: string }[] }>().entities[0]!.id;
    const mus = await getWith(`${WFM(sim)}/businessunits/${buId}/managementunits`, sam);
    const entities = mus.json<{ entities: { id: string; name: string; timeZone: string }[] }>()
      .entities;
    expect(entities.map((m) => m.timeZone)).toEqual(['America/Chicago', 'Europe/Berlin']);
    const listing = await getWith(`${WFM(sim)}/managementunits?pageSize=1`, sam);
    expect(listing.json()).toMatchObject({ pageSize: 1, pageNumber: 1, total: 2, pageCount: 2 });
    expect(listing.json().nextUri).toContain('pageNumber=2');
    const users = await getWith(`${WFM(sim)}/managementunits/${entities[0]!.id}/users`, sam);
    const chicagoAgents = sim.world.agents.filter((a) => a.siteId === 1).length;
    expect(users.json<{ entities: unknown[] }>().entities).toHaveLength(chicagoAgents);
    const sydney = sim.cloud.managementUnitOfSite(3)!.id;
    const foreign = await getWith(`${WFM(sim)}/managementunits/${sydney}`, sam);
    expect(foreign.status).toBe(403);
    expect(foreign.json().code).toBe('not.authorized');
    const teams = await getWith(`${sim.cloudApiUrl}/teams?pageSize=5`, sam);
    expect(teams.json<{ entities: unknown[] }>().entities).toHaveLength(5);
    const next = await getWith(`${sim.url}${teams.json().nextUri as string}`, sam);
    expect(next.json<{ entities: unknown[] }>().entities).toHaveLength(sim.world.teams.length - 5);
    const codes = await getWith(`${WFM(sim)}/businessunits/${buId}/activitycodes`, sam);
    expect(
      codes.json<{ entities: { category: string }[] }>().entities.map((c) => c.category),
    ).toContain('Meal');
  });

  it('an agent gets 403 missing.any.permissions naming what a schedule search needs', async () => {
    const mu = sim.cloud.managementUnitOfSite(1)!.id;
    const reply = await post(`${WFM(sim)}/managementunits/${mu}/agentschedules/search`, alex, WEEK);
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({
      code: 'missing.any.permissions',
      messageParams: { permissions: 'wfm:schedule:view, wfm:publishedSchedule:view' },
    });
    expect(reply.json().message).toContain('wfm:schedule:view');
    const nina = sim.mintToken('cloud', 'nina.noprov').access_token;
    const mine = await getWith(`${WFM(sim)}/agents/me/managementunit`, nina);
    expect(mine.json()).toMatchObject({
      code: 'missing.permissions',
      messageParams: { permissions: 'wfm:agentSchedule:view' },
    });
  });

  it('an agent reads their management unit and own schedule across the DST change', async () => {
    const mine = await getWith(`${WFM(sim)}/agents/me/managementunit`, alex);
    expect(mine.json()).toMatchObject({
      managementUnit: { id: sim.cloud.managementUnitOfSite(1)!.id },
    });
    const reply = await post(`${WFM(sim)}/agentschedules/mine`, alex, WEEK);
    expect(reply.status).toBe(200);
    const body = reply.json<{ agentSchedules: { shifts: { startDate: string }[] }[] }>();
    const starts = body.agentSchedules[0]!.shifts.map((s) => s.startDate);
    // alex works days at 08:00 Chicago (+jitter): 14:00Z before Mar 8 (CST), 13:00Z after (CDT).
    expect(
      starts.some((s) => s.startsWith('2026-03-02T14:') || s.startsWith('2026-03-02T15:')),
    ).toBe(true);
    expect(starts.some((s) => s.startsWith('2026-03-09'))).toBe(false);
  });

  it('searches a management unit sync, through a download URL and async; every shift tiled by activities', async () => {
    const mu = sim.cloud.managementUnitOfSite(2)!.id;
    const url = `${WFM(sim)}/managementunits/${mu}/agentschedules/search`;
    const sync = await post(url, sam, WEEK);
    expect(sync.json().status).toBe('Complete');
    const result = sync.json<{
      result: {
        agentSchedules: {
          shifts: {
            lengthMinutes: number;
            activities: { lengthMinutes: number; activityCodeId: string }[];
          }[];
          fullDayTimeOffMarkers: unknown[];
        }[];
      };
    }>().result;
    expect(result.agentSchedules).toHaveLength(
      sim.world.agents.filter((a) => a.siteId === 2).length,
    );
    const shift = result.agentSchedules[0]!.shifts[0]!;
    expect(shift.activities.reduce((n, a) => n + a.lengthMinutes, 0)).toBe(shift.lengthMinutes);
    expect(result.agentSchedules.some((a) => a.fullDayTimeOffMarkers.length > 0)).toBe(true);

    const viaDownload = await post(`${url}?forceDownloadService=true`, sam, WEEK);
    expect(viaDownload.json().result).toBeUndefined();
    const downloaded = await send(viaDownload.json().downloadUrl as string);
    expect(downloaded.json()).toEqual(result);

    const async = await post(`${url}?forceAsync=true`, sam, WEEK);
    expect(async.json()).toMatchObject({ status: 'Processing', progress: 0 });
    const note = sim.cloudNotifications.find((n) => n.operationId === async.json().operationId);
    expect(note?.status).toBe('Complete');
    expect((await send(note!.downloadUrls[0]!)).json()).toEqual(result);

    const ids = sim.cloud
      .agentsOf(sim.cloud.managementUnit(mu)!)
      .slice(0, 2)
      .map((u) => u.id);
    const some = await post(url, sam, { ...WEEK, userIds: ids });
    expect(
      some.json<{ result: { agentSchedules: unknown[] } }>().result.agentSchedules,
    ).toHaveLength(2);
    const tooMany = await post(url, sam, {
      ...WEEK,
      userIds: Array.from({ length: 101 }, (_, i) => String(i)),
    });
    expect(tooMany.status).toBe(400);
    const badDate = await post(url, sam, { startDate: 'monday', endDate: WEEK.endDate });
    expect(badDate.json().code).toBe('bad.request');
  });

  it('429 is an ErrorBody with Retry-After and the inin-ratelimit headers', async () => {
    sim.settings.rateLimitPerMinute = 2;
    try {
      const token = sim.mintToken('cloud', 'pat.supervisor').access_token;
      await getWith(`${sim.cloudApiUrl}/users/me`, token);
      await getWith(`${sim.cloudApiUrl}/users/me`, token);
      const limited = await getWith(`${sim.cloudApiUrl}/users/me`, token);
      expect(limited.status).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'too.many.requests', status: 429 });
      expect(Number(header(limited, 'retry-after'))).toBeGreaterThan(0);
      expect(header(limited, 'inin-ratelimit-count')).toBe('2');
      expect(header(limited, 'inin-ratelimit-allowed')).toBe('2');
    } finally {
      sim.settings.rateLimitPerMinute = 1000;
    }
  });

  it('injected status faults answer ErrorBody; the admin endpoint mints tokens', async () => {
    sim.faults.add({ service: 'cloud', kind: 'status', status: 503, times: 1 });
    const failed = await getWith(`${sim.cloudApiUrl}/users/me`, sam);
    expect(failed.status).toBe(503);
    expect(failed.json()).toMatchObject({ code: 'service.unavailable', status: 503 });
    const minted = await send(`${sim.url}/__admin/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'cloud', user: 'pat.supervisor' }),
    });
    expect(minted.status).toBe(200);
    const me = await getWith(`${sim.cloudApiUrl}/users/me`, minted.json().access_token as string);
    expect(me.json().name).toBe('Pat Supervisor');
    const log = sim.log.entries({ service: 'cloud', operation: 'GET users/me' });
    expect(log.at(-1)?.identity).toBe('pat.supervisor');
  });
});
