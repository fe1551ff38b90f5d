/**
 * Issue 11 item 1 through the whole stack: a repeated query of one caller is answered from the
 * whole-answer cache with the same bytes, without execution and without upstream calls; callers
 * never share answers (and a cache with a broken key, built by the test, shows the check would
 * notice); answers with errors are not kept; sign-out drops the caller's answers.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import { SharedKeyWholeAnswerCache } from '../../helpers/sharedKeyWholeAnswerCache.js';

const QUERY = '{ me { user { username } wfmUser { id } } sites { id name } }';
const harnesses: TestGateway[] = [];
afterAll(async () => Promise.all(harnesses.map((h) => h.close())));

async function start(brokenKey = false): Promise<TestGateway> {
  const h = await startTestGateway({
    simulator: { today: SEEDED_TODAY },
    ...(brokenKey ? { wholeAnswerCache: (options) => new SharedKeyWholeAnswerCache(options) } : {}),
  });
  harnesses.push(h);
  return h;
}

const usernameOf = (data: unknown) =>
  (data as { me: { user: { username: string } } }).me.user.username.split('@')[0];

describe('the whole-answer cache', () => {
  let h: TestGateway;
  beforeAll(async () => {
    h = await start();
  });

  it('answers a repeated query with the same bytes, no execution and no upstream call', async () => {
    const token = await h.token('sam.supervisor');
    const first = await h.gql(QUERY, token);
    expect(first.status).toBe(200);
    expect(h.wholeAnswers?.stats().entries).toBe(1);
    const execute = vi.spyOn(h.server.apollo, 'executeHTTPGraphQLRequest');
    h.sim.log.clear();
    try {
      const second = await h.gql(QUERY, token);
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
      expect(second.headers['content-type']).toBe(first.headers['content-type']);
      expect(execute).not.toHaveBeenCalled();
      // The token check is remembered; nothing else reaches Genesys.
      expect(h.sim.log.entries().length).toBe(0);
    } finally {
      execute.mockRestore();
    }
  });

  it('one key for variables in any property order; another for other variables', async () => {
    const token = await h.token('pat.supervisor');
    const q = 'query ($a: ID!, $b: ID!) { a: site(id: $a) { id } b: site(id: $b) { id } }';
    const before = h.wholeAnswers?.stats().entries ?? 0;
    await h.gql(q, token, { a: '1', b: '2' });
    await h.gql(q, token, { b: '2', a: '1' });
    expect(h.wholeAnswers?.stats().entries).toBe(before + 1);
    await h.gql(q, token, { a: '2', b: '1' });
    expect(h.wholeAnswers?.stats().entries).toBe(before + 2);
  });

  it('never keeps an answer with errors', async () => {
    const token = await h.token('sam.supervisor');
    const before = h.wholeAnswers?.stats().entries ?? 0;
    const out = await h.gql(
      '{ sites { id } agent(id: "1003") { schedule(from: "2026-01-01T00:00:00Z", to: "2027-06-01T00:00:00Z") { items { type } } } }',
      token,
    );
    expect(out.status).toBe(200);
    expect(out.body.data?.['sites']).toBeTruthy();
    expect(out.body.errors?.length).toBeGreaterThan(0);
    expect(h.wholeAnswers?.stats().entries).toBe(before);
  });

  it('does not keep mutations or debug requests', async () => {
    const token = await h.token('alex.agent');
    const before = h.wholeAnswers?.stats().entries ?? 0;
    await h.gql(QUERY, token, undefined, { 'x-gateway-debug': '1' });
    expect(h.wholeAnswers?.stats().entries).toBe(before);
  });

  it('sign-out drops the caller’s answers; the token is then refused, not answered from memory', async () => {
    const token = await h.token('sam.supervisor');
    await h.gql(QUERY, token);
    const tokensBefore = h.wholeAnswers?.stats().tokens ?? 0;
    await h.gql('mutation { signOut { success } }', token);
    expect(h.wholeAnswers?.stats().tokens).toBe(tokensBefore - 1);
    const after = await h.gql(QUERY, token);
    expect(after.status).toBe(401);
  });
});

describe('whole answers are per caller', () => {
  it('pat, right after sam stored the very same query, gets pat’s own answer', async () => {
    const h = await start();
    const sam = await h.gql(QUERY, await h.token('sam.supervisor'));
    const pat = await h.gql(QUERY, await h.token('pat.supervisor'));
    expect(usernameOf(sam.body.data)).toBe('sam.supervisor');
    expect(usernameOf(pat.body.data)).toBe('pat.supervisor');
  });

  it('negative control: with a key that leaves the caller out, the same check catches the leak', async () => {
    const h = await start(true);
    await h.gql(QUERY, await h.token('sam.supervisor'));
    const pat = await h.gql(QUERY, await h.token('pat.supervisor'));
    expect(usernameOf(pat.body.data)).toBe('sam.supervisor');
  });
});
