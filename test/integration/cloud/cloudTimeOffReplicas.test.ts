import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../../helpers/redisServer.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/**
 * Time-off writes across two replicas sharing one Redis (REDIS_URL): an idempotency key used on
 * one replica is honoured on the other, and a write on one replica is seen fresh through another
 * caller's warm caches (its LRU, its whole answers and the shared tier) on the other.
 */
const TODAY = new Date('2026-03-04T12:00:00Z');
const PENDING = `query ($site: ID!) { timeOffRequests(siteId: $site) { id agentId version } }`;
const SUBMIT = `mutation ($input: SubmitTimeOffRequestInput!, $key: String) {
  submitTimeOffRequest(input: $input, idempotencyKey: $key) { timeOffRequest { id } replayed } }`;
const REVIEW = `mutation ($input: ReviewTimeOffRequestInput!) {
  reviewTimeOffRequest(input: $input) { timeOffRequest { status } error { code } } }`;
const MINE = `{ me { timeOffRequests { activityCodeId site { id } } } }`;

let redis: TestRedis;
let a: TestGateway;
let b: TestGateway;
let codeId: string;
let siteId: string;

beforeAll(async () => {
  redis = await startTestRedis();
  const env = { GENESYS_PLATFORM: 'cloud', REDIS_URL: redis.url };
  a = await startTestGateway({ env, simulator: { today: TODAY, now: () => TODAY.getTime() } });
  b = await startTestGateway({ env, sharedSimulator: a.sim });
  await Promise.all([a.bus?.ready(), b.bus?.ready()]);
  const mine = await a.gql(MINE, a.cloudToken('alex.agent'));
  const first = (
    mine.body.data?.['me'] as {
      timeOffRequests: { activityCodeId: string; site: { id: string } }[];
    }
  ).timeOffRequests[0]!;
  codeId = first.activityCodeId;
  siteId = first.site.id;
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await redis?.stop();
});

describe('GENESYS_PLATFORM=cloud with REDIS_URL: time-off writes across replicas', () => {
  it('an idempotency key used on one replica is answered from the first outcome on the other', async () => {
    const alex = a.cloudToken('alex.agent');
    const vars = {
      input: { activityCodeId: codeId, fullDayDates: ['2026-05-04'], dailyDurationMinutes: 480 },
      key: 'replicas-1',
    };
    a.sim.log.clear();
    const first = await a.gql(SUBMIT, alex, vars);
    const second = await b.gql(SUBMIT, alex, vars);
    const p1 = first.body.data?.['submitTimeOffRequest'] as {
      timeOffRequest: { id: string };
      replayed: boolean;
    };
    const p2 = second.body.data?.['submitTimeOffRequest'] as {
      timeOffRequest: { id: string };
      replayed: boolean;
    };
    expect(p2.timeOffRequest.id).toBe(p1.timeOffRequest.id);
    expect([p1.replayed, p2.replayed]).toEqual([false, true]);
    expect(a.sim.log.count({ service: 'cloud', operation: 'POST timeoffrequests' })).toBe(1);
  });

  it("a review on one replica is seen fresh through another caller's warm caches on the other", async () => {
    const alex = a.cloudToken('alex.agent');
    const created = await a.gql(SUBMIT, alex, {
      input: { activityCodeId: codeId, fullDayDates: ['2026-05-06'], dailyDurationMinutes: 480 },
    });
    const id = (created.body.data?.['submitTimeOffRequest'] as { timeOffRequest: { id: string } })
      .timeOffRequest.id;
    const reader = b.cloudToken('sam.supervisor');
    const ids = async () =>
      (await b.gql(PENDING, reader, { site: siteId })).body.data?.['timeOffRequests'] as {
        id: string;
        agentId: string;
        version: number;
      }[];
    const before = await ids();
    const target = before.find((r) => r.id === id)!;
    expect(target).toBeDefined();
    await ids(); // warm: LRU, whole answer and Redis hold it
    const review = await a.gql(REVIEW, a.cloudToken('sam.supervisor'), {
      input: { siteId, agentId: target.agentId, id, version: target.version, decision: 'APPROVED' },
    });
    expect(review.body.data?.['reviewTimeOffRequest']).toMatchObject({
      timeOffRequest: { status: 'APPROVED' },
    });
    // The drop reaches replica B over pub/sub; ask a bounded number of times.
    let fresh = false;
    for (let i = 0; i < 50 && !fresh; i++) {
      fresh = !(await ids()).some((r) => r.id === id);
      if (!fresh) await new Promise((r) => setTimeout(r, 20));
    }
    expect(fresh).toBe(true);
  });
});
