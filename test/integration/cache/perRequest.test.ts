/**
 * Per-request sharing without the response cache (issue 4 fixes): one WFM `/system/userinfo`
 * per request although both the `wfmUser` loader and the SOAP handshake need it, and one GetSite
 * for `sites` with `site(id)`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

let h: TestGateway;
beforeAll(async () => {
  h = await startTestGateway({ simulator: { today: SEEDED_TODAY }, responseCache: false });
});
afterAll(async () => h?.close());

const count = (operation: string) =>
  h.sim.log.entries().filter((e) => e.operation === operation).length;

describe('within one request, without the response cache', () => {
  it('asks WFM REST /system/userinfo once for wfmUser plus SOAP data (new session)', async () => {
    const sam = await h.token('sam.supervisor');
    h.sim.log.clear();
    const response = await h.gql('{ me { wfmUser { id type } } sites { id teams { id } } }', sam);
    expect(response.body.errors).toBeUndefined();
    expect(count('OpenSession')).toBe(1);
    expect(count('system/userinfo')).toBe(1);
  });

  it('asks once for an agent whose schedule needs their own WFM profile', async () => {
    const alex = await h.token('alex.agent');
    h.sim.log.clear();
    const response = await h.gql(
      '{ me { wfmUser { id } mySchedule(from: "2026-03-09T00:00:00-05:00", to: "2026-03-10T00:00:00-05:00") { items { type } } } }',
      alex,
    );
    expect(response.body.errors).toBeUndefined();
    expect(count('system/userinfo')).toBe(1);
  });

  it('answers site(id) from the sites list of the same request: one GetSite', async () => {
    const sam = await h.token('sam.supervisor');
    h.sim.log.clear();
    const response = await h.gql(
      '{ sites { id name } site(id: "2") { id timeZone } hidden: site(id: "3") { id } }',
      sam,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toMatchObject({ site: { id: '2' }, hidden: null });
    expect(count('GetSite')).toBe(1);
  });

  it('still asks again in the next request (nothing outlives the request)', async () => {
    const sam = await h.token('sam.supervisor');
    await h.gql('{ me { wfmUser { id } } }', sam);
    h.sim.log.clear();
    await h.gql('{ me { wfmUser { id } } }', sam);
    expect(count('system/userinfo')).toBe(1);
  });
});
