import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Health, promiseCheck } from '../../../../src/server/monitoring/health.js';
import { reachabilityCheck, tcpProbe } from '../../../../src/server/monitoring/reachability.js';

describe('Health', () => {
  it('is ready only when every check passes and no shutdown has begun', async () => {
    let resolveWsdl: () => void = () => undefined;
    const wsdl = promiseCheck('wsdl', new Promise<void>((r) => (resolveWsdl = r)));
    const health = new Health([
      wsdl,
      { name: 'auth', run: async () => ({ ok: true, state: 'ok' }) },
    ]);
    expect(await health.readiness()).toEqual({
      ready: false,
      shuttingDown: false,
      checks: { wsdl: 'loading', auth: 'ok' },
    });
    resolveWsdl();
    await Promise.resolve();
    expect((await health.readiness()).ready).toBe(true);
    health.beginShutdown();
    expect(await health.readiness()).toMatchObject({ ready: false, shuttingDown: true });
  });

  it('reports a failed promise and a throwing check as failed', async () => {
    const rejected = Promise.reject(new Error('bad wsdl'));
    rejected.catch(() => undefined);
    const health = new Health([
      promiseCheck('wsdl', rejected),
      { name: 'x', run: () => Promise.reject(new Error('boom')) },
    ]);
    await Promise.resolve();
    expect(await health.readiness()).toMatchObject({
      ready: false,
      checks: { wsdl: 'failed', x: 'failed' },
    });
  });
});

describe('reachabilityCheck', () => {
  it('reuses an answer for cacheMs and shares one probe between concurrent calls', async () => {
    let probes = 0;
    let now = 0;
    const check = reachabilityCheck('auth', 'https://auth.example.com/auth/v3', {
      timeoutMs: 100,
      cacheMs: 5_000,
      now: () => now,
      probe: async (host, port) => {
        probes += 1;
        expect([host, port]).toEqual(['auth.example.com', 443]);
        return probes === 1;
      },
    });
    const [a, b] = await Promise.all([check.run(), check.run()]);
    expect([a, b, probes]).toEqual([{ ok: true, state: 'ok' }, { ok: true, state: 'ok' }, 1]);
    now = 4_999;
    await check.run();
    expect(probes).toBe(1);
    now = 5_000;
    expect(await check.run()).toEqual({ ok: false, state: 'unreachable' });
    expect(probes).toBe(2);
  });

  it('probes real TCP ports: open answers true, closed answers false', async () => {
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    expect(await tcpProbe('127.0.0.1', port, 1_000)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await tcpProbe('127.0.0.1', port, 1_000)).toBe(false);
  });
});
