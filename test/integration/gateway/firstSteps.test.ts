/**
 * What a first-time client developer runs into: CORS from a dev server, the SDL for codegen, an
 * unknown APQ hash, an unknown site id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

describe('first steps of a client developer', () => {
  let gateway: TestGateway;
  let token: string;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { CORS_ALLOW_LOOPBACK: 'true' } });
    token = await gateway.token();
  });
  afterAll(() => gateway.close());

  const json = (body: unknown, headers: Record<string, string> = {}) =>
    gateway.send({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });

  it('lets a page on another loopback port call the gateway', async () => {
    const res = await json(
      { query: '{ me { user { username } } }' },
      {
        origin: 'http://localhost:5173',
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('serves the SDL the running gateway executes at /schema.graphql', async () => {
    const res = await gateway.send({ method: 'GET', path: '/schema.graphql' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('scalar DateTime');
    expect(res.text).toContain('PERSISTED_QUERY_NOT_FOUND');
  });

  it('codes an unknown automatic-persisted-query hash PERSISTED_QUERY_NOT_FOUND, then accepts it with its text', async () => {
    const query = '{ me { user { username } } }';
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const miss = await json({ extensions: { persistedQuery } });
    expect(miss.body).toEqual({
      errors: [
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ],
    });
    const register = await json({ query, extensions: { persistedQuery } });
    expect(register.status).toBe(200);
    const hit = await json({ extensions: { persistedQuery } });
    expect(hit.body).toEqual(register.body);
    expect(hit.body.data).toBeTruthy();
  });

  it('codes an unknown site id NOT_FOUND, naming the site', async () => {
    const res = await json({
      query:
        '{ schedules(siteId: "999", from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { agent { id } } }',
    });
    const errors = res.body.errors ?? [];
    expect(errors[0]?.extensions).toEqual({ code: 'NOT_FOUND', argument: 'siteId' });
    expect(errors[0]?.message).toContain('999');
  });
});
