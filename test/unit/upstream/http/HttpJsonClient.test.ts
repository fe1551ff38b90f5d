import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../src/errors/UpstreamError.js';
import { authForbiddenReason } from '../../../../src/upstream/http/apiKeyRejection.js';
import {
  HttpJsonClient,
  type HttpJsonClientOptions,
} from '../../../../src/upstream/http/HttpJsonClient.js';
import type { HttpInterceptor } from '../../../../src/upstream/http/types.js';
import { reply, startScriptedServer } from '../../../helpers/scriptedServer.js';

let upstream: Awaited<ReturnType<typeof startScriptedServer>>;
const dispatcher = new Agent({ connect: { timeout: 1_000 } });

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

function client(options: Partial<HttpJsonClientOptions> = {}): HttpJsonClient {
  return new HttpJsonClient({
    service: 'auth',
    baseUrl: `${upstream.url}/auth/v3/`,
    dispatcher,
    timeoutMs: 2_000,
    maxResponseBytes: 4096,
    forbiddenReason: authForbiddenReason,
    ...options,
  });
}

const TOKEN = 'tok_CANARY_secret';
const get = (extra: { signal?: AbortSignal } = {}) =>
  ({
    operation: 'userinfo',
    method: 'GET',
    path: '/userinfo',
    auth: { bearer: TOKEN },
    requestId: 'req-1',
    ...extra,
  }) as const;

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    const e = error as UpstreamError;
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).not.toContain('upstream-secret');
    expect(e.message).not.toContain('127.0.0.1');
    return e;
  }
  throw new Error('expected an UpstreamError');
}

describe('HttpJsonClient requests', () => {
  it('sends the caller token, the API key, accept and request id on every call, per request', async () => {
    upstream.answer(reply(200, { ok: true }));
    await expect(client({ apiKey: 'key-1' }).json(get())).resolves.toEqual({ ok: true });
    await client().json({ ...get(), auth: { bearer: 'other' } });
    const [first, second] = upstream.seen;
    expect(first).toMatchObject({ method: 'GET', url: '/auth/v3/userinfo' });
    expect(first?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'x-api-key': 'key-1',
      accept: 'application/json',
      'x-request-id': 'req-1',
    });
    expect(second?.headers.authorization).toBe('Bearer other');
    expect(second?.headers).not.toHaveProperty('x-api-key');
  });

  it('encodes form bodies, JSON bodies, query strings and Basic auth', async () => {
    upstream.answer(reply(200, {}));
    await client().json({
      operation: 'oauth/token',
      method: 'POST',
      path: '/oauth/token',
      query: { global: 'true' },
      body: { form: { grant_type: 'authorization_code', code: 'c d' } },
      auth: { basic: { username: 'demo-client', password: 'demo-secret' } },
    });
    await client().noContent({
      operation: 'change-password',
      method: 'POST',
      path: '/change-password',
      body: { json: { data: { a: 1 } } },
      auth: { bearer: 't' },
    });
    const [form, json] = upstream.seen;
    expect(form?.url).toBe('/auth/v3/oauth/token?global=true');
    expect(form?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form?.body).toBe('grant_type=authorization_code&code=c+d');
    expect(form?.headers.authorization).toBe(
      `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`,
    );
    expect(json?.headers['content-type']).toBe('application/json');
    expect(json?.body).toBe('{"data":{"a":1}}');
  });

  it('runs interceptors around each attempt, first outermost', async () => {
    upstream.answer(reply(200, {}));
    const order: string[] = [];
    const tag =
      (name: string): HttpInterceptor =>
      (next) =>
      async (req) => {
        order.push(`${name}>`);
        const res = await next(req);
        order.push(`<${name}`);
        return res;
      };
    await client({ interceptors: [tag('a'), tag('b')] }).json(get());
    expect(order).toEqual(['a>', 'b>', '<b', '<a']);
  });
});

describe('HttpJsonClient status mapping', () => {
  it.each([
    [401, 'UNAUTHENTICATED'],
    [400, 'BAD_REQUEST'],
    [404, 'NOT_FOUND'],
    [409, 'BAD_REQUEST'],
    [500, 'ERROR'],
    [501, 'ERROR'],
    [502, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [504, 'UNAVAILABLE'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    upstream.answer(reply(status, { message: 'upstream-secret' }));
    const e = await failure(client().json(get()));
    expect(e).toMatchObject({ kind, status, service: 'auth', operation: 'userinfo' });
  });

  it('tells the API-gateway 403 (INVALID_API_KEY) from other 403s', async () => {
    upstream.answer(reply(403, { message: 'Forbidden' }));
    expect(await failure(client().json(get()))).toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'INVALID_API_KEY',
      status: 403,
    });
    upstream.answer(reply(403, { error: 'invalid_token', message: 'Forbidden' }));
    expect((await failure(client().json(get()))).reason).toBe('UPSTREAM_FORBIDDEN');
    upstream.answer(reply(403, ''));
    expect((await failure(client().json(get()))).reason).toBe('UPSTREAM_FORBIDDEN');
    upstream.answer(reply(403, { message: 'Forbidden' }));
    expect(
      (await failure(client({ forbiddenReason: () => 'WFM_NOT_PROVISIONED' }).json(get()))).reason,
    ).toBe('WFM_NOT_PROVISIONED');
  });

  it('reads Retry-After of a 429 in seconds or as a date, undefined when absent', async () => {
    upstream.answer(reply(429, {}, { 'retry-after': '2' }));
    expect(await failure(client().json(get()))).toMatchObject({
      kind: 'RATE_LIMITED',
      retryAfterSec: 2,
    });
    const now = Date.parse('2026-03-02T10:00:00Z');
    upstream.answer(reply(429, {}, { 'retry-after': 'Mon, 02 Mar 2026 10:01:00 GMT' }));
    expect((await failure(client({ now: () => now }).json(get()))).retryAfterSec).toBe(60);
    upstream.answer(reply(429, {}));
    expect((await failure(client().json(get()))).retryAfterSec).toBeUndefined();
  });

  it('lets one operation refine the classification', async () => {
    upstream.answer(reply(403, { error: 'invalid_token' }));
    const e = await failure(
      client().json({
        ...get(),
        refineError: (error) =>
          new UpstreamError('UNAUTHENTICATED', error.message, {
            service: 'auth',
            operation: 'userinfo',
            status: 403,
          }),
      }),
    );
    expect(e.kind).toBe('UNAUTHENTICATED');
  });
});

describe('HttpJsonClient bodies and transport', () => {
  it.each([
    ['an HTML page', reply(200, '<html>upstream-secret</html>', { 'content-type': 'text/html' })],
    ['malformed JSON', reply(200, '{"upstream-secret": ')],
    ['an empty body', reply(200, '')],
  ])('treats %s as ERROR', async (_name, script) => {
    upstream.answer(script);
    expect(await failure(client().json(get()))).toMatchObject({ kind: 'ERROR', status: 200 });
  });

  it('refuses an answer over the size cap, declared or streamed', async () => {
    upstream.answer(reply(200, { big: 'x'.repeat(10_000) }));
    expect((await failure(client().json(get()))).kind).toBe('ERROR');
    upstream.answer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":"');
      res.end(`${'x'.repeat(10_000)}"}`);
    });
    expect((await failure(client().json(get()))).kind).toBe('ERROR');
  });

  it('times out a hanging upstream at its deadline', async () => {
    upstream.answer(() => undefined);
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 150 }).json(get()))).kind).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('times out a body that stops half way', async () => {
    upstream.answer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"a":');
    });
    expect((await failure(client({ timeoutMs: 150 }).json(get()))).kind).toBe('TIMEOUT');
  });

  it('maps a reset connection and a refused connection to UNAVAILABLE', async () => {
    upstream.answer((req) => req.socket.destroy());
    expect((await failure(client().json(get()))).kind).toBe('UNAVAILABLE');
    const closed = await startScriptedServer();
    const url = closed.url;
    await closed.close();
    const refused = new HttpJsonClient({
      service: 'wfm',
      baseUrl: url,
      dispatcher,
      timeoutMs: 1_000,
      maxResponseBytes: 1024,
    });
    expect((await failure(refused.json(get()))).kind).toBe('UNAVAILABLE');
  });

  it('follows the caller: gateway deadline is TIMEOUT, a client that left is ERROR', async () => {
    upstream.answer(() => undefined);
    expect((await failure(client().json(get({ signal: AbortSignal.timeout(100) })))).kind).toBe(
      'TIMEOUT',
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('gone', 'AbortError')), 50);
    expect((await failure(client().json(get({ signal: controller.signal })))).kind).toBe('ERROR');
  });
});
