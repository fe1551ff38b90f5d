import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUpstreamError, type UpstreamError } from '../../../src/errors/UpstreamError.js';
import { classifyError } from '../../../src/errors/classifyError.js';
import { startSimulator, type Simulator } from '@genesys-gateway/simulator';
import { HttpCloudApi } from '../../../src/upstream/cloud/HttpCloudApi.js';
import type { CallContext } from '../../../src/types/CallContext.js';

const WEEK = {
  fromMs: Date.parse('2026-03-02T06:00:00Z'),
  toMs: Date.parse('2026-03-09T05:00:00Z'),
};

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isUpstreamError(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

describe('HttpCloudApi against the simulator', () => {
  let sim: Simulator;
  let api: HttpCloudApi;
  const dispatcher = new Agent();
  const ctx = (user: string): CallContext => {
    const token = sim.mintToken('cloud', user).access_token;
    return { token, tokenHash: `h-${user}`, requestId: `req-${user}` };
  };
  beforeAll(async () => {
    sim = await startSimulator({ agents: 330, rateLimitPerMinute: 0 });
    api = new HttpCloudApi({
      baseUrl: sim.cloudApiUrl,
      dispatcher,
      timeoutMs: 5000,
      maxResponseBytes: 20_000_000,
    });
  });
  afterAll(async () => {
    await sim.close();
    await dispatcher.close();
  });

  it('reads me with permissions, management units, users and teams', async () => {
    const sam = ctx('sam.supervisor');
    const me = await api.me(sam);
    expect(me.permissions).toContain('wfm:schedule:view');
    expect(me.roles.map((r) => r.name)).toContain('WFM Supervisor');
    const units = await api.managementUnits(sam);
    expect(units.map((u) => u.timeZone)).toEqual(['America/Chicago', 'Europe/Berlin']);
    const ids = await api.managementUnitUserIds(sam, units[0]!.id);
    const users = await api.users(sam, ids);
    expect(users).toHaveLength(ids.length);
    expect(ids.length).toBeGreaterThan(CHUNK);
    expect(users.every((u) => u.teamId !== null)).toBe(true);
    expect((await api.teams(sam)).length).toBe(sim.world.teams.length);
    expect(await api.myManagementUnitId(sam)).toBeNull();
    expect(await api.myManagementUnitId(ctx('alex.agent'))).toBe(units[0]!.id);
  });

  it('searches a unit in one call per 100 users and 31 days, every call with the caller token', async () => {
    const sam = ctx('sam.supervisor');
    const mu = sim.cloud.managementUnitOfSite(1)!;
    const userIds = sim.cloud.agentsOf(mu).map((u) => u.id);
    sim.log.clear();
    const entries = await api.searchSchedules(sam, { muId: mu.id, ...WEEK, userIds });
    const calls = sim.log.entries({
      service: 'cloud',
      operation: 'POST managementunits/{id}/agentschedules/search',
    });
    expect(calls).toHaveLength(Math.ceil(userIds.length / CHUNK));
    expect(calls.every((c) => c.identity === 'sam.supervisor')).toBe(true);
    expect(new Set(entries.map((e) => e.userId)).size).toBe(userIds.length);
    expect(entries.some((e) => e.kind === 'fullDay')).toBe(true);
    sim.log.clear();
    const twoMonths = await api.searchSchedules(sam, {
      muId: mu.id,
      fromMs: WEEK.fromMs,
      toMs: WEEK.fromMs + 50 * 86_400_000,
    });
    expect(sim.log.entries({ service: 'cloud' })).toHaveLength(2);
    const shifts = twoMonths.filter((e) => e.kind === 'shift');
    expect(new Set(shifts.map((e) => `${e.userId}${e.startMs}`)).size).toBe(shifts.length);
  });

  it('follows a download URL without the caller token; a still-processing search is a coded error', async () => {
    const sam = ctx('sam.supervisor');
    const mu = sim.cloud.managementUnitOfSite(2)!;
    const direct = await api.searchSchedules(sam, { muId: mu.id, ...WEEK });
    const reply = await fetch(
      `${sim.cloudApiUrl}/workforcemanagement/managementunits/${mu.id}/agentschedules/search?forceDownloadService=true`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${sam.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          startDate: new Date(WEEK.fromMs).toISOString(),
          endDate: new Date(WEEK.toMs).toISOString(),
        }),
      },
    );
    const answer = await reply.text();
    expect(JSON.parse(answer)).toMatchObject({
      status: 'Complete',
      downloadUrl: expect.stringContaining('/cloud-downloads/'),
    });
    const search = 'POST managementunits/{id}/agentschedules/search';
    sim.faults.add({
      service: 'cloud',
      operation: search,
      kind: 'body',
      status: 200,
      contentType: 'application/json',
      body: answer,
      times: 1,
    });
    sim.log.clear();
    expect(await api.searchSchedules(sam, { muId: mu.id, ...WEEK })).toEqual(direct);
    const download = sim.log.entries({ service: 'cloud', operation: 'download' });
    expect(download).toHaveLength(1);
    expect(download[0]!.tokenHash).toBeNull();
    sim.faults.add({
      service: 'cloud',
      operation: search,
      kind: 'body',
      status: 200,
      contentType: 'application/json',
      body: '{"status":"Processing","operationId":"abc"}',
      times: 1,
    });
    const pending = await failure(api.searchSchedules(sam, { muId: mu.id, ...WEEK }));
    expect(classifyError(pending, {}).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('names missing permissions, carries the correlation id, never echoes the body', async () => {
    const alex = ctx('alex.agent');
    const mu = sim.cloud.managementUnitOfSite(1)!;
    const error = await failure(api.searchSchedules(alex, { muId: mu.id, ...WEEK }));
    expect(error.kind).toBe('FORBIDDEN');
    expect(error.reason).toBe('MISSING_PERMISSIONS');
    expect(error.missingPermissions).toEqual(['wfm:schedule:view', 'wfm:publishedSchedule:view']);
    const log = sim.log.entries({ service: 'cloud', identity: 'alex.agent' }).at(-1)!;
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const classified = classifyError(error, {});
    expect(classified.extensions).toMatchObject({
      reason: 'MISSING_PERMISSIONS',
      missingPermissions: ['wfm:schedule:view', 'wfm:publishedSchedule:view'],
      upstream: { service: 'cloud', status: 403, correlationId: error.correlationId },
    });
    expect(classified.message).not.toContain('Unable to perform');
    expect(log.status).toBe(403);
  });

  it('429 takes Retry-After, else inin-ratelimit-reset; hostile bodies and 5xx are coded', async () => {
    const sam = ctx('sam.supervisor');
    sim.faults.add({ service: 'cloud', kind: 'rateLimit', retryAfterSec: 7, times: 1 });
    expect((await failure(api.me(sam))).retryAfterSec).toBe(7);
    sim.faults.add({
      service: 'cloud',
      kind: 'body',
      status: 429,
      contentType: 'application/json',
      body: '{"code":"too.many.requests","message":"Bearer secret-token leaked"}',
      times: 1,
    });
    sim.settings.rateLimitPerMinute = 100;
    try {
      const limited = await failure(api.me(sam));
      expect(limited.kind).toBe('RATE_LIMITED');
      expect(limited.retryAfterSec).toBeGreaterThan(0);
      expect(JSON.stringify(classifyError(limited, {}))).not.toContain('secret-token');
    } finally {
      sim.settings.rateLimitPerMinute = 0;
    }
    sim.faults.add({
      service: 'cloud',
      kind: 'body',
      status: 403,
      contentType: 'application/json',
      body: '{"code":"missing.permissions","messageParams":{"permissions":"<script>x</script>, wfm:schedule:view"}}',
      times: 1,
    });
    const hostile = await failure(api.me(sam));
    expect(hostile.missingPermissions).toEqual(['wfm:schedule:view']);
    sim.faults.add({ service: 'cloud', kind: 'malformed', times: 1 });
    expect((await failure(api.me(sam))).kind).toBe('ERROR');
    sim.faults.add({ service: 'cloud', kind: 'status', status: 503, times: 1 });
    expect((await failure(api.me(sam))).kind).toBe('UNAVAILABLE');
    sim.faults.add({ service: 'cloud', kind: 'status', status: 409, times: 1 });
    expect((await failure(api.me(sam))).status).toBe(409);
    const bad = await failure(api.me({ token: 'nope', tokenHash: 'x' }));
    expect(bad.kind).toBe('UNAUTHENTICATED');
    expect(bad.correlationId).toBeDefined();
  });
});

const CHUNK = 100;
