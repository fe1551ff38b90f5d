import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMON_ROWS,
  r12Figure,
  startTableGateway,
  upstreamOf,
  type Row,
} from './errorTableSupport.js';
import {
  noSoap,
  startTestGateway,
  type TestGateway,
  type GqlResponse,
} from '../../helpers/testGateway.js';

/**
 * CONTRACT §5 / RELIABILITY R12 for the REST back ends: every fault the simulator can inject on
 * the Authentication API and WFM REST, as the client sees it — with the production retry policy
 * on: the final answer after any retry the policy allowed. The 1.5 s request deadline is shorter
 * than `Retry-After: 2`, so 429s come back at once (a retry would not fit); retries that do fit
 * are R5 in test/reliability/.
 */
let gw: TestGateway;
r12Figure('REST (auth, wfm)');

beforeAll(async () => {
  gw = await startTableGateway();
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sim.faults.clear();
  gw.sim.log.clear();
  gw.sim.settings.apiKey = null;
});

const ROWS: Row[] = [
  ['401', { kind: 'status', status: 401 }, 'UNAUTHENTICATED', 401],
  ...COMMON_ROWS.rateLimited,
  ['500', { kind: 'status', status: 500 }, 'UPSTREAM_ERROR', 500],
  ...COMMON_ROWS.unavailable,
  ...COMMON_ROWS.transport,
  ['a malformed JSON body', { kind: 'malformed' }, 'UPSTREAM_ERROR', 200],
  COMMON_ROWS.htmlPage,
];

function expectNoLeak(res: GqlResponse): void {
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/Simulated|nginx|<html|Bad Gateway|127\.0\.0\.1|stacktrace/);
}

describe('WFM REST errors surface on me.wfmUser with partial data (HTTP 200)', () => {
  it.each(ROWS)('%s', async (_name, fault, code, status, extras = {}) => {
    const token = await gw.token('sam.supervisor');
    gw.sim.faults.add({ ...fault, service: 'wfm', operation: 'system/userinfo' });
    const res = await gw.gql('{ me { user { username } wfmUser { id } } }', token);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      me: { user: { username: expect.any(String) }, wfmUser: null },
    });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['me', 'wfmUser'],
      extensions: { code, upstream: upstreamOf('wfm', 'system/userinfo', status), ...extras },
    });
    expectNoLeak(res);
  });

  it('403 for a user not provisioned in WFM is FORBIDDEN WFM_NOT_PROVISIONED', async () => {
    const res = await gw.gql(
      '{ me { user { username } wfmUser { id } } }',
      await gw.token('nina.noprov'),
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      me: { user: { username: expect.stringContaining('nina.noprov') }, wfmUser: null },
    });
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'WFM_NOT_PROVISIONED',
      upstream: { service: 'wfm', operation: 'system/userinfo', status: 403 },
    });
  });

  it('a 403 injected on WFM REST is WFM_NOT_PROVISIONED too', async () => {
    gw.sim.faults.add({
      kind: 'status',
      status: 403,
      service: 'wfm',
      operation: 'system/userinfo',
    });
    const res = await gw.gql('{ me { wfmUser { id } } }', await gw.token('sam.supervisor'));
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'WFM_NOT_PROVISIONED',
    });
  });
});

describe('Authentication API errors during the token check answer the whole request', () => {
  const HTTP_STATUS: Record<string, number> = {
    UNAUTHENTICATED: 401,
    RATE_LIMITED: 429,
    UPSTREAM_ERROR: 502,
    UPSTREAM_UNAVAILABLE: 503,
    UPSTREAM_TIMEOUT: 504,
  };

  it.each(ROWS)('%s', async (_name, fault, code, status, extras = {}) => {
    const token = await gw.token('sam.supervisor');
    gw.sim.faults.add({ ...fault, service: 'auth', operation: 'userinfo' });
    const res = await gw.gql('{ me { user { username } wfmUser { id } } }', token);
    expect(res.status).toBe(HTTP_STATUS[code]);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body).not.toHaveProperty('data');
    const error = res.body.errors?.[0];
    if (code === 'UNAUTHENTICATED') {
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(error?.extensions).toEqual({ code });
    } else {
      expect(error?.extensions).toEqual({
        code,
        upstream: upstreamOf('auth', 'userinfo', status),
        ...extras,
      });
    }
    if (code === 'RATE_LIMITED')
      expect(res.headers['retry-after']).toBe(String(extras['retryAfter']));
    expect(gw.sim.log.count({ service: 'wfm' }) + gw.sim.log.count({ service: 'wfm-soap' })).toBe(
      0,
    );
    expectNoLeak(res);
  });

  it('a 403 that is not the API-key refusal means the token was refused: 401 + WWW-Authenticate', async () => {
    const token = await gw.token('sam.supervisor');
    gw.sim.faults.add({ kind: 'status', status: 403, service: 'auth', operation: 'userinfo' });
    const res = await gw.gql('{ me { user { username } } }', token);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(gw.sim.log.count({ service: 'auth', operation: 'userinfo' })).toBe(1);
  });

  it('403 from the API-key check is FORBIDDEN INVALID_API_KEY (HTTP 403), before any other call', async () => {
    const token = await gw.token('sam.supervisor');
    gw.sim.settings.apiKey = 'the-right-key';
    const res = await gw.gql('{ me { wfmUser { id } } }', token);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([
      {
        message: expect.stringContaining('API key'),
        extensions: {
          code: 'FORBIDDEN',
          reason: 'INVALID_API_KEY',
          upstream: { service: 'auth', operation: 'userinfo', status: 403 },
        },
      },
    ]);
    expect(gw.sim.log.count({ service: 'wfm' })).toBe(0);
  });
});

describe('Authentication API errors on fields after the check', () => {
  it('openId carries the auth error with partial data', async () => {
    const token = await gw.token('sam.supervisor');
    gw.sim.faults.add({
      kind: 'rateLimit',
      retryAfterSec: 7,
      service: 'auth',
      operation: 'openid/userinfo',
    });
    const res = await gw.gql('{ me { user { username } openId { email } } }', token);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { user: { username: expect.any(String) }, openId: null } });
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['me', 'openId'],
      extensions: {
        code: 'RATE_LIMITED',
        retryAfter: 7,
        upstream: { service: 'auth', operation: 'openid/userinfo', status: 429 },
      },
    });
  });
});

describe('x-api-key when configured', () => {
  let keyed: TestGateway;
  beforeAll(async () => {
    keyed = await startTestGateway({
      simulator: { apiKey: 'k-1' },
      env: { GENESYS_API_KEY: 'k-1' },
      responseCache: false,
      clients: { soap: () => noSoap },
    });
  });
  afterAll(() => keyed.close());

  it('is sent on Authentication API calls, so the caller gets through', async () => {
    const res = await keyed.gql('{ me { user { username } } }', await keyed.token('alex.agent'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('a key the Authentication API does not accept is FORBIDDEN INVALID_API_KEY', async () => {
    keyed.sim.settings.apiKey = 'k-2';
    try {
      const res = await keyed.gql('{ me { user { username } } }', await keyed.token('alex.agent'));
      expect(res.status).toBe(403);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'INVALID_API_KEY',
      });
    } finally {
      keyed.sim.settings.apiKey = 'k-1';
    }
  });
});
