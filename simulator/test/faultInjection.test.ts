import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/createSimulator.js';
import { getWith, header, start } from './harness.js';

describe('fault injection', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await start();
    token = (await sim.passwordToken('sam.supervisor')).access_token;
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  const userinfo = () => getWith(`${sim.authUrl}/userinfo`, token);
  const normalBody = async () => (await userinfo()).text;

  it('latency delays the normal answer', async () => {
    sim.faults.add({ service: 'auth', operation: 'userinfo', kind: 'latency', ms: 150 });
    const t0 = performance.now();
    const reply = await userinfo();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(reply.status).toBe(200);
  });

  it('status answers the code with a small JSON body and optional Retry-After', async () => {
    sim.faults.add({ kind: 'status', status: 503, retryAfterSec: 7 });
    const reply = await userinfo();
    expect(reply.status).toBe(503);
    expect(header(reply, 'retry-after')).toBe('7');
    expect(reply.json()).toMatchObject({ status: 503 });
  });

  it('rateLimit answers 429 with Retry-After (none when null)', async () => {
    sim.faults.add({ kind: 'rateLimit', retryAfterSec: 12, times: 1 });
    const limited = await userinfo();
    expect(limited.status).toBe(429);
    expect(header(limited, 'retry-after')).toBe('12');
    sim.faults.add({ kind: 'rateLimit', retryAfterSec: null, times: 1 });
    const bare = await userinfo();
    expect(bare.status).toBe(429);
    expect(header(bare, 'retry-after')).toBeUndefined();
  });

  it('reset destroys the connection', async () => {
    sim.faults.add({ kind: 'reset', times: 1 });
    await expect(userinfo()).rejects.toThrow();
    expect(sim.log.entries({ operation: 'userinfo' }).at(-1)).toMatchObject({
      status: 0,
      fault: 'reset',
    });
  });

  it('malformed answers 200 with a body that is not JSON', async () => {
    sim.faults.add({ kind: 'malformed' });
    const reply = await userinfo();
    expect(reply.status).toBe(200);
    expect(header(reply, 'content-type')).toMatch(/json/);
    expect(() => reply.json()).toThrow();
  });

  it('truncated sends the first half of the real body', async () => {
    const full = await normalBody();
    sim.faults.add({ kind: 'truncated', times: 1 });
    const reply = await userinfo();
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(full.slice(0, Math.floor(Buffer.byteLength(full) / 2)));
    expect(() => reply.json()).toThrow();
  });

  it('html answers a 502 HTML page', async () => {
    sim.faults.add({ kind: 'html' });
    const reply = await userinfo();
    expect(reply.status).toBe(502);
    expect(header(reply, 'content-type')).toMatch(/text\/html/);
    expect(reply.text).toContain('<html>');
  });

  it('soapFault answers HTTP 500 with a SOAP 1.1 Fault carrying the WFMError code', async () => {
    sim.faults.add({
      kind: 'soapFault',
      faultCode: 'soap:Client',
      faultString: 'No <access>',
      detailCode: 'INSUFFICIENT_PRIVILEGES',
    });
    const reply = await userinfo();
    expect(reply.status).toBe(500);
    expect(header(reply, 'content-type')).toMatch(/text\/xml/);
    expect(reply.text).toContain(
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">',
    );
    expect(reply.text).toContain(
      '<faultcode>soap:Client</faultcode><faultstring>No &lt;access&gt;</faultstring>',
    );
    expect(reply.text).toContain(
      '<WFMError xmlns="urn:WFMError"><code>INSUFFICIENT_PRIVILEGES</code></WFMError>',
    );
  });

  it('trickle sends the real body slowly in small chunks', async () => {
    const full = await normalBody();
    sim.faults.add({ kind: 'trickle', ms: 200, times: 1 });
    const t0 = performance.now();
    const reply = await userinfo();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
    expect(reply.text).toBe(full);
  });

  it('hang never answers until the client gives up', async () => {
    sim.faults.add({ kind: 'hang', times: 1 });
    await expect(
      request(`${sim.authUrl}/userinfo`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.log.entries({ operation: 'userinfo' }).at(-1)).toMatchObject({
      status: 0,
      fault: 'hang',
    });
  });

  it('matches on service, operation and identity and counts down times', async () => {
    const alex = (await sim.passwordToken('alex.agent')).access_token;
    sim.faults.add({
      service: 'auth',
      operation: 'userinfo',
      identity: 'sam.supervisor',
      kind: 'status',
      status: 500,
      times: 2,
    });
    expect((await getWith(`${sim.authUrl}/userinfo`, alex)).status).toBe(200);
    expect((await getWith(`${sim.authUrl}/openid/userinfo`, token)).status).toBe(200);
    expect((await getWith(`${sim.wfmUrl}/system/userinfo`, token)).status).toBe(200);
    expect((await userinfo()).status).toBe(500);
    expect((await userinfo()).status).toBe(500);
    expect((await userinfo()).status).toBe(200);
    expect(sim.faults.list()).toEqual([]);
  });

  it('rules can be removed by id and invalid rules are refused', () => {
    const id = sim.faults.add({ kind: 'latency', ms: 10 });
    expect(sim.faults.list()).toHaveLength(1);
    expect(sim.faults.remove(id)).toBe(true);
    expect(sim.faults.remove(id)).toBe(false);
    expect(() => sim.faults.add({ kind: 'explode' as 'hang' })).toThrow(/kind/);
    expect(() => sim.faults.add({ kind: 'status', status: 42 })).toThrow(/status/);
  });

  it('close() ends hanging requests', async () => {
    const other = await start();
    const t = (await other.passwordToken('alex.agent')).access_token;
    other.faults.add({ kind: 'hang' });
    const pending = request(`${other.authUrl}/userinfo`, {
      headers: { authorization: `Bearer ${t}` },
    });
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    await expect(pending).rejects.toThrow();
  });
});
