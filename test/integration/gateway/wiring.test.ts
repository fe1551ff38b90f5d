import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/** The gateway wired as `npm start` wires it: real SOAP, response cache and counters, cost plugin. */
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sim.log.clear();
  gw.sim.faults.clear();
});

const QUERY = '{ me { user { username } wfmUser { id type } } sites { id name timeZone } }';

describe('gateway wiring', () => {
  it('answers REST and SOAP fields for a supervisor, every upstream request carrying their token', async () => {
    const res = await gw.gql(QUERY, await gw.token('sam.supervisor'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.['me']).toMatchObject({ wfmUser: { type: 'SUPERVISOR' } });
    expect((res.body.data?.['sites'] as unknown[]).length).toBeGreaterThan(0);
    const entries = gw.sim.log.entries();
    expect(entries.some((e) => e.service === 'wfm-soap')).toBe(true);
    for (const entry of entries.filter((e) => e.operation !== 'wsdl'))
      expect(entry.identity).toBe('sam.supervisor');
  });

  it('reports extensions.cost only when asked with x-gateway-debug: 1', async () => {
    const token = await gw.token('pat.supervisor');
    const plain = await gw.gql(QUERY, token);
    expect(plain.body).not.toHaveProperty('extensions');
    const debug = await gw.gql(QUERY, token, undefined, { 'x-gateway-debug': '1' });
    expect(debug.body).toMatchObject({
      extensions: { cost: { upstreamCalls: expect.any(Number), cacheHits: expect.any(Number) } },
    });
  });

  it('after signOut through the gateway, the same token is checked again and refused (401)', async () => {
    const token = await gw.token('alex.agent');
    expect((await gw.gql('{ me { user { username } } }', token)).status).toBe(200);
    const out = await gw.gql('mutation { signOut { success global } }', token);
    expect(out.body.data).toEqual({ signOut: { success: true, global: false } });
    const after = await gw.gql('{ me { user { username } } }', token);
    expect(after.status).toBe(401);
    expect(after.headers['www-authenticate']).toBe('Bearer');
  });

  it('a user not provisioned in WFM gets FORBIDDEN WFM_NOT_PROVISIONED on SOAP fields too', async () => {
    const res = await gw.gql('{ sites { id } }', await gw.token('nina.noprov'));
    expect(res.status).toBe(200);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'WFM_NOT_PROVISIONED',
    });
  });
});
