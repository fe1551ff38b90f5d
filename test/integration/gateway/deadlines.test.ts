import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSoap, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/** RELIABILITY R6 in short: the gateway deadline bounds a request, and a client leaving costs nothing. */
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    env: { UPSTREAM_TIMEOUT_MS: '10000', REQUEST_TIMEOUT_MS: '400' },
    responseCache: false,
    clients: { soap: () => noSoap },
  });
});
afterAll(() => gw.close());

describe('deadlines', () => {
  it('answers at the gateway deadline with UPSTREAM_TIMEOUT when WFM REST never answers', async () => {
    const token = await gw.token('sam.supervisor');
    await gw.gql('{ me { user { username } } }', token); // token check done and remembered
    gw.sim.faults.add({ kind: 'hang', service: 'wfm' });
    const started = Date.now();
    const res = await gw.gql('{ me { user { username } wfmUser { id } } }', token);
    gw.sim.faults.clear();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      me: { user: { username: expect.any(String) }, wfmUser: null },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      upstream: { service: 'wfm', operation: 'system/userinfo' },
    });
  });

  it('keeps serving after a client disconnects mid-request', async () => {
    const token = await gw.token('alex.agent');
    gw.sim.faults.add({ kind: 'hang', service: 'wfm' });
    const leaving = new AbortController();
    const client = new Agent();
    const pending = request(gw.url, {
      dispatcher: client,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { wfmUser { id } } }' }),
      signal: leaving.signal,
    }).catch((error: unknown) => error);
    setTimeout(() => leaving.abort(), 100);
    expect(await pending).toBeInstanceOf(Error);
    gw.sim.faults.clear();
    const after = await gw.gql('{ me { wfmUser { id } } }', token);
    expect(after.body.errors).toBeUndefined();
    await client.close();
  });
});
