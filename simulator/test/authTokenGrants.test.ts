import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { basic, getWith, header, start, tokenRequest } from './harness.js';

describe('Authentication API oauth/token', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  it('password grant with tenant\\user answers a DefaultOAuth2AccessToken', async () => {
    const reply = await tokenRequest(sim, {
      grant_type: 'password',
      username: 'demo\\sam.supervisor',
      password: 'demo-password',
      scope: '*',
    });
    expect(reply.status).toBe(200);
    expect(header(reply, 'cache-control')).toBe('no-store');
    const body = reply.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1800, scope: '*' });
    expect(body.access_token).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(typeof body.refresh_token).toBe('string');
    const me = await getWith(`${sim.authUrl}/userinfo`, body.access_token as string);
    expect(me.json().cmeUserName).toBe('sam.supervisor');
  });

  it('password grant rejects a wrong password and a name without tenant with invalid_grant', async () => {
    const wrong = await tokenRequest(sim, {
      grant_type: 'password',
      username: 'demo\\sam.supervisor',
      password: 'nope',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad credentials' });
    const noTenant = await tokenRequest(sim, {
      grant_type: 'password',
      username: 'sam.supervisor',
      password: 'demo-password',
    });
    expect(noTenant.json().error).toBe('invalid_grant');
  });

  it('client_credentials issues a token without refresh token that describes the client', async () => {
    const reply = await tokenRequest(sim, { grant_type: 'client_credentials', scope: '*' });
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body.refresh_token).toBeUndefined();
    const me = await getWith(`${sim.authUrl}/userinfo`, body.access_token as string);
    expect(me.json()).toMatchObject({ username: 'demo-client' });
    expect(me.json().dbid).toBeUndefined();
  });

  it('refresh_token rotates: the new pair works, the spent refresh token does not', async () => {
    const first = (
      await tokenRequest(sim, {
        grant_type: 'password',
        username: 'demo\\alex.agent',
        password: 'demo-password',
      })
    ).json();
    const second = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token as string,
    });
    expect(second.status).toBe(200);
    const pair = second.json();
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    expect(
      (await getWith(`${sim.authUrl}/userinfo`, pair.access_token as string)).json().cmeUserName,
    ).toBe('alex.agent');
    const replay = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token as string,
    });
    expect(replay.status).toBe(400);
    expect(replay.json().error).toBe('invalid_grant');
  });

  it('a bad client answers 401 invalid_client with WWW-Authenticate: Basic', async () => {
    const reply = await tokenRequest(
      sim,
      { grant_type: 'client_credentials' },
      basic('demo-client', 'wrong'),
    );
    expect(reply.status).toBe(401);
    expect(reply.json().error).toBe('invalid_client');
    expect(header(reply, 'www-authenticate')).toMatch(/^Basic /);
    const unknown = await tokenRequest(
      sim,
      { grant_type: 'client_credentials' },
      basic('who', 'ever'),
    );
    expect(unknown.status).toBe(401);
  });

  it('answers unsupported_grant_type and invalid_request per RFC 6749', async () => {
    expect((await tokenRequest(sim, { grant_type: 'implicit' })).json().error).toBe(
      'unsupported_grant_type',
    );
    expect((await tokenRequest(sim, {})).json().error).toBe('invalid_request');
    expect(
      (await tokenRequest(sim, { grant_type: 'password', username: 'demo\\sam.supervisor' })).json()
        .error,
    ).toBe('invalid_request');
    expect((await tokenRequest(sim, { grant_type: 'refresh_token' })).json().error).toBe(
      'invalid_request',
    );
  });

  it('passwordToken() signs in through the same grant and rejects bad credentials', async () => {
    const token = await sim.passwordToken('pat.supervisor');
    expect((await getWith(`${sim.authUrl}/userinfo`, token.access_token)).json().cmeUserName).toBe(
      'pat.supervisor',
    );
    await expect(sim.passwordToken('demo\\pat.supervisor', 'bad')).rejects.toThrow(/invalid_grant/);
  });
});
