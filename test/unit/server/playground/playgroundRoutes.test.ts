import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '../../../../src/errors/UpstreamError.js';
import { loadTypeDefs } from '../../../../src/schema/typeDefs.js';
import { createPlaygroundRoutes } from '../../../../src/server/playground/createPlaygroundRoutes.js';
import { silentLogger } from '../../../../src/logging/Logger.js';
import type { AuthApi } from '../../../../src/types/AuthApi.js';

const VERIFIER = 'v'.repeat(43);
const exchangeCode = vi.fn<AuthApi['exchangeCode']>();

let server: Server;
let base: string;

beforeAll(async () => {
  const assets = mkdtempSync(join(tmpdir(), 'gw-playground-'));
  writeFileSync(join(assets, 'playground.js'), 'console.log("playground");'.repeat(100));
  writeFileSync(join(assets, 'secret.env'), 'NOPE');
  const board = join(assets, 'board');
  mkdirSync(board);
  writeFileSync(join(board, 'index.html'), '<!DOCTYPE html><title>board</title>');
  const routes = createPlaygroundRoutes({
    authorizeUrl: 'http://127.0.0.1:4010/auth/v3/oauth/authorize',
    clientId: 'demo-client',
    assetsDir: assets,
    mounts: [{ prefix: '/examples/board/', dir: board }],
    auth: { exchangeCode },
    graphqlPath: '/graphql',
    logger: silentLogger,
    schema: loadTypeDefs(),
  });
  server = createServer((req, res) => {
    routes(req, res, new URL(req.url ?? '/', 'http://x')).then(
      (handled) => {
        if (!handled) res.writeHead(418).end('fell through');
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers, redirect: 'manual' });
/** A GET with the path sent exactly as written (fetch would normalise `..`). */
const rawGet = (path: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${base}${path}`, { path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
const postToken = (
  body: unknown,
  type = 'application/json',
  headers: Record<string, string> = { origin: base },
) =>
  fetch(`${base}/playground/token`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('playground routes', () => {
  it('serve the playground page to a browser GET of /graphql, with a strict CSP and no outside URL', async () => {
    const res = await get('/graphql', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('/playground/assets/playground.js');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('leave GraphQL requests (no text/html) to the GraphQL handler', async () => {
    const res = await get('/graphql?query=%7B__typename%7D', { accept: 'application/json' });
    expect(res.status).toBe(418);
  });

  it('tell the page how to sign in, without the client secret', async () => {
    const config = (await (await get('/playground/config')).json()) as Record<string, unknown>;
    expect(config).toEqual({
      graphqlPath: '/graphql',
      schemaPath: '/playground/schema',
      signIn: {
        authorizeUrl: 'http://127.0.0.1:4010/auth/v3/oauth/authorize',
        clientId: 'demo-client',
        scope: '*',
        callbackPath: '/playground/callback',
        tokenPath: '/playground/token',
      },
    });
  });

  it('serve the schema as introspection JSON for docs before sign-in', async () => {
    const body = (await (await get('/playground/schema')).json()) as {
      data: { __schema: { queryType: { name: string } } };
    };
    expect(body.data.__schema.queryType.name).toBe('Query');
  });

  it('serve the callback page, which only loads its script from this origin', async () => {
    const res = await get('/playground/callback?code=abc&state=xyz');
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('/playground/assets/callback.js');
    expect(html).not.toContain('abc');
  });

  it('serve bundles with ETag revalidation and gzip, and nothing outside their directory', async () => {
    const res = await get('/playground/assets/playground.js', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    const etag = res.headers.get('etag') as string;
    expect((await get('/playground/assets/playground.js', { 'if-none-match': etag })).status).toBe(
      304,
    );
    for (const path of [
      '/playground/assets/../../package.json',
      '/playground/assets/%2e%2e/%2e%2e/package.json',
      '/playground/assets/..%2f..%2fpackage.json',
      '/playground/assets/.hidden.js',
      '/playground/assets/secret.env',
      '/playground/assets/missing.js',
      '/playground/nothing',
    ])
      expect(await rawGet(path), path).not.toBe(200);
  });

  it('serve mounted apps, their index at the prefix and a redirect without the slash', async () => {
    const index = await get('/examples/board/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const redirect = await get('/examples/board');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/examples/board/');
  });
});

describe('POST /playground/token', () => {
  let valid: { code: string; codeVerifier: string; redirectUri: string };
  beforeAll(() => {
    valid = {
      code: 'the-code',
      codeVerifier: VERIFIER,
      redirectUri: `${base}/playground/callback`,
    };
  });

  it('exchanges the code in the gateway and answers the access token only, never cached', async () => {
    exchangeCode.mockResolvedValueOnce({
      access_token: 'tok',
      token_type: 'bearer',
      expires_in: 1800,
      refresh_token: 'refresh-secret',
    });
    const res = await postToken(valid);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      access_token: 'tok',
      token_type: 'bearer',
      expires_in: 1800,
    });
    expect(exchangeCode).toHaveBeenLastCalledWith(expect.objectContaining(valid));
  });

  it.each([
    ['a missing verifier', (v: typeof valid) => ({ ...v, codeVerifier: undefined })],
    ['a short verifier', (v: typeof valid) => ({ ...v, codeVerifier: 'short' })],
    ['another redirect path', (v: typeof valid) => ({ ...v, redirectUri: `${base}/elsewhere` })],
    [
      'a redirect with a query',
      (v: typeof valid) => ({ ...v, redirectUri: `${v.redirectUri}?x=1` }),
    ],
    [
      'a redirect to another origin',
      (v: typeof valid) => ({ ...v, redirectUri: 'http://127.0.0.1:1/playground/callback' }),
    ],
    ['no code', (v: typeof valid) => ({ ...v, code: '' })],
  ])('refuses %s with 400 invalid_request, forwarding nothing', async (_name, body) => {
    exchangeCode.mockClear();
    const res = await postToken(body(valid));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    expect(exchangeCode).not.toHaveBeenCalled();
  });

  it.each([
    ['no Origin', {}],
    ['another origin', { origin: 'http://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['an origin with a path', { origin: `${base}/x` }],
  ])('refuses a post with %s (403), forwarding nothing', async (_name, headers) => {
    exchangeCode.mockClear();
    const res = await postToken(valid, 'application/json', headers);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('access_denied');
    expect(exchangeCode).not.toHaveBeenCalled();
  });

  it('requires a JSON body (so cross-origin pages need a CORS preflight)', async () => {
    expect((await postToken('code=x', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('maps a refused code to invalid_grant and a rate limit to 429 with Retry-After', async () => {
    exchangeCode.mockRejectedValueOnce(
      new UpstreamError('UNAUTHENTICATED', 'x', {
        service: 'auth',
        operation: 'oauth/token',
        status: 400,
      }),
    );
    const refused = await postToken(valid);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');

    exchangeCode.mockRejectedValueOnce(
      new UpstreamError('RATE_LIMITED', 'x', {
        service: 'auth',
        operation: 'oauth/token',
        status: 429,
        retryAfterSec: 7,
      }),
    );
    const limited = await postToken(valid);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
  });

  it('treats a refused client secret as the gateway’s problem (502), never passing upstream text on', async () => {
    exchangeCode.mockRejectedValueOnce(
      new UpstreamError('UNAUTHENTICATED', 'secret-detail', {
        service: 'auth',
        operation: 'oauth/token',
        status: 401,
      }),
    );
    const res = await postToken(valid);
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain('secret-detail');
  });
});

describe('playground without built assets', () => {
  it('explains how to build them', async () => {
    const routes = createPlaygroundRoutes({
      authorizeUrl: null,
      clientId: null,
      assetsDir: join(tmpdir(), 'gw-playground-missing-dir'),
      auth: { exchangeCode },
      graphqlPath: '/graphql',
      logger: silentLogger,
      schema: null,
    });
    const res = {
      statusCode: 0,
      body: '',
      headers: {} as Record<string, unknown>,
      setHeader(name: string, value: unknown) {
        this.headers[name] = value;
      },
      end(body?: string) {
        this.body = body ?? '';
      },
    };
    const req = { method: 'GET', headers: { accept: 'text/html' } };
    await routes(req as never, res as never, new URL('http://x/graphql'));
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:playground');
  });
});
