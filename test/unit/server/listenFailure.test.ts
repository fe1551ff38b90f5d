import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenFailureMessage } from '../../../src/server/listenFailure.js';

describe('listenFailureMessage', () => {
  it('names the variable to change when the port is taken', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const { port } = first.address() as AddressInfo;
    const second = createServer();
    const error = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    await new Promise((resolve) => first.close(resolve));
    const message = listenFailureMessage(error, 'The gateway', 'PORT', port);
    expect(message).toContain(`port ${port}`);
    expect(message).toContain(`PORT=${port + 1}`);
  });

  it('leaves other failures alone', () => {
    expect(listenFailureMessage(new Error('boom'), 'The gateway', 'PORT', 4000)).toBeNull();
  });
});
