import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { cachedAuth, cachedSoap, cachedWfm } from '../../../src/cache/cachedUpstreams.js';
import { ResponseCache } from '../../../src/cache/ResponseCache.js';
import { DEFAULT_CACHE_CONFIG } from '../../../src/cache/cacheConfig.js';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import type { CallContext } from '../../../src/types/CallContext.js';
import { createRequestTally, type RequestTally } from '../../../src/types/RequestTally.js';
import type { Upstreams } from '../../../src/types/Upstreams.js';

/** A caller: its token, the token's hex HMAC, and the request's tally. */
function callerCtx(user: string): CallContext & { tally: RequestTally } {
  const token = `tok-${user}`;
  return {
    token,
    tokenHash: createHmac('sha256', 'k').update(token).digest('hex'),
    tally: createRequestTally(),
  };
}

/** Fake upstreams whose every answer names the token it saw. */
function fakeUpstreams() {
  const who = (ctx: CallContext) => ctx.token;
  const upstreams = {
    auth: {
      userInfo: vi.fn(async (ctx: CallContext) => ({ username: who(ctx), authorities: [] })),
      openIdUserInfo: vi.fn(async (ctx: CallContext) => ({ sub: who(ctx), authorities: [] })),
      ping: vi.fn(async () => undefined),
      signOut: vi.fn(async () => undefined),
      changePassword: vi.fn(async () => undefined),
      exchangeCode: vi.fn(async () => ({ access_token: 'x', token_type: 'bearer', expires_in: 1 })),
    },
    wfm: {
      userInfo: vi.fn(async (ctx: CallContext) => ({
        userId: 1,
        userType: 'SUPERVISOR' as const,
        userName: who(ctx),
      })),
    },
    soap: {
      getSites: vi.fn(async (ctx: CallContext, siteIds?: readonly number[]) =>
        (siteIds ?? [1]).map((id) => ({ id, buId: 1, name: who(ctx), timeZone: 'UTC' })),
      ),
      getTeams: vi.fn(async (ctx: CallContext) => [{ id: 1, siteId: 1, name: who(ctx) }]),
      getAgents: vi.fn(async (ctx: CallContext) => [
        { id: 1, firstName: who(ctx), lastName: null, siteId: 1, teamId: null },
      ]),
      getAgentStates: vi.fn(async (ctx: CallContext) => [
        {
          agentId: 1,
          type: 'SHIFT' as const,
          name: who(ctx),
          startOle: 1,
          endOle: 2,
          fullDay: false,
          paid: true,
        },
      ]),
      dropSession: vi.fn(),
    },
  } satisfies Upstreams;
  return upstreams;
}

function harness() {
  const raw = fakeUpstreams();
  const cache = new ResponseCache({
    max: 100,
    maxSize: 1_000_000,
    ttlMs: DEFAULT_CACHE_CONFIG.ttlMs,
  });
  const cached: Upstreams = {
    auth: cachedAuth(raw.auth, cache, (tokenHash) => raw.soap.dropSession(tokenHash)),
    wfm: cachedWfm(raw.wfm, cache),
    soap: cachedSoap(raw.soap, cache),
  };
  return { raw, cache, cached };
}

describe('the response cache decorators (cachedAuth, cachedWfm, cachedSoap)', () => {
  it("caches wfm.userInfo and openIdUserInfo per token, and never gives one user another's", async () => {
    const { raw, cached } = harness();
    const alice = callerCtx('alice');
    const bob = callerCtx('bob');
    expect((await cached.wfm.userInfo(alice)).userName).toBe('tok-alice');
    expect((await cached.wfm.userInfo(alice)).userName).toBe('tok-alice');
    expect((await cached.wfm.userInfo(bob)).userName).toBe('tok-bob');
    expect(raw.wfm.userInfo).toHaveBeenCalledTimes(2);
    expect((await cached.auth.openIdUserInfo(bob)).sub).toBe('tok-bob');
    expect((await cached.auth.openIdUserInfo(bob)).sub).toBe('tok-bob');
    expect(raw.auth.openIdUserInfo).toHaveBeenCalledTimes(1);
    expect(alice.tally).toEqual({
      upstreamCalls: 0,
      cacheHits: 1,
      coalesced: 0,
      kindsRead: new Set(['wfmUser']),
      tagsRead: new Set(),
    });
  });

  it('does not cache the token check (auth.userInfo) and passes other calls through', async () => {
    const { raw, cached } = harness();
    const alice = callerCtx('alice');
    await cached.auth.userInfo(alice);
    await cached.auth.userInfo(alice);
    await cached.auth.ping(alice);
    await cached.auth.exchangeCode({ code: 'c', redirectUri: 'r', codeVerifier: 'v' });
    expect(raw.auth.userInfo).toHaveBeenCalledTimes(2);
    expect(raw.auth.ping).toHaveBeenCalledWith(alice);
    expect(raw.auth.exchangeCode).toHaveBeenCalledTimes(1);
  });

  it('canonicalises id lists: order and duplicates do not matter, absent and empty do', async () => {
    const { raw, cached } = harness();
    const alice = callerCtx('alice');
    await cached.soap.getSites(alice, [2, 1, 2]);
    await cached.soap.getSites(alice, [1, 2]);
    expect(raw.soap.getSites).toHaveBeenCalledTimes(1);
    await cached.soap.getSites(alice, undefined);
    await cached.soap.getSites(alice, []);
    expect(raw.soap.getSites).toHaveBeenCalledTimes(3);

    await cached.soap.getTeams(alice, { siteIds: [3, 1] });
    await cached.soap.getTeams(alice, { siteIds: [1, 3] });
    await cached.soap.getTeams(alice, { teamIds: [1, 3] });
    expect(raw.soap.getTeams).toHaveBeenCalledTimes(2);

    await cached.soap.getAgents(alice, { agentIds: [9, 8], siteIds: [1] });
    await cached.soap.getAgents(alice, { siteIds: [1], agentIds: [8, 9] });
    expect(raw.soap.getAgents).toHaveBeenCalledTimes(1);

    const query = { siteId: 1, startOle: 45000, endOle: 45007, agentIds: [5, 4] };
    await cached.soap.getAgentStates(alice, query);
    await cached.soap.getAgentStates(alice, { ...query, agentIds: [4, 5, 5] });
    await cached.soap.getAgentStates(alice, { ...query, endOle: 45008 });
    expect(raw.soap.getAgentStates).toHaveBeenCalledTimes(2);
  });

  it('keeps methods apart even when their arguments look alike', async () => {
    const { raw, cached } = harness();
    const alice = callerCtx('alice');
    await cached.soap.getTeams(alice, { siteIds: [1] });
    await cached.soap.getAgents(alice, { siteIds: [1] });
    expect(raw.soap.getTeams).toHaveBeenCalledTimes(1);
    expect(raw.soap.getAgents).toHaveBeenCalledTimes(1);
  });

  it("coalesces concurrent identical calls into one upstream call carrying the caller's token", async () => {
    const { raw, cached } = harness();
    const alice = callerCtx('alice');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => cached.soap.getSites(alice, [1])),
    );
    expect(raw.soap.getSites).toHaveBeenCalledTimes(1);
    expect(raw.soap.getSites.mock.calls[0]?.[0].token).toBe('tok-alice');
    expect(answers.every((a) => a[0]?.name === 'tok-alice')).toBe(true);
    expect(alice.tally.coalesced).toBe(99);
  });

  it.each(['signOut', 'changePassword'] as const)(
    "%s drops the token's entries and SOAP session, and only that token's",
    async (method) => {
      const { raw, cached, cache } = harness();
      const alice = callerCtx('alice');
      const bob = callerCtx('bob');
      await cached.wfm.userInfo(alice);
      await cached.soap.getSites(alice, [1]);
      await cached.wfm.userInfo(bob);
      if (method === 'signOut') await cached.auth.signOut(alice, false);
      else await cached.auth.changePassword(alice, { oldPassword: 'a', newPassword: 'b' });
      expect(raw.soap.dropSession).toHaveBeenCalledWith(alice.tokenHash);
      expect(cache.stats()).toMatchObject({ entries: 1, tokens: 1 });
      await cached.wfm.userInfo(alice);
      await cached.wfm.userInfo(bob);
      expect(raw.wfm.userInfo).toHaveBeenCalledTimes(3);
    },
  );

  it("drops the token's entries even when sign-out fails, and passes the failure on", async () => {
    const { raw, cached, cache } = harness();
    const alice = callerCtx('alice');
    await cached.wfm.userInfo(alice);
    const failure = new UpstreamError('UNAUTHENTICATED', 'Token rejected', {
      service: 'auth',
      operation: 'signOut',
      status: 401,
    });
    raw.auth.signOut.mockRejectedValueOnce(failure);
    await expect(cached.auth.signOut(alice, true)).rejects.toBe(failure);
    expect(cache.stats().entries).toBe(0);
    expect(raw.soap.dropSession).toHaveBeenCalledWith(alice.tokenHash);
  });

  it('does not cache a failed upstream call', async () => {
    const { raw, cached } = harness();
    const alice = callerCtx('alice');
    raw.wfm.userInfo.mockRejectedValueOnce(
      new UpstreamError('FORBIDDEN', 'No WFM', {
        service: 'wfm',
        operation: 'userInfo',
        status: 403,
        reason: 'WFM_NOT_PROVISIONED',
      }),
    );
    await expect(cached.wfm.userInfo(alice)).rejects.toBeInstanceOf(UpstreamError);
    await expect(cached.wfm.userInfo(alice)).resolves.toMatchObject({ userName: 'tok-alice' });
    expect(raw.wfm.userInfo).toHaveBeenCalledTimes(2);
  });

  it('gives the upstream call a signal that outlives one departed caller', async () => {
    const { raw, cached } = harness();
    let release!: () => void;
    raw.soap.getTeams.mockImplementationOnce(
      (ctx: CallContext) =>
        new Promise((resolve) => {
          release = () => resolve([{ id: 1, siteId: 1, name: ctx.token }]);
        }),
    );
    const leaving = new AbortController();
    const first = cached.soap.getTeams({ ...callerCtx('alice'), signal: leaving.signal }, {});
    const second = cached.soap.getTeams(
      { ...callerCtx('alice'), signal: new AbortController().signal },
      {},
    );
    leaving.abort(new Error('tab closed'));
    await expect(first).rejects.toThrow('tab closed');
    const upstreamSignal = raw.soap.getTeams.mock.calls[0]?.[0].signal;
    expect(upstreamSignal?.aborted).toBe(false);
    release();
    await expect(second).resolves.toHaveLength(1);
  });
});
