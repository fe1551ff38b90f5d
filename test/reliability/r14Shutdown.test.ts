/**
 * R14 — nothing lost on shutdown: SIGTERM (through `installShutdown`, with a stand-in process)
 * while requests are in flight. Readiness turns false first (while the listener still accepts),
 * requests that can finish within the grace period finish, requests stuck on a hung upstream get
 * a clean GraphQL error just before it ends, and none is cut off.
 */
import { EventEmitter } from 'node:events';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installShutdown } from '../../src/server/shutdown.js';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { reliabilityOptions } from './support.js';

const SLOW = 20; // requests whose upstream answers after 1.5 s: finish within the grace period
const HUNG = 5; // requests whose upstream never answers: must get a clean error

describe('R14 graceful shutdown', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(
      reliabilityOptions('production', {
        env: { SHUTDOWN_DELAY_MS: '300', SHUTDOWN_GRACE_MS: '3000' },
      }),
    );
  });
  afterAll(async () => gateway?.close());

  it('turns readiness false first, then lets in-flight requests finish or fail cleanly', async () => {
    const token = await gateway.token();
    // Warm the token check and the SOAP session, then slow WFM REST down and hang SOAP.
    expect((await gateway.gql('{ me { user { username } } }', token)).status).toBe(200);
    gateway.sim.faults.add({ service: 'wfm', kind: 'latency', ms: 1_500 });
    gateway.sim.faults.add({ service: 'wfm-soap', kind: 'hang' });

    const client = new Agent({ connections: 64 });
    const fire = (query: string) =>
      request(gateway.url, {
        dispatcher: client,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      }).then(
        async (res) => ({ status: res.statusCode, text: await res.body.text() }),
        (error: Error) => ({ status: 0, text: error.message }),
      );
    const inFlight = [
      ...Array.from({ length: SLOW }, () => fire('{ me { wfmUser { id } } }')),
      ...Array.from({ length: HUNG }, () => fire('{ sites { id } }')),
    ];
    // All of them in flight before the signal (none can finish in under 1.5 s).
    const waitStart = performance.now();
    while (gateway.monitoring.monitor.inFlight < SLOW + HUNG) {
      if (performance.now() - waitStart > 5_000)
        throw new Error('the requests never were all in flight');
      await new Promise((r) => setTimeout(r, 10));
    }

    const signals = new EventEmitter();
    let exited: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    const { shutdown } = gateway.config;
    installShutdown(
      {
        health: gateway.monitoring.health,
        monitor: gateway.monitoring.monitor,
        server: gateway.running,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        delayMs: shutdown.delayMs,
        graceMs: shutdown.graceMs,
      },
      { once: (signal, listener) => signals.once(signal, listener), exit: (code) => exited(code) },
    );
    const sigtermAt = performance.now();
    signals.emit('SIGTERM', 'SIGTERM');

    // A fresh connection during the delay: the listener still accepts, readiness is already false.
    const probe = new Agent();
    const readyz = await request(`${gateway.base}/readyz`, { dispatcher: probe });
    const readyBody = (await readyz.body.json()) as { shuttingDown: boolean };
    await probe.close();

    const answers = await Promise.all(inFlight);
    const code = await exitCode;
    const seconds = (performance.now() - sigtermAt) / 1000;
    await client.close();

    const completed = answers.filter((a) => a.status === 200 && !a.text.includes('"errors"'));
    const cleanErrors = answers.filter((a) => a.status > 0 && a.text.includes('"errors"'));
    const dropped = answers.filter((a) => a.status === 0);
    const codes = [
      ...new Set(
        cleanErrors.flatMap((a) => [...a.text.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1])),
      ),
    ];
    console.log(
      `R14 shutdown: ${answers.length} in flight at SIGTERM; completed ${completed.length}, clean errors ${cleanErrors.length} (${codes.join(', ')}), dropped ${dropped.length}; ` +
        `/readyz during the delay ${readyz.statusCode}; exit code ${code} after ${seconds.toFixed(2)} s`,
    );

    expect(readyz.statusCode).toBe(503);
    expect(readyBody.shuttingDown).toBe(true);
    expect(dropped.map((d) => d.text)).toEqual([]);
    expect(completed.length).toBe(SLOW);
    expect(cleanErrors.length).toBe(HUNG);
    expect(code).toBe(0);
    gateway.sim.faults.clear();
  }, 20_000);
});
