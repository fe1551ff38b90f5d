/**
 * R18 (issue 10 item 5) — the playground's code exchange (`POST /playground/token`) as an
 * attacker uses it: junk codes from another origin or none, a flood from one address, a
 * redirect URI on another origin, and a code issued without a PKCE challenge. Nothing that fails
 * the gateway's checks reaches the Authentication API (the simulator's request log counts every
 * `oauth/token` call); a flood from one address is cut to its per-minute budget; a PKCE
 * downgrade is refused upstream. Figures: upstream calls caused by the junk exchanges.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGES_PER_MINUTE } from '../../src/server/playground/exchangeThrottle.js';
import { DEMO_PASSWORD, DEMO_TENANT } from '@genesys-gateway/simulator';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { printFigures, reliabilityOptions } from './support.js';

const verifier = () => randomBytes(32).toString('base64url');

describe('R18 playground token exchange', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      ...reliabilityOptions('test'),
      playground: (sim) => ({
        authorizeUrl: `${sim.authUrl}/oauth/authorize`,
        clientId: 'demo-client',
      }),
    });
  });
  afterAll(async () => gw?.close());

  const exchange = (body: unknown, headers: Record<string, string>) =>
    gw.send({
      method: 'POST',
      path: '/playground/token',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const tokenCalls = () => gw.sim.log.count({ operation: 'oauth/token' });
  const callback = () => `${gw.base}/playground/callback`;

  it('forwards nothing for junk from another origin, without one, or to another redirect', async () => {
    const before = tokenCalls();
    const junk = { code: 'junk', codeVerifier: verifier(), redirectUri: callback() };
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, () => exchange(junk, { origin: 'https://evil.example' })),
      ...Array.from({ length: 30 }, () => exchange(junk, {})),
      exchange(
        { ...junk, redirectUri: 'https://evil.example/playground/callback' },
        { origin: gw.base },
      ),
    ]);
    expect(answers.slice(0, 60).every((a) => a.status === 403)).toBe(true);
    expect(answers[60]!.status).toBe(400);
    expect(tokenCalls() - before).toBe(0);
    printFigures('R18', { case: 'cross-origin junk', requests: answers.length, upstreamCalls: 0 });
  });

  it('cuts a same-origin flood from one address to its per-minute budget', async () => {
    const before = tokenCalls();
    const junk = { code: 'junk', codeVerifier: verifier(), redirectUri: callback() };
    const answers: number[] = [];
    for (let i = 0; i < 100; i += 1)
      answers.push((await exchange(junk, { origin: gw.base })).status);
    const forwarded = tokenCalls() - before;
    expect(forwarded).toBeLessThanOrEqual(EXCHANGES_PER_MINUTE);
    expect(answers.filter((s) => s === 429).length).toBe(100 - forwarded);
    expect(answers.filter((s) => s === 400).length).toBe(forwarded);
    printFigures('R18', { case: 'one-address flood', requests: 100, upstreamCalls: forwarded });
  });

  it('a code issued without a PKCE challenge is refused, as the verifier is always sent', async () => {
    // A fresh gateway, so the flood above has not spent this address's budget.
    const fresh = await startTestGateway({
      ...reliabilityOptions('test'),
      sharedSimulator: gw.sim,
      playground: (sim) => ({
        authorizeUrl: `${sim.authUrl}/oauth/authorize`,
        clientId: 'demo-client',
      }),
    });
    try {
      const post = (body: unknown) =>
        fresh.send({
          method: 'POST',
          path: '/playground/token',
          headers: { 'content-type': 'application/json', origin: fresh.base },
          body: JSON.stringify(body),
        });
      const redirectUri = `${fresh.base}/playground/callback`;
      const downgrade = await post({
        code: await codeFor(redirectUri, null),
        codeVerifier: verifier(),
        redirectUri,
      });
      expect(downgrade.status).toBe(400);
      expect(JSON.parse(downgrade.text).error).toBe('invalid_grant');

      const v = verifier();
      const challenge = createHash('sha256').update(v).digest('base64url');
      const good = await post({
        code: await codeFor(redirectUri, challenge),
        codeVerifier: v,
        redirectUri,
      });
      expect(good.status).toBe(200);
      expect(JSON.parse(good.text).access_token).toEqual(expect.any(String));
    } finally {
      await fresh.close();
    }
  });

  /** A real code from the simulator's sign-in form, with or without a PKCE challenge. */
  async function codeFor(redirectUri: string, challenge: string | null): Promise<string> {
    const form = new URLSearchParams({
      response_type: 'code',
      client_id: 'demo-client',
      redirect_uri: redirectUri,
      state: 's',
      username: `${DEMO_TENANT}\\sam.supervisor`,
      password: DEMO_PASSWORD,
    });
    if (challenge) {
      form.set('code_challenge', challenge);
      form.set('code_challenge_method', 'S256');
    }
    const res = await fetch(`${gw.sim.authUrl}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    const code = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('code');
    expect(code, `sign-in answered ${res.status}`).toBeTruthy();
    return code!;
  }
});
