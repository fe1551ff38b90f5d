import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './freePort.js';

/** A `redis-server` of a test's own, on a free loopback port, persisting nothing. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** A client for assertions (dumps, counts); closed by `stop()`. */
  readonly client: Redis;
  /** Kills the server (SIGKILL: Redis gone mid-load). `start()` brings it back on the same port. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
  /** Stops the server and the client. */
  stop(): Promise<void>;
}

/** Starts `redis-server` (Debian's package; .ci/run installs it) on 127.0.0.1. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitForPing(port);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    client,
    kill,
    start,
    async stop() {
      client.disconnect();
      await kill();
    },
  };
}

async function waitForPing(port: number): Promise<void> {
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
  } finally {
    probe.disconnect();
  }
}
