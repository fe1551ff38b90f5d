/**
 * The edge of examples/cluster, in front of the gateway replicas: the round-robin balancer
 * (balancer.ts), the notes subgraph (notes/), the supergraph composed from both subgraphs' SDL,
 * and the router (router/), which forwards the caller's `Authorization` to the gateway only.
 */
import { startBalancer, type BalancerTarget, type RunningBalancer } from './balancer.js';
import { NOTES_SDL, startNotesServer, type NotesServer } from './notes/notesSubgraph.js';
import { composeSupergraph } from './router/composeSupergraph.js';
import { startRouter, type RunningRouter } from './router/router.js';

/** Options of {@link startEdge}. */
export interface EdgeOptions {
  /** The gateway replicas (`host:port`, GraphQL at `/graphql`). */
  readonly replicas: readonly BalancerTarget[];
  /** The gateway's subgraph SDL (the committed schema.subgraph.graphql, or `_service { sdl }`). */
  readonly gatewaySdl: string;
  /** Where the edge listens: 127.0.0.1 locally, 0.0.0.0 in a container. */
  readonly host: string;
  /** Ports of the router, the balancer and the notes subgraph; 0: free ones. */
  readonly ports: { readonly router: number; readonly balancer: number; readonly notes: number };
  /** The address the router uses to reach the balancer and the notes subgraph. Default `host`. */
  readonly reachAt?: string;
  /** The router logs at debug level and shows subgraph errors unmasked. */
  readonly debug?: boolean;
}

/** A running edge. */
export interface Edge {
  readonly router: RunningRouter;
  readonly balancer: RunningBalancer;
  readonly notes: NotesServer;
  close(): Promise<void>;
}

/** Starts the notes subgraph and the balancer, composes the supergraph, starts the router. */
export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const { host, ports } = options;
  const reachAt = options.reachAt ?? host;
  const notes = await startNotesServer({ port: ports.notes, host });
  const balancer = await startBalancer(options.replicas, { port: ports.balancer, host });
  try {
    const { supergraphSdl } = composeSupergraph([
      {
        name: 'genesys',
        url: `http://${reachAt}:${new URL(balancer.origin).port}/graphql`,
        sdl: options.gatewaySdl,
      },
      { name: 'notes', url: `http://${reachAt}:${new URL(notes.url).port}/`, sdl: NOTES_SDL },
    ]);
    const router = await startRouter({
      supergraphSdl,
      forwardAuthorizationTo: ['genesys'],
      port: ports.router,
      host,
      ...(options.debug ? { debug: true } : {}),
    });
    return {
      router,
      balancer,
      notes,
      async close() {
        await router.close();
        await Promise.all([balancer.close(), notes.close()]);
      },
    };
  } catch (error) {
    await Promise.all([balancer.close(), notes.close()]);
    throw error;
  }
}
