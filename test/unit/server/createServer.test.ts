import type { ApolloServerPlugin } from '@apollo/server';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayContext } from '../../../src/resolvers/GatewayContext.js';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import type { Loaders } from '../../../src/loaders/createLoaders.js';
import { createServer, type ServerConfig } from '../../../src/server/createServer.js';
import { DEFAULT_QUERY_LIMITS } from '../../../src/server/limits/QueryLimits.js';
import { DEFAULT_SOCKET_LIMITS } from '../../../src/server/socketLimits.js';
import { startServer, type RunningServer } from '../../../src/server/startServer.js';
import type { CloudUserDetails } from '../../../src/types/AuthApi.js';
import type { Upstreams } from '../../../src/types/Upstreams.js';

const typeDefs = /* GraphQL */ `
  type Query {
    whoami: String!
    fail(kind: String!): String
    bug: String
  }
`;
const resolvers = {
  Query: {
    whoami: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.user.username,
    fail: (_: unknown, args: { kind: 'RATE_LIMITED' }) => {
      throw new UpstreamError(args.kind, 'upstream-secret', {
        service: 'wfm-soap',
        operation: 'GetAgentState',
        status: 429,
        retryAfterSec: 3,
      });
    },
    bug: () => {
      throw new Error('token tok_CANARY leaked into a bug');
    },
  },
};

const USERS: Record<string, CloudUserDetails> = {
  good: { username: 'demo\\sam', authorities: [] },
};
const BASE: ServerConfig = {
  nodeEnv: 'test',
  introspection: true,
  corsOrigins: ['https://app.example.com'],
  maxRequestBodyBytes: 2048,
  requestTimeoutMs: 5_000,
  maxScheduleRangeDays: 62,
  tokenHashSecret: 'x'.repeat(32),
  tokenCheck: { ttlMs: 30_000, maxEntries: 100 },
  limits: DEFAULT_QUERY_LIMITS,
  http: DEFAULT_SOCKET_LIMITS,
};

let running: RunningServer | undefined;
const dispatcher = new Agent();
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(
  userInfo: Upstreams['auth']['userInfo'],
  config: Partial<ServerConfig> = {},
  plugins: ApolloServerPlugin<GatewayContext>[] = [],
) {
  const auth = { userInfo: vi.fn(userInfo) };
  const upstreams = { auth, wfm: {}, soap: {} } as unknown as Upstreams;
  const server = await createServer({
    config: { ...BASE, ...config },
    upstreams,
    typeDefs,
    resolvers,
    createLoaders: () => ({}) as Loaders,
    plugins,
  });
  running = await startServer(server, { port: 0, host: '127.0.0.1' });
  return { auth, url: running.url };
}

const knownTokens: Upstreams['auth']['userInfo'] = async (ctx) => {
  const user = USERS[ctx.token];
  if (!user)
    throw new UpstreamError('UNAUTHENTICATED', 'x', {
      service: 'auth',
      operation: 'userinfo',
      status: 401,
    });
  return user;
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await request(url, {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

describe('gateway HTTP server', () => {
  it('answers GraphQL for an accepted token', async () => {
    const { url } = await start(knownTokens);
    const res = await post(url, { query: '{ whoami }' }, { authorization: 'Bearer good' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { whoami: 'demo\\sam' } });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Basic Z29vZA==' }],
    ['an unknown token', { authorization: 'Bearer nope' }],
  ])('answers 401 + WWW-Authenticate for %s', async (_name, headers: Record<string, string>) => {
    const { url } = await start(knownTokens);
    const res = await post(url, { query: '{ whoami }' }, headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it.each([
    [
      new UpstreamError('RATE_LIMITED', 'x', {
        service: 'auth',
        operation: 'userinfo',
        status: 429,
        retryAfterSec: 9,
      }),
      429,
      'RATE_LIMITED',
    ],
    [
      new UpstreamError('UNAVAILABLE', 'x', {
        service: 'auth',
        operation: 'userinfo',
        status: 503,
      }),
      503,
      'UPSTREAM_UNAVAILABLE',
    ],
    [
      new UpstreamError('TIMEOUT', 'x', { service: 'auth', operation: 'userinfo' }),
      504,
      'UPSTREAM_TIMEOUT',
    ],
    [
      new UpstreamError('ERROR', 'x', { service: 'auth', operation: 'userinfo', status: 500 }),
      502,
      'UPSTREAM_ERROR',
    ],
    [
      new UpstreamError('FORBIDDEN', 'x', {
        service: 'auth',
        operation: 'userinfo',
        status: 403,
        reason: 'INVALID_API_KEY',
      }),
      403,
      'FORBIDDEN',
    ],
  ])('answers a failed token check with the matching status (%#)', async (error, status, code) => {
    const { url } = await start(async () => {
      throw error;
    });
    const res = await post(url, { query: '{ whoami }' }, { authorization: 'Bearer good' });
    expect(res.status).toBe(status);
    const errors = res.json?.['errors'] as Array<{ extensions: Record<string, unknown> }>;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions['code']).toBe(code);
    expect(errors[0]?.extensions['upstream']).toMatchObject({
      service: 'auth',
      operation: 'userinfo',
    });
    if (code === 'RATE_LIMITED') {
      expect(res.headers['retry-after']).toBe('9');
      expect(errors[0]?.extensions['retryAfter']).toBe(9);
    }
  });

  it('formats field errors at the boundary with partial data and HTTP 200', async () => {
    const { url } = await start(knownTokens);
    const res = await post(
      url,
      { query: '{ whoami fail(kind: "RATE_LIMITED") bug }' },
      { authorization: 'Bearer good' },
    );
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/upstream-secret|tok_CANARY|stack/);
    expect(res.json).toEqual({
      data: { whoami: 'demo\\sam', fail: null, bug: null },
      errors: [
        {
          message: expect.any(String),
          locations: expect.any(Array),
          path: ['fail'],
          extensions: {
            code: 'RATE_LIMITED',
            retryAfter: 3,
            upstream: { service: 'wfm-soap', operation: 'GetAgentState', status: 429 },
          },
        },
        {
          message: 'Internal server error',
          locations: expect.any(Array),
          path: ['bug'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });

  it('parses a document once: Apollo Server executes the front door’s, validated once', async () => {
    let parses = 0;
    const documents = new Set<unknown>();
    const { url } = await start(knownTokens, {}, [
      {
        requestDidStart: async () => ({
          parsingDidStart: async () => {
            parses += 1;
          },
          executionDidStart: async ({ document }) => {
            documents.add(document);
          },
        }),
      },
    ]);
    const auth = { authorization: 'Bearer good' };
    for (let i = 0; i < 3; i++)
      expect((await post(url, { query: '{ whoami }' }, auth)).json).toEqual({
        data: { whoami: 'demo\\sam' },
      });
    expect(parses).toBe(0);
    expect(documents.size).toBe(1);
    // A document that fails validation is left to Apollo Server, which reports it as usual.
    const invalid = await post(url, { query: '{ whoami nope }' }, auth);
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/Cannot query field \\"nope\\"/);
    expect(parses).toBe(1);
  });

  it('maps validation errors to BAD_USER_INPUT', async () => {
    const { url } = await start(knownTokens);
    const res = await post(url, { query: '{ nope }' }, { authorization: 'Bearer good' });
    expect(res.status).toBe(400);
    expect((res.json?.['errors'] as Array<{ extensions: unknown }>)[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it('refuses oversize bodies (413), malformed JSON (400), batches and CSRF-able requests before authenticating', async () => {
    const { url, auth } = await start(knownTokens);
    expect((await post(url, { query: `{ whoami } #${'x'.repeat(4096)}` })).status).toBe(413);
    expect((await post(url, '{"query": ')).status).toBe(400);
    const batch = await post(url, [{ query: '{ whoami }' }], { authorization: 'Bearer good' });
    expect(batch.status).toBe(400);
    const csrf = await post(url, 'query={whoami}', {
      'content-type': 'text/plain',
      authorization: 'Bearer good',
    });
    expect(csrf.status).toBe(400);
    expect(csrf.text).toMatch(/CSRF/);
    // The front door refuses the batch before authentication: no token check at all.
    expect(auth.userInfo).not.toHaveBeenCalled();
  });

  it('serves GET /healthz and 404 elsewhere', async () => {
    const { url } = await start(knownTokens);
    const base = url.replace(/\/graphql$/, '');
    const health = await request(`${base}/healthz`, { dispatcher });
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok' });
    const other = await request(`${base}/nope`, { dispatcher });
    expect(other.statusCode).toBe(404);
    await other.body.dump();
  });

  it('allows listed CORS origins only', async () => {
    const { url } = await start(knownTokens);
    const listed = await request(url, {
      dispatcher,
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(listed.statusCode).toBe(204);
    expect(listed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    await listed.body.dump();
    const other = await request(url, {
      dispatcher,
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await other.body.dump();
  });

  it('turns introspection off when configured (production)', async () => {
    const { url } = await start(knownTokens, { nodeEnv: 'production', introspection: false });
    const res = await post(
      url,
      { query: '{ __schema { types { name } } }' },
      { authorization: 'Bearer good' },
    );
    expect(res.status).toBe(400);
    expect((res.json?.['errors'] as Array<{ extensions: unknown }>)[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it('serves the SDL at GET /schema.graphql when enabled, without a token', async () => {
    const { url, auth } = await start(knownTokens, { schemaEndpoint: true });
    const base = url.replace(/\/graphql$/, '');
    const res = await request(`${base}/schema.graphql`, { dispatcher });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(await res.body.text()).toContain('whoami: String!');
    expect(auth.userInfo).not.toHaveBeenCalled();
    await running?.stop();
    const off = await start(knownTokens, { schemaEndpoint: false });
    const closed = await request(`${off.url.replace(/\/graphql$/, '')}/schema.graphql`, {
      dispatcher,
    });
    expect(closed.statusCode).toBe(404);
    await closed.body.dump();
  });

  it('tells a POST without Content-Type to send application/json', async () => {
    const { url, auth } = await start(knownTokens);
    const res = await request(url, {
      dispatcher,
      method: 'POST',
      headers: { authorization: 'Bearer good' },
      body: JSON.stringify({ query: '{ whoami }' }),
    });
    expect(res.statusCode).toBe(400);
    const body = (await res.body.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toContain('Content-Type: application/json');
    expect(auth.userInfo).not.toHaveBeenCalled();
  });

  it('tells a refused token in demo mode that demo tokens are reissued at each start', async () => {
    const demo = await start(knownTokens, { mode: 'demo' });
    const stale = await post(demo.url, { query: '{ whoami }' }, { authorization: 'Bearer old' });
    expect(stale.status).toBe(401);
    expect(stale.text).toContain('reissued at each start');
    await running?.stop();
    const configured = await start(knownTokens, { mode: 'genesys' });
    const refused = await post(
      configured.url,
      { query: '{ whoami }' },
      { authorization: 'Bearer old' },
    );
    expect(refused.text).not.toContain('reissued');
  });
});
