import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { handleCors, isLoopbackOrigin, type CorsPolicy } from '../../../src/server/cors.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server that answers through handleCors only; returns the headers of one request. */
async function ask(policy: CorsPolicy, headers: Record<string, string>, method = 'OPTIONS') {
  server = createServer((req, res) => {
    if (!handleCors(req, res, policy)) res.end('passed on');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const preflight = (origin: string) => ({ origin, 'access-control-request-method': 'POST' });

describe('CORS', () => {
  it('allows any loopback dev-server origin when loopback is on, with credentials', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      const res = await ask({ origins: [], loopback: true }, preflight(origin));
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(String(res.headers['access-control-allow-headers'])).toContain('x-csrf-token');
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    }
  });

  it('refuses loopback origins when loopback is off (production default) and look-alikes always', async () => {
    const off = await ask({ origins: [], loopback: false }, preflight('http://localhost:5173'));
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const lookAlike = await ask(
      { origins: [], loopback: true },
      preflight('http://localhost.evil.example:5173'),
    );
    expect(lookAlike.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a listed origin only, and never sends credentials for *', async () => {
    const listed = await ask(
      { origins: ['https://app.example.com'], loopback: false },
      { origin: 'https://app.example.com' },
      'GET',
    );
    expect(listed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const star = await ask({ origins: ['*'], loopback: false }, { origin: 'https://x.example' });
    expect(star.headers['access-control-allow-origin']).toBe('*');
    expect(star.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('recognises loopback origins exactly', () => {
    expect(isLoopbackOrigin('http://localhost')).toBe(true);
    expect(isLoopbackOrigin('https://localhost:5173')).toBe(false);
    expect(isLoopbackOrigin('http://127.0.0.2:5173')).toBe(false);
    expect(isLoopbackOrigin('http://localhost:5173/path')).toBe(false);
  });
});
