/**
 * The load balancer of examples/cluster: a round-robin TCP proxy in front of the gateway
 * replicas, so the router has one subgraph URL for all of them (as a Kubernetes Service or an
 * nginx upstream would give it). It balances connections, not requests: a keep-alive connection
 * stays on one replica, and the router's connection pool spreads its load over all of them.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { listen } from './listen.js';

/** One replica the balancer forwards to. */
export interface BalancerTarget {
  readonly host: string;
  readonly port: number;
}

/** A listening balancer. */
export interface RunningBalancer {
  /** `http://HOST:PORT`: append the replicas' path (`/graphql`). */
  readonly origin: string;
  /** Connections handed to each target so far, in target order. */
  readonly connections: readonly number[];
  close(): Promise<void>;
}

/** Starts the balancer on `host:port` (port 0: a free one) over `targets`. */
export async function startBalancer(
  targets: readonly BalancerTarget[],
  options: { port?: number; host?: string } = {},
): Promise<RunningBalancer> {
  if (targets.length === 0) throw new Error('startBalancer: no targets');
  const connections = targets.map(() => 0);
  const open = new Set<Socket>();
  let next = 0;
  const server: Server = createServer((client) => {
    const index = next;
    next = (next + 1) % targets.length;
    connections[index] = (connections[index] ?? 0) + 1;
    const target = targets[index] as BalancerTarget;
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    }
    // Either side failing or closing ends the pair; a replica that is down fails only the
    // connections handed to it.
    client.once('error', () => upstream.destroy());
    upstream.once('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  return {
    origin: `http://${host}:${port}`,
    connections,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
