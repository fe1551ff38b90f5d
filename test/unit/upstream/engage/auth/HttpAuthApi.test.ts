import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../../src/errors/UpstreamError.js';
import { HttpAuthApi } from '../../../../../src/upstream/engage/auth/HttpAuthApi.js';
import { HttpWfmApi } from '../../../../../src/upstream/engage/wfm/HttpWfmApi.js';
import { reply, startScriptedServer } from '../../../../helpers/scriptedServer.js';

let upstream: Awaited<ReturnType<typeof startScriptedServer>>;
const dispatcher = new Agent();
const ctx = { token: 'tok-1', tokenHash: 'h', requestId: 'r' };

beforeAll(async () => {
  upstream = await startScriptedServer();
});
afterAll(async () => {
  await upstream.close();
  await dispatcher.close();
});
beforeEach(() => {
  upstream.seen.length = 0;
});

const auth = (apiKey: string | null = 'k') =>
  new HttpAuthApi({
    baseUrl: `${upstream.url}/auth/v3`,
    dispatcher,
    timeoutMs: 2_000,
    maxResponseBytes: 65_536,
    apiKey,
    oauthClient: { clientId: 'demo-client', clientSecret: 'demo-secret' },
  });
const wfm = () =>
  new HttpWfmApi({
    baseUrl: `${upstream.url}/wfm/api/v3`,
    dispatcher,
    timeoutMs: 2_000,
    maxResponseBytes: 65_536,
  });

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('HttpAuthApi', () => {
  it('reads CloudUserDetails, keeping only known fields', async () => {
    upstream.answer(
      reply(200, {
        username: 'demo\\sam',
        authorities: [{ name: 'supervisor', privileges: ['a', 1] }],
        dbid: '101',
        properties: { tenant: 'demo', n: 1 },
        extra: 'dropped',
      }),
    );
    await expect(auth().userInfo(ctx)).resolves.toEqual({
      username: 'demo\\sam',
      authorities: [{ name: 'supervisor', privileges: ['a'] }],
      dbid: 101,
      properties: { tenant: 'demo' },
    });
    expect(upstream.seen[0]).toMatchObject({ method: 'GET', url: '/auth/v3/userinfo' });
    expect(upstream.seen[0]?.headers).toMatchObject({
      authorization: 'Bearer tok-1',
      'x-api-key': 'k',
    });
  });

  it('calls an answer without username an upstream ERROR', async () => {
    upstream.answer(reply(200, { authorities: [] }));
    expect(await failure(auth().userInfo(ctx))).toMatchObject({
      kind: 'ERROR',
      operation: 'userinfo',
    });
  });

  it('treats a 403 that is not the API-gateway refusal as a refused token on token-checking endpoints', async () => {
    upstream.answer(
      reply(403, { error: 'invalid_token', error_description: 'Invalid access token' }),
    );
    expect(await failure(auth().userInfo(ctx))).toMatchObject({
      kind: 'UNAUTHENTICATED',
      status: 403,
    });
    upstream.answer(reply(403, { status: { code: 403, message: 'Not authenticated' } }));
    expect((await failure(auth().ping(ctx))).kind).toBe('UNAUTHENTICATED');
    upstream.answer(reply(403, { message: 'Forbidden' }));
    expect(await failure(auth().userInfo(ctx))).toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'INVALID_API_KEY',
    });
  });

  it('keeps 403 of change-password as FORBIDDEN and sends the documented body', async () => {
    upstream.answer(reply(403, { status: { code: 403, message: 'Unable to update password' } }));
    expect(
      await failure(auth().changePassword(ctx, { oldPassword: 'a', newPassword: 'b' })),
    ).toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'UPSTREAM_FORBIDDEN',
    });
    expect(JSON.parse(upstream.seen[0]?.body ?? '')).toEqual({
      data: { oldPassword: 'a', newPassword: 'b' },
    });
  });

  it('signs out with ?global', async () => {
    upstream.answer(reply(200, { status: { code: 0 } }));
    await auth().signOut(ctx, true);
    expect(upstream.seen[0]).toMatchObject({
      method: 'POST',
      url: '/auth/v3/sign-out?global=true',
    });
  });

  it('exchanges a code with PKCE and Basic client auth; invalid_grant is UNAUTHENTICATED', async () => {
    upstream.answer(
      reply(200, {
        access_token: 'at',
        token_type: 'bearer',
        expires_in: 1800,
        refresh_token: 'rt',
        scope: '*',
      }),
    );
    await expect(
      auth().exchangeCode({
        code: 'c',
        redirectUri: 'http://localhost/cb',
        codeVerifier: 'v'.repeat(43),
      }),
    ).resolves.toEqual({
      access_token: 'at',
      token_type: 'bearer',
      expires_in: 1800,
      refresh_token: 'rt',
      scope: '*',
    });
    const sent = upstream.seen[0];
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'http://localhost/cb',
      code_verifier: 'v'.repeat(43),
    });
    expect(sent?.headers.authorization).toBe(
      `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`,
    );
    upstream.answer(reply(400, { error: 'invalid_grant', error_description: 'Bad code' }));
    expect(
      (await failure(auth().exchangeCode({ code: 'c', redirectUri: 'x', codeVerifier: 'v' }))).kind,
    ).toBe('UNAUTHENTICATED');
  });
});

describe('HttpWfmApi', () => {
  it('reads WfmUserInfo without sending the API key', async () => {
    upstream.answer(
      reply(200, {
        userId: 7,
        userType: 'SUPERVISOR',
        userName: 'sam',
        siteId: 1,
        timeZone: 'America/Chicago',
      }),
    );
    await expect(wfm().userInfo(ctx)).resolves.toEqual({
      userId: 7,
      userType: 'SUPERVISOR',
      userName: 'sam',
      siteId: 1,
      timeZone: 'America/Chicago',
    });
    expect(upstream.seen[0]?.url).toBe('/wfm/api/v3/system/userinfo');
    expect(upstream.seen[0]?.headers).not.toHaveProperty('x-api-key');
  });

  it('maps every 403 to WFM_NOT_PROVISIONED and a bad shape to ERROR', async () => {
    upstream.answer(reply(403, { message: 'User is not provisioned in WFM' }));
    expect(await failure(wfm().userInfo(ctx))).toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'WFM_NOT_PROVISIONED',
      service: 'wfm',
    });
    upstream.answer(reply(200, { userId: 7, userType: 'ADMIN' }));
    expect((await failure(wfm().userInfo(ctx))).kind).toBe('ERROR');
  });
});
