import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { getWith, header, pkcePair, send, start, tokenRequest } from './harness.js';

const REDIRECT = 'http://127.0.0.1:5173/callback';

describe('Authentication API authorization_code grant with PKCE', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  function authorizeQuery(extra: Record<string, string> = {}): URLSearchParams {
    return new URLSearchParams({
      response_type: 'code',
      client_id: 'demo-client',
      redirect_uri: REDIRECT,
      state: 'xyz',
      ...extra,
    });
  }

  /** Renders the form, then posts it back like a browser would; returns the redirect reply. */
  async function signIn(
    query: URLSearchParams,
    username = 'demo\\sam.supervisor',
    password = 'demo-password',
  ) {
    const page = await send(`${sim.authUrl}/oauth/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(header(page, 'content-type')).toMatch(/text\/html/);
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)![1]!;
    const fields = new URLSearchParams();
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields.set(
        m[1]!,
        m[2]!
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
      );
    }
    fields.set('username', username);
    fields.set('password', password);
    return send(`${sim.url}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
  }

  function codeOf(location: string | undefined): string {
    return new URL(location!).searchParams.get('code')!;
  }

  it('GET renders a sign-in form; POST redirects with code and state; the code + verifier buys a token', async () => {
    const { verifier, challenge } = pkcePair();
    const redirect = await signIn(
      authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect(redirect.status).toBe(302);
    const location = new URL(header(redirect, 'location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    const reply = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(reply.status).toBe(200);
    const me = await getWith(`${sim.authUrl}/userinfo`, reply.json().access_token as string);
    expect(me.json().cmeUserName).toBe('sam.supervisor');
  });

  it('rejects a PKCE verifier that does not match the challenge', async () => {
    const { challenge } = pkcePair();
    const code = codeOf(
      header(
        await signIn(authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })),
        'location',
      ),
    );
    const reply = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: pkcePair().verifier,
    });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toBe('invalid_grant');
  });

  it('refuses a verifier for a code issued without a challenge (RFC 9700 PKCE downgrade)', async () => {
    const code = codeOf(header(await signIn(authorizeQuery()), 'location'));
    const reply = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: pkcePair().verifier,
    });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toBe('invalid_grant');
  });

  it('a code works once; replaying it fails and revokes the token it bought', async () => {
    const { verifier, challenge } = pkcePair();
    const code = codeOf(
      header(
        await signIn(authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })),
        'location',
      ),
    );
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    };
    const first = await tokenRequest(sim, form);
    expect(first.status).toBe(200);
    const replay = await tokenRequest(sim, form);
    expect(replay.status).toBe(400);
    expect(replay.json().error).toBe('invalid_grant');
    expect(
      (await getWith(`${sim.authUrl}/userinfo`, first.json().access_token as string)).status,
    ).toBe(401);
  });

  it('rejects a code exchanged with another redirect_uri', async () => {
    const code = codeOf(header(await signIn(authorizeQuery()), 'location'));
    const reply = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:5173/other',
    });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toBe('invalid_grant');
  });

  it('accepts any loopback port and path on 127.0.0.1 and localhost', async () => {
    for (const uri of ['http://localhost:4000/playground', 'http://127.0.0.1:9/x/y?keep=1']) {
      const page = await send(
        `${sim.authUrl}/oauth/authorize?${authorizeQuery({ redirect_uri: uri })}`,
      );
      expect(page.status).toBe(200);
    }
  });

  it('answers an HTML error page, never a redirect, for a bad client_id or redirect_uri', async () => {
    for (const query of [
      authorizeQuery({ client_id: 'evil' }),
      authorizeQuery({ redirect_uri: 'https://evil.example.com/cb' }),
      authorizeQuery({ redirect_uri: 'http://127.0.0.1.evil.example.com:80/cb' }),
      new URLSearchParams({ response_type: 'code', client_id: 'demo-client' }),
    ]) {
      const page = await send(`${sim.authUrl}/oauth/authorize?${query}`);
      expect(page.status).toBe(400);
      expect(header(page, 'location')).toBeUndefined();
      expect(page.text).toMatch(/<html/);
    }
  });

  it('re-renders the form on wrong credentials and redirects errors to a trusted client', async () => {
    const wrong = await signIn(authorizeQuery(), 'demo\\sam.supervisor', 'bad');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Invalid user name or password');
    const implicit = await send(
      `${sim.authUrl}/oauth/authorize?${authorizeQuery({ response_type: 'token' })}`,
    );
    expect(implicit.status).toBe(302);
    expect(new URL(header(implicit, 'location')!).searchParams.get('error')).toBe(
      'unsupported_response_type',
    );
    const plain = await send(
      `${sim.authUrl}/oauth/authorize?${authorizeQuery({ code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' })}`,
    );
    expect(new URL(header(plain, 'location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('rejects an unknown code', async () => {
    const reply = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code: 'nope',
      redirect_uri: REDIRECT,
    });
    expect(reply.json().error).toBe('invalid_grant');
  });
});
