import { createServer } from 'node:net';

/**
 * A loopback TCP port free at this instant, for a child process that must be told its port up
 * front (redis-server, a router). Tests and benchmarks share it.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
