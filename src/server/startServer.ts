import type { AddressInfo } from 'node:net';
import type { GatewayServer } from './createServer.js';

export interface RunningServer {
  /** e.g. `http://127.0.0.1:4000/graphql` (a wildcard host is shown as 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  /**
   * Graceful stop: stops accepting connections, lets in-flight requests finish (up to the grace
   * period), closes idle keep-alive sockets, then stops Apollo.
   */
  stop(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free port). */
export async function startServer(
  server: GatewayServer,
  options: { port: number; host: string },
): Promise<RunningServer> {
  const { httpServer } = server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    httpServer.once('error', onError);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', onError);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = displayHost(options.host);
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    port: address.port,
    stop() {
      // ApolloServerPluginDrainHttpServer closes the listener and drains connections during stop().
      stopping ??= server.apollo.stop();
      return stopping;
    },
  };
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
