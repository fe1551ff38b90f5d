/**
 * R17 (issue 10 item 3) — global sign-out and password change: the user's other tokens, warm in
 * every cache (token check, per-resource answers), are refused at once, not when their cached
 * token check expires. Figures: seconds from the sign-out's answer until another token of the
 * user is refused. The TTLs are long so a cached answer would be served if nothing invalidated it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { printFigures, reliabilityOptions, round } from './support.js';

const WARM = '{ me { user { username } wfmUser { id } } sites { id } }';

describe('R17 global sign-out and password change', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(
      reliabilityOptions('test', {
        env: { TOKEN_CHECK_TTL_MS: '600000', CACHE_TTL_SITES_MS: '600000' },
      }),
    );
  });
  afterAll(async () => gw?.close());

  async function warmTokens(user: string, count: number): Promise<string[]> {
    const tokens = await Promise.all(Array.from({ length: count }, () => gw.token(user)));
    for (const token of tokens) expect((await gw.gql(WARM, token)).status).toBe(200);
    return tokens;
  }

  it('signOut(global: true): every other token of the user is refused at once; others untouched', async () => {
    const [signer, ...others] = await warmTokens('sam.supervisor', 4);
    const [bystander] = await warmTokens('alex.agent', 1);
    const userinfoBefore = gw.sim.log.count({ operation: 'userinfo' });
    const out = await gw.gql('mutation { signOut(global: true) { success global } }', signer!);
    expect(out.body.data).toEqual({ signOut: { success: true, global: true } });
    const signedOutAt = performance.now();
    const refusedAfter: number[] = [];
    for (const token of others) {
      const answer = await gw.gql(WARM, token);
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      refusedAfter.push((performance.now() - signedOutAt) / 1000);
    }
    // Each was checked upstream again (not answered from the remembered check).
    expect(gw.sim.log.count({ operation: 'userinfo' }) - userinfoBefore).toBe(others.length);
    expect((await gw.gql(WARM, bystander!)).status).toBe(200);
    printFigures('R17', {
      case: 'signOut-global',
      otherTokens: others.length,
      secondsUntilRefused: round(Math.max(...refusedAfter), 3),
    });
  });

  it("changePassword: the user's other tokens lose their cached answers and checks", async () => {
    // A user of its own: the first case's bystander is alex.agent.
    const [changer, other] = await warmTokens('agent002', 2);
    const beforeTokens = gw.responseCache?.stats().tokens ?? 0;
    const change = await gw.gql(
      'mutation { changePassword(input: { oldPassword: "demo-password", newPassword: "new-password-1" }) { success } }',
      changer!,
    );
    expect(change.body.data).toEqual({ changePassword: { success: true } });
    // Both tokens' entries are gone from the response cache, the other's token check too.
    expect(gw.responseCache?.stats().tokens).toBe(beforeTokens - 2);
    const userinfoBefore = gw.sim.log.count({ operation: 'userinfo' });
    await gw.gql(WARM, other!);
    expect(gw.sim.log.count({ operation: 'userinfo' }) - userinfoBefore).toBe(1);
    await gw.gql(
      'mutation { changePassword(input: { oldPassword: "new-password-1", newPassword: "demo-password" }) { success } }',
      other!,
    );
  });
});
