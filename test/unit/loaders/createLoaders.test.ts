import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import { createLoaders } from '../../../src/loaders/createLoaders.js';
import { createFakes, testCall } from '../../helpers/fakeUpstreams.js';
import { buildWorld, SUPERVISOR } from '../../helpers/fakeWorld.js';

function harness(agentsPerSite = 3) {
  const fakes = createFakes({ world: buildWorld(agentsPerSite), user: SUPERVISOR });
  return { fakes, loaders: createLoaders(fakes.upstreams, testCall('tok-A')) };
}

const notFound = () =>
  new UpstreamError('NOT_FOUND', 'no such object', { service: 'wfm-soap', operation: 'GetSite' });

describe('createLoaders', () => {
  it('refuses a maxBatchSize that is not a positive integer', () => {
    const { fakes } = harness();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createLoaders(fakes.upstreams, testCall(), { maxBatchSize: bad })).toThrow(
        RangeError,
      );
    }
  });

  it('forwards the caller context on every upstream call', async () => {
    const { fakes, loaders } = harness();
    await Promise.all([
      loaders.sitesAll.load(),
      loaders.wfmUser.load(),
      loaders.openId.load(),
      loaders.agentsBySite.load(1),
    ]);
    expect(fakes.log.calls.length).toBeGreaterThan(0);
    expect(new Set(fakes.log.calls.map((c) => c.token))).toEqual(new Set(['tok-A']));
  });

  it('sitesAll is one GetSite without ids, and primes siteById', async () => {
    const { fakes, loaders } = harness();
    const sites = await loaders.sitesAll.load();
    await loaders.sitesAll.load();
    expect(sites.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(await loaders.siteById.load(2)).toMatchObject({ name: 'Berlin' });
    expect(fakes.log.of('GetSite').map((c) => c.args)).toEqual([{ siteIds: undefined }]);
  });

  it('siteById answers from a sitesAll still in flight: sites plus site(id) cost one GetSite', async () => {
    const { fakes, loaders } = harness();
    fakes.soap.visibleSiteIds = [1, 3];
    const [all, one, hidden] = await Promise.all([
      loaders.sitesAll.load(),
      loaders.siteById.load(3),
      loaders.siteById.load(2),
    ]);
    expect(all.map((s) => s.id)).toEqual([1, 3]);
    expect(one?.id).toBe(3);
    expect(hidden).toBeNull();
    expect(fakes.log.of('GetSite').map((c) => c.args)).toEqual([{ siteIds: undefined }]);
  });

  it('siteById asks for the ids itself when the sitesAll list failed', async () => {
    const { fakes, loaders } = harness();
    fakes.log.failures.push({
      operation: 'GetSite',
      when: (args) => (args as { siteIds?: number[] }).siteIds === undefined,
      error: notFound(),
    });
    const [all, one] = await Promise.allSettled([
      loaders.sitesAll.load(),
      loaders.siteById.load(2),
    ]);
    expect(all.status).toBe('rejected');
    expect(one).toMatchObject({ status: 'fulfilled', value: { id: 2 } });
    expect(fakes.log.of('GetSite').map((c) => c.args)).toEqual([
      { siteIds: undefined },
      { siteIds: [2] },
    ]);
  });

  it('siteById batches ids into one GetSite and answers null for an invisible site', async () => {
    const { fakes, loaders } = harness();
    fakes.soap.visibleSiteIds = [1, 3];
    const sites = await Promise.all([1, 2, 3].map((id) => loaders.siteById.load(id)));
    expect(sites.map((s) => s?.id ?? null)).toEqual([1, null, 3]);
    expect(fakes.log.of('GetSite').map((c) => c.args)).toEqual([{ siteIds: [1, 2, 3] }]);
  });

  it('siteById asks id by id only after a whole-batch NOT_FOUND, keeping the found ones', async () => {
    const { fakes, loaders } = harness();
    fakes.log.failures.push({
      operation: 'GetSite',
      when: (args) => ((args as { siteIds?: number[] }).siteIds ?? []).includes(99),
      error: notFound(),
    });
    const sites = await Promise.all([1, 99, 2].map((id) => loaders.siteById.load(id)));
    expect(sites.map((s) => s?.id ?? null)).toEqual([1, null, 2]);
    expect(fakes.log.count('GetSite')).toBe(4);
  });

  it('teamsBySite and agentsBySite answer several sites with one call each, and prime the by-id loaders', async () => {
    const { fakes, loaders } = harness(4);
    const [teams1, teams2, agents1, agents2] = await Promise.all([
      loaders.teamsBySite.load(1),
      loaders.teamsBySite.load(2),
      loaders.agentsBySite.load(1),
      loaders.agentsBySite.load(2),
    ]);
    expect(teams1.map((t) => t.id)).toEqual([11, 12]);
    expect(teams2.map((t) => t.id)).toEqual([21]);
    expect(agents1.map((a) => a.id)).toEqual([1001, 1002, 1003, 1004]);
    expect(agents2).toHaveLength(4);
    expect(fakes.log.count('GetTeam')).toBe(1);
    expect(fakes.log.count('GetAgent')).toBe(1);
    await Promise.all([loaders.teamById.load(12), loaders.agentById.load(2003)]);
    expect(fakes.log.count('GetTeam')).toBe(1);
    expect(fakes.log.count('GetAgent')).toBe(1);
  });

  it('agentsByTeam groups by team; a team without agents gets an empty list', async () => {
    const { fakes, loaders } = harness(3);
    const [a11, a12, a31, none] = await Promise.all(
      [11, 12, 31, 77].map((id) => loaders.agentsByTeam.load(id)),
    );
    expect(a11?.map((a) => a.id)).toEqual([1001, 1003]);
    expect(a12?.map((a) => a.id)).toEqual([1002]);
    expect(a31).toHaveLength(3);
    expect(none).toEqual([]);
    expect(fakes.log.of('GetAgent').map((c) => c.args)).toEqual([{ teamIds: [11, 12, 31, 77] }]);
  });

  it('agentById and teamById answer null for unknown ids', async () => {
    const { loaders } = harness();
    expect(await loaders.agentById.loadMany([1001, 424242])).toEqual([
      expect.objectContaining({ id: 1001 }),
      null,
    ]);
    expect(await loaders.teamById.load(999)).toBeNull();
  });

  it('chunks by-id loaders by maxBatchSize', async () => {
    const fakes = createFakes({ world: buildWorld(10), user: SUPERVISOR });
    const loaders = createLoaders(fakes.upstreams, testCall(), { maxBatchSize: 4 });
    await loaders.agentById.loadMany(Array.from({ length: 10 }, (_, i) => 1001 + i));
    expect(fakes.log.count('GetAgent')).toBe(3);
  });

  it('asks WFM REST and OpenID once per request, failures included', async () => {
    const { fakes, loaders } = harness();
    const refused = new UpstreamError('FORBIDDEN', 'not provisioned', {
      service: 'wfm',
      operation: 'system/userinfo',
      status: 403,
      reason: 'WFM_NOT_PROVISIONED',
    });
    fakes.log.failures.push({ operation: 'system/userinfo', error: refused });
    await expect(loaders.wfmUser.load()).rejects.toBe(refused);
    await expect(loaders.wfmUser.load()).rejects.toBe(refused);
    await Promise.all([loaders.openId.load(), loaders.openId.load()]);
    expect(fakes.log.count('system/userinfo')).toBe(1);
    expect(fakes.log.count('openid/userinfo')).toBe(1);
  });

  it('keeps nothing between requests: new loaders ask again', async () => {
    const fakes = createFakes({ world: buildWorld(1), user: SUPERVISOR });
    await createLoaders(fakes.upstreams, testCall()).sitesAll.load();
    await createLoaders(fakes.upstreams, testCall()).sitesAll.load();
    expect(fakes.log.count('GetSite')).toBe(2);
  });
});

describe('bySite loaders with an invisible or unknown site in the batch', () => {
  it('fail only that site, at the cost of one call per site after the refused batch', async () => {
    const { fakes, loaders } = harness(2);
    fakes.soap.visibleSiteIds = [1, 2];
    const [ok1, hidden, unknown, ok2] = await loaders.agentsBySite.loadMany([1, 3, 77, 2]);
    expect(ok1).toHaveLength(2);
    expect(ok2).toHaveLength(2);
    expect(hidden).toMatchObject({ kind: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' });
    expect(unknown).toMatchObject({ kind: 'NOT_FOUND' });
    expect(fakes.log.count('GetAgent')).toBe(5);
    const teams = await loaders.teamsBySite.loadMany([2, 3]);
    expect(teams.map((t) => (t instanceof Error ? 'error' : t.length))).toEqual([1, 'error']);
  });

  it('do not retry per key for failures that are not about one id', async () => {
    const { fakes, loaders } = harness(2);
    fakes.log.failures.push({
      operation: 'GetTeam',
      error: new UpstreamError('UNAVAILABLE', 'down', {
        service: 'wfm-soap',
        operation: 'GetTeam',
      }),
    });
    const teams = await loaders.teamsBySite.loadMany([1, 2, 3]);
    expect(teams.every((t) => t instanceof UpstreamError && t.kind === 'UNAVAILABLE')).toBe(true);
    expect(fakes.log.count('GetTeam')).toBe(1);
  });
});
