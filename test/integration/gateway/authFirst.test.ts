import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noSoap, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const QUERY = '{ me { user { username } wfmUser { id } } }';
let clock = Date.now();
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    simulator: { now: () => clock },
    responseCache: false,
    clients: { soap: () => noSoap },
  });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sim.log.clear();
  gw.sim.faults.clear();
  gw.sim.settings.invalidTokenStatus = 401;
});

function expectUnauthenticated(res: Awaited<ReturnType<TestGateway['gql']>>): void {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Bearer');
  expect(res.body).toEqual({
    errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
  });
  expect(res.body).not.toHaveProperty('data');
}

/** Only the token check reached Genesys: no WFM REST, no SOAP. */
function expectOnlyTokenCheck(expectedChecks: number): void {
  expect(gw.sim.log.count({ service: 'wfm' })).toBe(0);
  expect(gw.sim.log.count({ service: 'wfm-soap' })).toBe(0);
  expect(gw.sim.log.count({ service: 'auth' })).toBe(expectedChecks);
  for (const entry of gw.sim.log.entries({ service: 'auth' }))
    expect(entry.operation).toBe('userinfo');
}

async function signOutDirectly(token: string): Promise<void> {
  const res = await request(`${gw.sim.authUrl}/sign-out`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  await res.body.dump();
  expect(res.statusCode).toBe(200);
}

describe('authentication first', () => {
  it('answers 401 with no token, calling no upstream at all', async () => {
    expectUnauthenticated(await gw.gql(QUERY, null));
    expectOnlyTokenCheck(0);
  });

  it.each(['Basic ZGVtbzpkZW1v', 'Bearer', 'Bearer two tokens', 'bearer tok"en'])(
    'answers 401 for the malformed header %j without an upstream call',
    async (authorization) => {
      expectUnauthenticated(await gw.gql(QUERY, null, undefined, { authorization }));
      expectOnlyTokenCheck(0);
    },
  );

  it('answers 401 for an unknown token after one token check', async () => {
    expectUnauthenticated(await gw.gql(QUERY, 'f47ac10b-58cc-4372-a567-0e02b2c3d479'));
    expectOnlyTokenCheck(1);
  });

  it('answers 401 for an unknown token when the Authentication API says 403 instead of 401', async () => {
    gw.sim.settings.invalidTokenStatus = 403;
    expectUnauthenticated(await gw.gql(QUERY, 'f47ac10b-58cc-4372-a567-0e02b2c3d479'));
    expectOnlyTokenCheck(1);
  });

  it('answers 401 for an expired token', async () => {
    const token = await gw.token('alex.agent');
    clock += 2 * 3600 * 1000;
    try {
      expectUnauthenticated(await gw.gql(QUERY, token));
    } finally {
      clock = Date.now();
    }
    expectOnlyTokenCheck(1);
  });

  it('answers 401 for a revoked token', async () => {
    const token = await gw.token('alex.agent');
    await signOutDirectly(token);
    gw.sim.log.clear();
    expectUnauthenticated(await gw.gql(QUERY, token));
    expectOnlyTokenCheck(1);
  });

  it('lets a valid token through, checked once and then remembered briefly', async () => {
    const token = await gw.token('sam.supervisor');
    const first = await gw.gql('{ me { user { username } } }', token);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({
      me: { user: { username: expect.stringContaining('sam.supervisor') } },
    });
    await gw.gql('{ me { user { username } } }', token);
    expectOnlyTokenCheck(1);
  });

  it('forwards the caller token on every upstream request', async () => {
    const token = await gw.token('sam.supervisor');
    const res = await gw.gql(QUERY, token);
    expect(res.body.errors).toBeUndefined();
    const entries = gw.sim.log.entries();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) expect(entry.identity).toBe('sam.supervisor');
  });
});
