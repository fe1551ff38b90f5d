/**
 * CONTRACT §6 through the whole stack: a second user never receives the first user's cached
 * answer, even for the very same query, and a cache with a broken key (built by the test) shows the check would notice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import { SharedKeyResponseCache } from '../../helpers/sharedKeyResponseCache.js';

const QUERY = '{ me { user { username } wfmUser { id } } sites { id } }';
const harnesses: TestGateway[] = [];
afterAll(async () => Promise.all(harnesses.map((h) => h.close())));

async function pair(brokenKey: boolean) {
  const h = await startTestGateway({
    simulator: { today: SEEDED_TODAY },
    ...(brokenKey ? { responseCache: (options) => new SharedKeyResponseCache(options) } : {}),
  });
  harnesses.push(h);
  const sam = await h.gql(QUERY, await h.token('sam.supervisor'));
  const pat = await h.gql(QUERY, await h.token('pat.supervisor'));
  return { h, sam: sam.body.data, pat: pat.body.data };
}

describe('cached answers are per caller', () => {
  it('pat, right after sam filled the cache, gets pat’s own WFM user and sites', async () => {
    const { h, sam, pat } = await pair(false);
    const samUser = h.sim.world.users.find((u) => u.userName === 'sam.supervisor');
    const patUser = h.sim.world.users.find((u) => u.userName === 'pat.supervisor');
    const view = (data: unknown) => {
      const d = data as {
        me: { user: { username: string }; wfmUser: { id: string } };
        sites: { id: string }[];
      };
      return {
        user: d.me.user.username.split('@')[0],
        wfmUserId: d.me.wfmUser.id,
        sites: d.sites.map((s) => s.id).sort(),
      };
    };
    expect(view(sam)).toEqual({
      user: 'sam.supervisor',
      wfmUserId: String(samUser?.dbid),
      sites: ['1', '2'],
    });
    expect(view(pat)).toEqual({
      user: 'pat.supervisor',
      wfmUserId: String(patUser?.dbid),
      sites: ['3'],
    });
    // Both really went upstream for their own answers.
    expect(h.sim.log.count({ operation: 'GetSite', identity: 'pat.supervisor' })).toBe(1);
  });

  it('with the test-only broken key, pat is served sam’s cached answers (the check works)', async () => {
    const { sam, pat } = await pair(true);
    expect((pat as { sites: unknown }).sites).toEqual((sam as { sites: unknown }).sites);
  });
});
