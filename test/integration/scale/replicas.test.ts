/**
 * Issue 12, the shared tier: three replicas of the gateway on one simulator and one real
 * `redis-server`. A caller's answer cached by one replica costs the others nothing upstream; cold
 * identical misses spread over the replicas cost what one costs; Redis killed mid-load costs
 * callers nothing, and once back it is used again; what Redis holds is unreadable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../../helpers/redisServer.js';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import { startSimulator, type Simulator } from '@genesys-gateway/simulator';
import { RedisKv } from '../../../src/cache/shared/EncryptedKv.js';

const DASHBOARD = `{
  me { user { username } wfmUser { id name } }
  sites { id name agents { id lastName } }
  schedules(siteId: "1", teamIds: ["11"], from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00") {
    agent { id } items { type start end }
  }
}`;

const SECRET = 'a-secret-shared-by-every-replica-0123456789';
let redis: TestRedis;
let sim: Simulator;
let replicas: TestGateway[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  sim = await startSimulator({ port: 0, rateLimitPerMinute: 0, agents: 40, today: SEEDED_TODAY });
  const env = {
    REDIS_URL: redis.url,
    TOKEN_HASH_SECRET: SECRET,
    REDIS_BREAKER_OPEN_MS: '300',
    // Generous: on a loaded CI machine a slow command would open the breaker and the figures
    // below would measure the fallback instead of the tier (the kill test needs no timeout).
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    REDIS_LOCK_MS: '20000',
    REDIS_LOCK_WAIT_MS: '15000',
  };
  replicas = await Promise.all(
    [0, 1, 2].map(() => startTestGateway({ sharedSimulator: sim, env })),
  );
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  await sim?.close();
  await redis?.stop();
});

function callsByOperation(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of sim.log.entries()) {
    if (e.service === 'admin') continue;
    const key = `${e.service} ${e.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function upstreamCalls(): number {
  return sim.log.entries().filter((e) => e.service !== 'admin').length;
}

async function token(user = 'sam.supervisor'): Promise<string> {
  return (await sim.passwordToken(user)).access_token;
}

const replica = (i: number): TestGateway => replicas[i] as TestGateway;

describe('answers shared through Redis', () => {
  it('the same query on replica 2 after replica 1 costs 0 upstream calls', async () => {
    const t = await token();
    sim.log.clear();
    const first = await replica(0).gql(DASHBOARD, t);
    expect(first.body.errors, JSON.stringify(first.body.errors)).toBeUndefined();
    const cold = upstreamCalls();
    sim.log.clear();
    const second = await replica(1).gql(DASHBOARD, t);
    expect(second.body.data).toEqual(first.body.data);
    const warm = upstreamCalls();
    console.log(
      `shared tier: replica 1 cold = ${cold} upstream calls, replica 2 after it = ${warm}`,
    );
    expect(cold).toBeGreaterThan(3);
    expect(warm).toBe(0);
  });

  it('100 identical cold misses over 3 replicas cost what one costs', async () => {
    const one = await token();
    sim.log.clear();
    await replica(2).gql(DASHBOARD, one);
    const single = upstreamCalls();
    const singleOps = callsByOperation();
    const t = await token();
    sim.log.clear();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => replica(i % 3).gql(DASHBOARD, t)),
    );
    expect(answers.every((a) => a.status === 200 && a.body.errors === undefined)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.data))).size).toBe(1);
    const stampede = upstreamCalls();
    console.log(
      `shared tier: one cold request = ${single} calls; 100 over 3 replicas = ${stampede}`,
    );
    // Every answer and token check is loaded once for all three replicas. A WFM SOAP session
    // (LocateServer + OpenSession) stays per process: a replica that loads one kind while another
    // loads the next opens its own.
    const perReplica = ['wfm-soap LocateServer', 'wfm-soap OpenSession'];
    const stampedeOps = callsByOperation();
    for (const op of perReplica) {
      expect(stampedeOps[op]).toBeLessThanOrEqual(3);
      delete stampedeOps[op];
      delete singleOps[op];
    }
    expect(stampedeOps).toEqual(singleOps);
    expect(stampede).toBeLessThanOrEqual(single + 2 * perReplica.length);
  });

  it('a Redis dump holds no token, no name and no schedule in clear text', async () => {
    const t = await token('sam.supervisor');
    const answer = await replica(0).gql(DASHBOARD, t);
    expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    const keys = await redis.client.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    let dump = keys.join('\n');
    for (const key of keys) {
      const type = await redis.client.type(key);
      if (type === 'hash') dump += (await redis.client.hgetallBuffer(key)).toString();
      else if (type === 'hash' || type === 'string')
        dump += (await redis.client.getBuffer(key))?.toString('latin1') ?? '';
      else if (type === 'set') dump += (await redis.client.smembers(key)).join('\n');
    }
    for (const key of keys.filter((k) => k.includes(':t:'))) {
      for (const v of Object.values(await redis.client.hgetallBuffer(key)))
        dump += v.toString('latin1');
    }
    const data = answer.body.data as {
      me: { user: { username: string }; wfmUser: { name: string } };
      sites: Array<{ name: string; agents: Array<{ lastName: string | null }> }>;
      schedules: Array<{ items: Array<{ type: string; start: string }> }>;
    };
    const secrets = [
      t,
      data.me.user.username,
      data.me.wfmUser.name,
      ...data.sites.map((s) => s.name),
      ...data.sites
        .flatMap((s) => s.agents.map((a) => a.lastName ?? ''))
        .filter((n) => n.length > 2)
        .slice(0, 20),
    ];
    const item = data.schedules.flatMap((s) => s.items)[0];
    expect(item).toBeDefined();
    console.log(
      `redis dump: ${keys.length} keys, ${dump.length} bytes, ${secrets.length} strings sought`,
    );
    for (const secret of secrets) expect(dump.includes(secret), 'found in the dump').toBe(false);
    expect(dump).not.toMatch(/"type"|"start"|"name"|supervisor/i);
  });
});

describe('Redis is never a single point of failure', () => {
  it('killed mid-load: 0 errors to callers; back: used again', async () => {
    const users = ['sam.supervisor', 'pat.supervisor'];
    const tokens = await Promise.all(users.map((u) => token(u)));
    let errors = 0;
    let answered = 0;
    const load = async (rounds: number): Promise<void> => {
      for (let i = 0; i < rounds; i += 1) {
        const results = await Promise.all(
          tokens.flatMap((t, k) => [0, 1, 2].map((r) => replica((r + k) % 3).gql(DASHBOARD, t))),
        );
        for (const res of results) {
          answered += 1;
          if (res.status !== 200 || res.body.errors !== undefined) {
            errors += 1;
          }
        }
      }
    };
    await load(2);
    const running = load(10);
    await redis.kill();
    await running;
    // The replicas notice the lost connection by its close event (bounded wait, not a timing).
    for (let i = 0; i < 50 && replicas.some((r) => r.shared?.tier.up); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    const degraded = replicas.map((r) => r.shared?.tier.up);
    const readyz = await replica(0).send({ method: 'GET', path: '/readyz' });
    expect(readyz.status).toBe(200);
    expect(readyz.text).toContain('"redis":"degraded"');
    expect(await replica(0).metrics()).toMatch(/gateway_shared_cache_up 0/);
    await load(3);

    await redis.start();
    // The breaker tries again after REDIS_BREAKER_OPEN_MS and ioredis reconnects by itself.
    let fresh = '';
    let back = false;
    for (let attempt = 0; attempt < 50 && !back; attempt += 1) {
      // A new token each time: an answer of the local LRU would not touch Redis.
      fresh = await token();
      await replica(1).gql(DASHBOARD, fresh);
      back = replica(1).shared?.tier.up === true && (await redis.client.dbsize()) > 0;
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    console.log(
      `redis killed mid-load: ${answered} answers, ${errors} errors; tier up while down: ${JSON.stringify(degraded)}; used again: ${back}`,
    );
    expect(errors).toBe(0);
    expect(back).toBe(true);
    // Every replica reconnects on its own retry schedule (at most 2 s apart): wait for all, then
    // warm a new token on replica 2 (the one above may have been answered while it reconnected).
    for (let i = 0; i < 150 && replicas.some((r) => r.shared?.tier.up !== true); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(replicas.map((r) => r.shared?.tier.up)).toEqual([true, true, true]);
    fresh = await token();
    expect((await replica(1).gql(DASHBOARD, fresh)).body.errors).toBeUndefined();
    sim.log.clear();
    const other = await replica(2).gql(DASHBOARD, fresh);
    expect(other.body.errors).toBeUndefined();
    expect(upstreamCalls()).toBe(0);
  });
});

describe('invalidations across replicas', () => {
  const ME = '{ me { user { username } } }';

  /** Polls `replica` with `token` until it is refused; the milliseconds it took, or -1. */
  async function refusedAfterMs(r: TestGateway, t: string, startedAt: number): Promise<number> {
    for (let i = 0; i < 100; i += 1) {
      if ((await r.gql(ME, t)).status === 401) return Math.round(performance.now() - startedAt);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return -1;
  }

  it('signOut(global: true) on replica 1: the user’s tokens are refused on replicas 2 and 3 within 1 s', async () => {
    const user = 'agent005';
    const [t1, t2, t3, t4] = await Promise.all([1, 2, 3, 4].map(() => token(user)));
    // Warm token checks everywhere: t2 on replica 2, t3 on 3; t4 only on 3 (and so in Redis).
    for (const [r, t] of [
      [0, t1],
      [1, t2],
      [2, t3],
      [2, t2],
      [1, t3],
      [2, t4],
    ] as const)
      expect((await replica(r).gql(ME, t as string)).status).toBe(200);

    const out = await replica(0).gql('mutation { signOut(global: true) { success } }', t1);
    expect(out.body.data).toEqual({ signOut: { success: true } });
    const startedAt = performance.now();
    const [r2, r3, r2t4] = await Promise.all([
      refusedAfterMs(replica(1), t2 as string, startedAt),
      refusedAfterMs(replica(2), t3 as string, startedAt),
      // Replica 2 never saw t4: only Redis had its check, and the sign-out dropped it there.
      refusedAfterMs(replica(1), t4 as string, startedAt),
    ]);
    console.log(
      `global sign-out on replica 1: refused on replica 2 after ${r2} ms, on replica 3 after ${r3} ms, t4 (seen by 3 only) on 2 after ${r2t4} ms`,
    );
    for (const ms of [r2, r3, r2t4]) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it('signOut (this session) on replica 1: the token is refused on replica 3 within 1 s', async () => {
    const t = await token('agent006');
    expect((await replica(2).gql(ME, t)).status).toBe(200);
    expect((await replica(0).gql(ME, t)).status).toBe(200);
    await replica(0).gql('mutation { signOut(global: false) { success } }', t);
    const startedAt = performance.now();
    const ms = await refusedAfterMs(replica(2), t, startedAt);
    console.log(`sign-out on replica 1: refused on replica 3 after ${ms} ms`);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(1_000);
  });
});

describe('the encrypted key-value store (server-side sessions)', () => {
  it('shares a value between replicas; Redis holds neither the id nor the value in clear text', async () => {
    const options = {
      secret: SECRET,
      namespace: 'session',
      url: redis.url,
      commandTimeoutMs: 5_000,
    };
    const [a, b] = [new RedisKv(options), new RedisKv(options)];
    try {
      const id = 'sid-4b1f0e9c-secret-session-id';
      await a.set(id, { username: 'sam.supervisor', refresh: 'refresh-token-xyz' }, 60_000);
      expect(await b.get(id)).toEqual({ username: 'sam.supervisor', refresh: 'refresh-token-xyz' });
      const keys = await redis.client.keys('gw:kv:*');
      expect(keys).toHaveLength(1);
      const stored = `${keys.join()} ${(await redis.client.getBuffer(keys[0] as string))?.toString('latin1')}`;
      for (const clear of [id, 'sam.supervisor', 'refresh-token-xyz'])
        expect(stored.includes(clear)).toBe(false);
      await b.delete(id);
      expect(await a.get(id)).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
