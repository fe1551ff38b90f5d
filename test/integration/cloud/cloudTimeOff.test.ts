import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/**
 * Time off through the gateway on GENESYS_PLATFORM=cloud, end to end against the simulator's
 * documented time-off routes: the agent's and the supervisor's flows, the write rules (never
 * retried, once per idempotency key, CONFLICT on a stale version) and the invalidation of what a
 * write made stale for every caller. Upstream writes are counted from the simulator's log.
 */
const TODAY = new Date('2026-03-04T12:00:00Z');

const FIELDS = /* GraphQL */ `
  id
  agentId
  status
  fullDay
  fullDayDates
  partialDayStarts
  dailyDurationMinutes
  activityCodeId
  notes
  version
  site {
    id
  }
`;
const MINE = `{ me { timeOffRequests { ${FIELDS} } } }`;
const PENDING = `query ($site: ID!) { timeOffRequests(siteId: $site) { ${FIELDS} } }`;
const PAYLOAD = `timeOffRequest { ${FIELDS} } error { code reason message missingPermissions currentVersion } replayed`;
const SUBMIT = `mutation ($input: SubmitTimeOffRequestInput!, $key: String) {
  submitTimeOffRequest(input: $input, idempotencyKey: $key) { ${PAYLOAD} } }`;
const CANCEL = `mutation ($id: ID!) { cancelTimeOffRequest(id: $id) { ${PAYLOAD} } }`;
const REVIEW = `mutation ($input: ReviewTimeOffRequestInput!) {
  reviewTimeOffRequest(input: $input) { ${PAYLOAD} } }`;

interface Req {
  id: string;
  agentId: string;
  status: string;
  fullDay: boolean;
  fullDayDates: string[];
  partialDayStarts: string[];
  activityCodeId: string;
  version: number;
  site: { id: string } | null;
}
interface Payload {
  timeOffRequest: Req | null;
  error: {
    code: string;
    reason: string | null;
    missingPermissions: string[] | null;
    currentVersion: number | null;
  } | null;
  replayed: boolean;
}

let gw: TestGateway;
let alex: string;
let sam: string;
let codeId: string;
let siteId: string;

const POSTS = { service: 'cloud', operation: 'POST timeoffrequests' } as const;

async function payload(query: string, token: string, vars: Record<string, unknown>) {
  const res = await gw.gql(query, token, vars);
  expect(res.body.errors).toBeUndefined();
  return Object.values(res.body.data ?? {})[0] as Payload;
}

async function mine(token: string): Promise<Req[]> {
  const res = await gw.gql(MINE, token);
  expect(res.body.errors).toBeUndefined();
  return (res.body.data?.['me'] as { timeOffRequests: Req[] }).timeOffRequests;
}

async function pending(token: string): Promise<Req[]> {
  const res = await gw.gql(PENDING, token, { site: siteId });
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.['timeOffRequests'] as Req[];
}

function fullDay(dates: string[]) {
  return { activityCodeId: codeId, fullDayDates: dates, dailyDurationMinutes: 480 };
}

beforeAll(async () => {
  gw = await startTestGateway({
    env: { GENESYS_PLATFORM: 'cloud' },
    simulator: { today: TODAY, now: () => TODAY.getTime() },
  });
  alex = gw.cloudToken('alex.agent');
  sam = gw.cloudToken('sam.supervisor');
  const seeded = await mine(alex);
  codeId = seeded[0]!.activityCodeId;
  siteId = seeded[0]!.site!.id;
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sim.faults.clear();
  gw.sim.log.clear();
});

describe('GENESYS_PLATFORM=cloud: time off', () => {
  it('an agent submits full-day and partial-day requests, sees them, and cancels one', async () => {
    const full = await payload(SUBMIT, alex, {
      input: { ...fullDay(['2026-03-20', '2026-03-19']), notes: 'trip' },
    });
    expect(full.error).toBeNull();
    expect(full.timeOffRequest).toMatchObject({
      status: 'PENDING',
      fullDay: true,
      fullDayDates: ['2026-03-19', '2026-03-20'],
      version: 1,
    });
    const partial = await payload(SUBMIT, alex, {
      input: {
        activityCodeId: codeId,
        partialDayStarts: ['2026-03-23T09:00:00-05:00'],
        dailyDurationMinutes: 120,
      },
    });
    expect(partial.timeOffRequest).toMatchObject({
      fullDay: false,
      partialDayStarts: ['2026-03-23T14:00:00.000Z'],
      dailyDurationMinutes: 120,
    });
    const ids = (await mine(alex)).map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([full.timeOffRequest!.id, partial.timeOffRequest!.id]),
    );

    const canceled = await payload(CANCEL, alex, { id: partial.timeOffRequest!.id });
    expect(canceled.timeOffRequest).toMatchObject({ status: 'CANCELED', version: 2 });
    // The agent's cached list was dropped by the write: the next read shows the cancellation.
    const after = (await mine(alex)).find((r) => r.id === partial.timeOffRequest!.id);
    expect(after?.status).toBe('CANCELED');
  });

  it('a supervisor lists the pending requests of a site, approves one and denies another', async () => {
    const a = (await payload(SUBMIT, alex, { input: fullDay(['2026-04-01']) })).timeOffRequest!;
    const b = (await payload(SUBMIT, alex, { input: fullDay(['2026-04-02']) })).timeOffRequest!;
    const list = await pending(sam);
    expect(list.every((r) => r.status === 'PENDING')).toBe(true);
    expect(list.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(list.find((r) => r.id === a.id)?.site?.id).toBe(siteId);
    const review = (r: Req, decision: string) =>
      payload(REVIEW, sam, {
        input: { siteId, agentId: r.agentId, id: r.id, version: r.version, decision },
      });
    expect((await review(a, 'APPROVED')).timeOffRequest).toMatchObject({
      status: 'APPROVED',
      version: 2,
    });
    expect((await review(b, 'DENIED')).timeOffRequest).toMatchObject({
      status: 'DENIED',
      version: 2,
    });
    const ids = (await pending(sam)).map((r) => r.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(b.id);
  });

  it('a user without the permission gets FORBIDDEN / MISSING_PERMISSIONS naming it', async () => {
    const nina = gw.cloudToken('nina.noprov');
    const refused = await payload(SUBMIT, nina, { input: fullDay(['2026-03-20']) });
    expect(refused.timeOffRequest).toBeNull();
    expect(refused.error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'MISSING_PERMISSIONS',
      missingPermissions: ['wfm:agentTimeOffRequest:submit'],
    });
    // An agent may not list a site's requests: the query's error names the permission too.
    const res = await gw.gql(PENDING, alex, { site: siteId });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'MISSING_PERMISSIONS',
      missingPermissions: ['wfm:timeOffRequest:view'],
    });
  });

  it('a double submission with one idempotency key creates one request', async () => {
    const before = gw.sim.cloud.timeOff.all().length;
    const vars = { input: fullDay(['2026-04-10']), key: 'double-1' };
    const first = await payload(SUBMIT, alex, vars);
    const second = await payload(SUBMIT, alex, vars);
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.timeOffRequest?.id).toBe(first.timeOffRequest?.id);
    expect(gw.sim.log.count(POSTS)).toBe(1);
    expect(gw.sim.cloud.timeOff.all().length).toBe(before + 1);
    // The same key for other arguments is refused, still without writing.
    const other = await payload(SUBMIT, alex, { ...vars, input: fullDay(['2026-04-11']) });
    expect(other.error?.code).toBe('BAD_USER_INPUT');
    expect(gw.sim.log.count(POSTS)).toBe(1);
  });

  it('two concurrent submissions with one key create one request', async () => {
    const before = gw.sim.cloud.timeOff.all().length;
    // The simulator answers slowly, so both calls are in flight at once.
    gw.sim.faults.add({
      service: 'cloud',
      operation: 'POST timeoffrequests',
      kind: 'latency',
      ms: 300,
    });
    const vars = { input: fullDay(['2026-04-14']), key: 'concurrent-1' };
    const [a, b] = await Promise.all([payload(SUBMIT, alex, vars), payload(SUBMIT, alex, vars)]);
    expect(a.timeOffRequest?.id).toBe(b.timeOffRequest?.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(gw.sim.log.count(POSTS)).toBe(1);
    expect(gw.sim.cloud.timeOff.all().length).toBe(before + 1);
  });

  it('a write is never retried: a 503 on the submission is one upstream POST (negative control: reads are retried)', async () => {
    gw.sim.faults.add({
      service: 'cloud',
      operation: 'POST timeoffrequests',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const res = await gw.gql(SUBMIT, alex, { input: fullDay(['2026-04-15']) });
    expect(res.body.errors?.[0]?.extensions['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(gw.sim.log.count(POSTS)).toBe(1);
    // The same fault on the agent's list (a read) is retried and answered.
    gw.sim.log.clear();
    gw.sim.faults.add({
      service: 'cloud',
      operation: 'GET timeoffrequests',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const bob = gw.cloudToken('alex.agent');
    expect((await mine(bob)).length).toBeGreaterThan(0);
    expect(gw.sim.log.count({ service: 'cloud', operation: 'GET timeoffrequests' })).toBe(2);
  });

  it('a stale version is CONFLICT with the current version, and changes nothing', async () => {
    const r = (await payload(SUBMIT, alex, { input: fullDay(['2026-04-20']) })).timeOffRequest!;
    const input = {
      siteId,
      agentId: r.agentId,
      id: r.id,
      version: r.version,
      decision: 'APPROVED',
    };
    expect((await payload(REVIEW, sam, { input })).timeOffRequest?.version).toBe(2);
    const stale = await payload(REVIEW, sam, { input: { ...input, decision: 'DENIED' } });
    expect(stale.timeOffRequest).toBeNull();
    expect(stale.error).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(gw.sim.cloud.timeOff.byId(r.id)?.status).toBe('APPROVED');
  });

  it("a write is seen at once through another supervisor's warm cache (lists and whole answers)", async () => {
    const r = (await payload(SUBMIT, alex, { input: fullDay(['2026-04-22']) })).timeOffRequest!;
    // Another caller (a token of its own) warms its per-resource and whole-answer caches.
    const reader = gw.cloudToken('sam.supervisor');
    expect((await pending(reader)).map((x) => x.id)).toContain(r.id);
    const queries = {
      service: 'cloud',
      operation: 'POST managementunits/{id}/timeoffrequests/query',
    } as const;
    const warm = gw.sim.log.count(queries);
    expect((await pending(reader)).map((x) => x.id)).toContain(r.id);
    expect(gw.sim.log.count(queries)).toBe(warm); // served from the caches
    // The writer approves it; the reader's next read is fresh.
    await payload(REVIEW, sam, {
      input: { siteId, agentId: r.agentId, id: r.id, version: r.version, decision: 'APPROVED' },
    });
    expect((await pending(reader)).map((x) => x.id)).not.toContain(r.id);
    expect(gw.sim.log.count(queries)).toBe(warm + 1);
  });
});

describe('GENESYS_PLATFORM=engage: time off', () => {
  it('answers NOT_SUPPORTED for the reads and the writes', async () => {
    const engage = await startTestGateway({ sharedSimulator: gw.sim });
    try {
      const token = await engage.token('demo\\alex.agent');
      const read = await engage.gql(MINE, token);
      expect(read.body.errors?.[0]?.extensions['code']).toBe('NOT_SUPPORTED');
      const write = await engage.gql(SUBMIT, token, { input: fullDay(['2026-04-10']) });
      expect(write.body.errors?.[0]?.extensions['code']).toBe('NOT_SUPPORTED');
    } finally {
      await engage.close();
    }
  });
});
