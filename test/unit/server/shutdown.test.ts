import { describe, expect, it } from 'vitest';
import { Health } from '../../../src/server/monitoring/health.js';
import { Monitor } from '../../../src/server/monitoring/Monitor.js';
import { createShutdown } from '../../../src/server/shutdown.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('createShutdown', () => {
  it('turns readiness false, waits the delay, stops the server, aborts stragglers before the grace ends, then closes', async () => {
    const health = new Health();
    const monitor = new Monitor({ health });
    const straggler = new AbortController();
    monitor.observe(fakeReq(), fakeRes(), 'r1', straggler);
    const events: string[] = [];
    const started = performance.now();
    const shutdown = createShutdown({
      health,
      monitor,
      logger: quiet,
      delayMs: 50,
      graceMs: 400,
      server: {
        stop: async () => {
          events.push(
            `stop ready=${String(!health.shuttingDown)} after ${Math.round(performance.now() - started) >= 45}`,
          );
          await new Promise<void>((resolve) =>
            straggler.signal.addEventListener('abort', () => resolve()),
          );
          events.push(`aborted: ${(straggler.signal.reason as Error).name}`);
        },
      },
      closers: [async () => void events.push('closer')],
    });
    expect(await shutdown('SIGTERM')).toBe(0);
    expect(events).toEqual(['stop ready=false after true', 'aborted: TimeoutError', 'closer']);
    // Aborted at delay + grace - margin (50 + 400 - 100 ms), before the drain would cut sockets.
    expect(performance.now() - started).toBeLessThan(450);
  });

  it('answers exit code 1 when a step fails', async () => {
    const shutdown = createShutdown({
      health: new Health(),
      logger: quiet,
      delayMs: 0,
      graceMs: 100,
      server: { stop: () => Promise.reject(new Error('nope')) },
    });
    expect(await shutdown('SIGINT')).toBe(1);
  });
});

function fakeReq() {
  return { headers: {}, method: 'POST', url: '/graphql' } as never;
}
function fakeRes() {
  return { once: () => undefined, setHeader: () => undefined } as never;
}
