/**
 * Issue 4: answers expire with their kind's TTL (an injected clock, no sleeping), and signOut /
 * changePassword through HTTP drop the token's cached answers, its SOAP session and its
 * remembered token check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import { ResponseCache } from '../../../src/cache/ResponseCache.js';

let h: TestGateway;
let now = 0;
beforeAll(async () => {
  h = await startTestGateway({
    simulator: { today: SEEDED_TODAY },
    responseCache: (options) => new ResponseCache({ ...options, now: () => now }),
    env: { CACHE_TTL_SITES_MS: '60000', CACHE_TTL_TEAMS_MS: '5000' },
  });
});
afterAll(async () => h?.close());

const count = (operation: string) => h.sim.log.count({ operation });

describe('TTL per kind', () => {
  it('serves sites from the cache until their TTL passes, then asks again', async () => {
    const sam = await h.token('sam.supervisor');
    h.sim.log.clear();
    await h.gql('{ sites { id teams { id } } }', sam);
    expect([count('GetSite'), count('GetTeam')]).toEqual([1, 1]);

    now += 4_999;
    await h.gql('{ sites { id teams { id } } }', sam);
    expect([count('GetSite'), count('GetTeam')]).toEqual([1, 1]);

    now += 2; // teams (5 s) expired, sites (60 s) not
    await h.gql('{ sites { id teams { id } } }', sam);
    expect([count('GetSite'), count('GetTeam')]).toEqual([1, 2]);

    now += 60_000;
    await h.gql('{ sites { id teams { id } } }', sam);
    expect([count('GetSite'), count('GetTeam')]).toEqual([2, 3]);
  });
});

describe('invalidation through the mutations', () => {
  it('changePassword drops the token’s cached answers and its SOAP session', async () => {
    const pat = await h.token('pat.supervisor');
    await h.gql('{ sites { id } }', pat);
    h.sim.log.clear();
    await h.gql('{ sites { id } }', pat);
    expect(count('GetSite')).toBe(0);

    const changed = await h.gql(
      'mutation { changePassword(input: { oldPassword: "demo-password", newPassword: "new-password-1" }) { success } }',
      pat,
    );
    expect(changed.body.data).toEqual({ changePassword: { success: true } });
    h.sim.log.clear();
    const after = await h.gql('{ sites { id } }', pat);
    expect(after.body.data).toEqual({ sites: [{ id: '3' }] });
    expect([count('GetSite'), count('LocateServer'), count('OpenSession')]).toEqual([1, 1, 1]);
    // The token check itself was dropped too: checked upstream again.
    expect(count('userinfo')).toBe(1);

    await h.gql(
      'mutation { changePassword(input: { oldPassword: "new-password-1", newPassword: "demo-password" }) { success } }',
      pat,
    );
  });

  it('signOut: the token is checked upstream again (401), and its cached answers are gone', async () => {
    const sam = await h.token('sam.supervisor');
    const other = await h.token('alex.agent');
    await h.gql('{ me { wfmUser { id } } sites { id } }', sam);
    await h.gql('{ sites { id } }', other);
    const tokensBefore = h.responseCache?.stats().tokens ?? 0;
    expect(tokensBefore).toBeGreaterThanOrEqual(2);

    const out = await h.gql('mutation { signOut { success } }', sam);
    expect(out.body.data).toEqual({ signOut: { success: true } });
    expect(h.responseCache?.stats().tokens).toBe(tokensBefore - 1);

    h.sim.log.clear();
    const refused = await h.gql('{ sites { id } }', sam);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(count('userinfo')).toBe(1);
    expect(h.sim.log.count({ service: 'wfm-soap' })).toBe(0);
    // The other caller is untouched.
    expect((await h.gql('{ sites { id } }', other)).status).toBe(200);
  });
});
