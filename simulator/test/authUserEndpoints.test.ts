import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { SIM_JWT_SECRET } from '../src/auth/jwt.js';
import { getWith, header, send, start, tokenRequest } from './harness.js';

describe('Authentication API user endpoints', () => {
  let sim: Simulator;
  let clock = Date.parse('2026-03-10T12:00:00Z');
  beforeAll(async () => {
    sim = await start({ now: () => clock });
  });
  afterAll(() => sim.close());

  it('userinfo answers CloudUserDetails whose username traces the identity', async () => {
    const { access_token } = await sim.passwordToken('sam.supervisor');
    const reply = await getWith(`${sim.authUrl}/userinfo`, access_token);
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body).toMatchObject({
      username: `sam.supervisor@1001@${sim.world.contactCenterId}`,
      cmeUserName: 'sam.supervisor',
      loginName: 'sam.supervisor',
      dbid: 1001,
      contactCenterId: sim.world.contactCenterId,
      environmentId: sim.world.environmentId,
    });
    expect(body.authorities).toContainEqual(expect.objectContaining({ name: 'ROLE_SUPERVISOR' }));
  });

  it('accepts the bearer scheme in lower case', async () => {
    const { access_token } = await sim.passwordToken('alex.agent');
    const reply = await send(`${sim.authUrl}/userinfo`, {
      headers: { authorization: `bearer ${access_token}` },
    });
    expect(reply.status).toBe(200);
  });

  it('openid/userinfo answers snake_case claims', async () => {
    const { access_token } = await sim.passwordToken('alex.agent');
    const body = (await getWith(`${sim.authUrl}/openid/userinfo`, access_token)).json();
    expect(body).toMatchObject({
      user_name: 'alex.agent',
      given_name: 'Alex',
      family_name: 'Agent',
      dbid: 1003,
      aud: 'demo-client',
    });
    expect(body.contact_center_id).toBe(sim.world.contactCenterId);
  });

  it('jwt-userinfo returns an HS256 JWT in X-GWS-User and an ApiResponse body', async () => {
    const { access_token } = await sim.passwordToken('pat.supervisor');
    const reply = await getWith(`${sim.authUrl}/jwt-userinfo`, access_token);
    expect(reply.json()).toEqual({ status: { code: 0 } });
    const [h, p, s] = header(reply, 'x-gws-user')!.split('.');
    expect(createHmac('sha256', SIM_JWT_SECRET).update(`${h}.${p}`).digest('base64url')).toBe(s);
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ cmeUserName: 'pat.supervisor', dbid: 1002 });
    expect(payload.exp).toBeGreaterThan(payload.iat as number);
  });

  it('ping answers 200 when authenticated and 403 otherwise', async () => {
    const { access_token } = await sim.passwordToken('alex.agent');
    expect((await getWith(`${sim.authUrl}/ping`, access_token)).status).toBe(200);
    expect((await send(`${sim.authUrl}/ping`)).status).toBe(403);
    expect((await getWith(`${sim.authUrl}/ping`, 'not-a-token')).status).toBe(403);
  });

  it('an unknown token gets 401 with WWW-Authenticate: Bearer error="invalid_token"; a missing one 401', async () => {
    const reply = await getWith(`${sim.authUrl}/userinfo`, '00000000-0000-4000-8000-000000000000');
    expect(reply.status).toBe(401);
    expect(header(reply, 'www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(reply.json().error).toBe('invalid_token');
    const none = await send(`${sim.authUrl}/userinfo`);
    expect(none.status).toBe(401);
    expect(header(none, 'www-authenticate')).toMatch(/^Bearer/);
  });

  it('an expired token gets 401 invalid_token', async () => {
    const { access_token, expires_in } = await sim.passwordToken('alex.agent');
    clock += expires_in * 1000;
    const reply = await getWith(`${sim.authUrl}/userinfo`, access_token);
    expect(reply.status).toBe(401);
    expect(reply.json().error_description).toMatch(/expired/i);
  });

  it('an authorization code expires after about a minute', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'demo-client',
      redirect_uri: 'http://localhost:1/cb',
    });
    const form = new URLSearchParams(query);
    form.set('username', 'demo\\alex.agent');
    form.set('password', 'demo-password');
    const redirect = await send(`${sim.authUrl}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const code = new URL(header(redirect, 'location')!).searchParams.get('code')!;
    clock += 61_000;
    const reply = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:1/cb',
    });
    expect(reply.json().error).toBe('invalid_grant');
  });

  it('sign-out revokes the token; global sign-out revokes every token of the user', async () => {
    const a = await sim.passwordToken('agent001');
    const b = await sim.passwordToken('agent001');
    const other = await sim.passwordToken('agent002');
    const out = await send(`${sim.authUrl}/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.access_token}` },
    });
    expect(out.status).toBe(200);
    const revoked = await getWith(`${sim.authUrl}/userinfo`, a.access_token);
    expect(revoked.status).toBe(401);
    expect(header(revoked, 'www-authenticate')).toContain('invalid_token');
    expect((await getWith(`${sim.authUrl}/userinfo`, b.access_token)).status).toBe(200);

    const c = await sim.passwordToken('agent001');
    const global = await send(`${sim.authUrl}/sign-out?global=true`, {
      headers: { authorization: `Bearer ${c.access_token}` },
    });
    expect(global.status).toBe(200);
    expect((await getWith(`${sim.authUrl}/userinfo`, b.access_token)).status).toBe(401);
    expect((await getWith(`${sim.authUrl}/userinfo`, c.access_token)).status).toBe(401);
    expect(
      (await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: b.refresh_token! }))
        .status,
    ).toBe(400);
    expect((await getWith(`${sim.authUrl}/userinfo`, other.access_token)).status).toBe(200);
  });

  it('GET sign-out with redirectUri redirects to a registered URI only', async () => {
    const { access_token } = await sim.passwordToken('agent003');
    const ok = await getWith(
      `${sim.authUrl}/sign-out?redirectUri=${encodeURIComponent('http://127.0.0.1:4000/bye')}`,
      access_token,
    );
    expect(ok.status).toBe(302);
    expect(header(ok, 'location')).toBe('http://127.0.0.1:4000/bye');
    const bad = await send(
      `${sim.authUrl}/sign-out?redirectUri=${encodeURIComponent('https://evil.example.com/')}`,
    );
    expect(bad.status).toBe(400);
  });

  it('change-password: 403 on a wrong old password; then only the new password signs in', async () => {
    const { access_token } = await sim.passwordToken('agent004');
    const change = (data: Record<string, string>) =>
      send(`${sim.authUrl}/change-password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data }),
      });
    const wrong = await change({ oldPassword: 'nope', newPassword: 'n3w-secret' });
    expect(wrong.status).toBe(403);
    expect(wrong.json()).toMatchObject({ status: { message: 'Unable to update password' } });
    const ok = await change({ oldPassword: 'demo-password', newPassword: 'n3w-secret' });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ status: { code: 0 } });
    const grant = (password: string) =>
      tokenRequest(sim, { grant_type: 'password', username: 'demo\\agent004', password });
    expect((await grant('n3w-secret')).status).toBe(200);
    expect((await grant('demo-password')).status).toBe(400);
    expect(
      (await send(`${sim.authUrl}/change-password`, { method: 'POST', body: '{}' })).status,
    ).toBe(401);
  });
});

describe('Authentication API switches', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start({ invalidTokenStatus: 403, apiKey: 'k-123' });
  });
  afterAll(() => sim.close());

  it('answers 403 for a bad token when invalidTokenStatus is 403, and 401 again after switching back', async () => {
    const reply = await getWith(`${sim.authUrl}/userinfo`, 'bogus', { 'x-api-key': 'k-123' });
    expect(reply.status).toBe(403);
    sim.settings.invalidTokenStatus = 401;
    expect(
      (await getWith(`${sim.authUrl}/userinfo`, 'bogus', { 'x-api-key': 'k-123' })).status,
    ).toBe(401);
    sim.settings.invalidTokenStatus = 403;
  });

  it('requires x-api-key on every call when an API key is configured', async () => {
    const { access_token } = await sim.passwordToken('alex.agent');
    const missing = await getWith(`${sim.authUrl}/userinfo`, access_token);
    expect(missing.status).toBe(403);
    expect(missing.json()).toEqual({ message: 'Forbidden' });
    expect(
      (await getWith(`${sim.authUrl}/userinfo`, access_token, { 'x-api-key': 'wrong' })).status,
    ).toBe(403);
    expect(
      (await getWith(`${sim.authUrl}/userinfo`, access_token, { 'x-api-key': 'k-123' })).status,
    ).toBe(200);
    const token = await send(`${sim.authUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(403);
  });
});
