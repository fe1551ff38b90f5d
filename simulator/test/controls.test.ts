import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { isLoopback } from '../src/admin/adminEndpoint.js';
import { hashToken } from '../src/auth/bearer.js';
import { getWith, header, send, start } from './harness.js';

describe('rate limiting', () => {
  let sim: Simulator;
  let clock = 1_000_000;
  beforeAll(async () => {
    sim = await start({ rateLimitPerMinute: 3, now: () => clock });
  });
  afterAll(() => sim.close());

  it('counts per token per minute and answers 429 with Retry-After and rate-limit headers', async () => {
    const sam = (await sim.passwordToken('sam.supervisor')).access_token;
    const pat = (await sim.passwordToken('pat.supervisor')).access_token;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await getWith(`${sim.authUrl}/userinfo`, sam);
      expect(ok.status).toBe(200);
      expect(header(ok, 'x-ratelimit-limit')).toBe('3');
      remaining.push(header(ok, 'x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    clock += 15_000;
    const limited = await getWith(`${sim.wfmUrl}/system/userinfo`, sam);
    expect(limited.status).toBe(429);
    expect(header(limited, 'retry-after')).toBe('45');
    expect(header(limited, 'x-ratelimit-remaining')).toBe('0');
    expect(header(limited, 'x-ratelimit-reset')).toBe('45');
    expect((await getWith(`${sim.authUrl}/userinfo`, pat)).status).toBe(200);
    clock += 45_000;
    expect((await getWith(`${sim.authUrl}/userinfo`, sam)).status).toBe(200);
  });

  it('can be switched off at run time', async () => {
    sim.settings.rateLimitPerMinute = 0;
    const sam = (await sim.passwordToken('sam.supervisor')).access_token;
    for (let i = 0; i < 5; i++)
      expect((await getWith(`${sim.authUrl}/ping`, sam)).status).toBe(200);
    sim.settings.rateLimitPerMinute = 3;
  });
});

describe('request log and admin endpoint', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  it('logs service, operation, token hash, identity, status and duration of each request', async () => {
    sim.log.clear();
    const { access_token } = await sim.passwordToken('pat.supervisor');
    await getWith(`${sim.authUrl}/userinfo`, access_token);
    await getWith(`${sim.authUrl}/userinfo`, 'bogus');
    const entries = sim.log.entries({ service: 'auth' });
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      service: 'auth',
      operation: 'userinfo',
      method: 'GET',
      path: '/auth/v3/userinfo',
      tokenHash: hashToken(access_token),
      identity: 'pat.supervisor',
      status: 200,
    });
    expect(entries[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(entries[1]).toMatchObject({
      identity: null,
      status: 401,
      tokenHash: hashToken('bogus'),
    });
    expect(entries[1]!.seq).toBeGreaterThan(entries[0]!.seq);
    expect(sim.log.count({ identity: 'pat.supervisor' })).toBe(1);
    expect(JSON.stringify(entries)).not.toContain(access_token);
  });

  it('manages faults, log and settings over HTTP', async () => {
    const add = await send(`${sim.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'wfm', kind: 'status', status: 503 }),
    });
    expect(add.status).toBe(201);
    const { id } = add.json<{ id: string }>();
    expect((await send(`${sim.url}/__admin/faults`)).json<unknown[]>()).toEqual([
      expect.objectContaining({ id, kind: 'status' }),
    ]);
    const { access_token } = await sim.passwordToken('alex.agent');
    expect((await getWith(`${sim.wfmUrl}/system/userinfo`, access_token)).status).toBe(503);
    expect((await send(`${sim.url}/__admin/faults/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await getWith(`${sim.wfmUrl}/system/userinfo`, access_token)).status).toBe(200);
    await send(`${sim.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'html' }),
    });
    expect((await send(`${sim.url}/__admin/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.faults.list()).toEqual([]);
    const bad = await send(`${sim.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'nope' }),
    });
    expect(bad.status).toBe(400);

    const log = await send(`${sim.url}/__admin/log?service=wfm&status=503`);
    expect(log.json<unknown[]>()).toHaveLength(1);
    expect((await send(`${sim.url}/__admin/log`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.log.count()).toBe(0);

    const patched = await send(`${sim.url}/__admin/settings`, {
      method: 'PATCH',
      body: JSON.stringify({ invalidTokenStatus: 403 }),
    });
    expect(patched.json()).toMatchObject({ invalidTokenStatus: 403 });
    expect(sim.settings.invalidTokenStatus).toBe(403);
    expect(
      (
        await send(`${sim.url}/__admin/settings`, {
          method: 'PATCH',
          body: JSON.stringify({ rateLimitPerMinute: -1 }),
        })
      ).status,
    ).toBe(400);
    expect((await send(`${sim.url}/__admin/settings`)).json()).toEqual({
      invalidTokenStatus: 403,
      apiKey: null,
      rateLimitPerMinute: 0,
    });
    expect(sim.log.count()).toBe(0); // admin calls are not logged
  });

  it('admin is loopback-only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });

  it('answers 413 for bodies over 1 MB and 404 for unknown paths', async () => {
    // The server answers before reading the rest; the client may see the 413 or a closed socket.
    const big = await send(`${sim.authUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a'.repeat(1024 * 1024 + 10),
    }).then(
      (reply) => reply.status,
      () => 'closed',
    );
    expect([413, 'closed']).toContain(big);
    expect(sim.log.entries({ status: 413 })).toHaveLength(1);
    expect((await send(`${sim.url}/nowhere`)).status).toBe(404);
  });
});
