import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { send, start } from './harness.js';

const TODAY = new Date('2026-03-04T12:00:00Z');

function call(sim: Simulator, method: string, path: string, token: string, body?: unknown) {
  return send(`${sim.cloudApiUrl}/workforcemanagement/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe('simulator: Genesys Cloud time-off requests', () => {
  let sim: Simulator;
  let sam: string;
  let alex: string;
  let nina: string;
  let muId: string;
  let codeId: string;
  beforeAll(async () => {
    sim = await start({ today: TODAY, now: () => TODAY.getTime() });
    sam = sim.mintToken('cloud', 'sam.supervisor').access_token;
    alex = sim.mintToken('cloud', 'alex.agent').access_token;
    nina = sim.mintToken('cloud', 'nina.noprov').access_token;
    const alexUser = sim.cloud.userByDbid(1003)!;
    muId = sim.cloud.managementUnitOfSite(alexUser.agent!.siteId)!.id;
    codeId = sim.cloud.activityCodes.find((c) => c.category === 'TimeOff')!.id;
  });
  afterAll(() => sim.close());

  it('an agent lists, submits and cancels their own requests', async () => {
    const mine = await call(sim, 'GET', 'timeoffrequests', alex);
    expect(mine.status).toBe(200);
    const seeded = mine.json<{ timeOffRequests: { status: string }[] }>().timeOffRequests;
    expect(seeded.map((r) => r.status).sort()).toEqual(['APPROVED', 'DENIED', 'PENDING']);

    const created = await call(sim, 'POST', 'timeoffrequests', alex, {
      activityCodeId: codeId,
      fullDayManagementUnitDates: ['2026-03-20'],
      dailyDurationMinutes: 480,
      notes: 'dentist',
    });
    expect(created.status).toBe(200);
    const r = created.json<Record<string, unknown>>();
    expect(r).toMatchObject({
      status: 'PENDING',
      isFullDayRequest: true,
      fullDayManagementUnitDates: ['2026-03-20'],
      partialDayStartDateTimes: [],
      durationMinutes: [480],
      syncVersion: 1,
      metadata: { version: 1 },
    });
    const canceled = await call(sim, 'PATCH', `timeoffrequests/${r.id as string}`, alex, {
      status: 'CANCELED',
    });
    expect(canceled.json()).toMatchObject({ status: 'CANCELED', metadata: { version: 2 } });
    // A past date can be neither requested nor canceled.
    const past = await call(sim, 'POST', 'timeoffrequests', alex, {
      activityCodeId: codeId,
      fullDayManagementUnitDates: ['2026-03-01'],
      dailyDurationMinutes: 480,
    });
    expect(past.status).toBe(400);
  });

  it('a user without the permission gets the ErrorBody naming it', async () => {
    const refused = await call(sim, 'POST', 'timeoffrequests', nina, {
      activityCodeId: codeId,
      fullDayManagementUnitDates: ['2026-03-20'],
      dailyDurationMinutes: 480,
    });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'missing.permissions',
      messageParams: { permissions: 'wfm:agentTimeOffRequest:submit' },
    });
    const query = await call(sim, 'POST', `managementunits/${muId}/timeoffrequests/query`, alex, {
      statuses: ['PENDING'],
    });
    expect(query.json()).toMatchObject({
      status: 403,
      messageParams: { permissions: 'wfm:timeOffRequest:view' },
    });
  });

  it('a supervisor queries pending requests, approves with the version, and a stale one is 409', async () => {
    const wide = await call(sim, 'POST', `managementunits/${muId}/timeoffrequests/query`, sam, {
      statuses: ['APPROVED'],
    });
    expect(wide.status).toBe(400);
    const pending = await call(sim, 'POST', `managementunits/${muId}/timeoffrequests/query`, sam, {
      statuses: ['PENDING'],
    });
    const entities = pending.json<{ entities: Record<string, unknown>[] }>().entities;
    expect(entities.length).toBeGreaterThan(0);
    const first = entities[0]!;
    const path = `managementunits/${muId}/users/${(first.user as { id: string }).id}/timeoffrequests/${first.id as string}`;
    const approved = await call(sim, 'PATCH', path, sam, {
      status: 'APPROVED',
      metadata: { version: (first.metadata as { version: number }).version },
    });
    expect(approved.status).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'APPROVED',
      reviewedBy: { id: expect.any(String) },
    });
    const stale = await call(sim, 'PATCH', path, sam, {
      status: 'DENIED',
      metadata: { version: (first.metadata as { version: number }).version },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ status: 409, contextId: expect.any(String) });
  });

  it('approved full days show in the schedule search as time-off markers', async () => {
    const res = await call(sim, 'POST', `managementunits/${muId}/agentschedules/search`, sam, {
      startDate: '2026-03-20T00:00:00Z',
      endDate: '2026-03-30T00:00:00Z',
      userIds: [sim.cloud.userByDbid(1003)!.id],
    });
    const schedules = res.json<{
      result: { agentSchedules: { fullDayTimeOffMarkers: Record<string, unknown>[] }[] };
    }>().result.agentSchedules;
    expect(
      schedules[0]!.fullDayTimeOffMarkers.filter((m) => m.timeOffRequestId !== undefined),
    ).toEqual([
      expect.objectContaining({ businessUnitDate: '2026-03-25', activityCodeId: codeId }),
    ]);
  });
});
