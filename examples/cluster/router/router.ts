/**
 * The router of examples/cluster: Hive Gateway's runtime (`@graphql-hive/gateway-runtime`, what
 * the `hive-gateway` CLI runs) serving a composed supergraph over node:http.
 *
 * The caller's `Authorization` header is forwarded to the subgraphs named in
 * `forwardAuthorizationTo` only (the Genesys gateway, which needs the caller's token for every
 * field); a subgraph of someone else's never sees the Genesys token.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { listen } from '../listen.js';

/**
 * The part of `@graphql-hive/gateway-runtime` this file uses. The package is loaded by a
 * specifier no static import names, so its type declarations stay out of the project's one
 * TypeScript program: graphql-yoga's declarations re-type graphql's `GraphQLErrorExtensions.http`
 * globally (headers as a plain record), which contradicts Apollo Server's (`HeaderMap`) that the
 * gateway's own code is written against.
 */
interface GatewayRuntime extends RequestListener {
  dispose(): Promise<void> | void;
}
interface HiveGatewayRuntime {
  createGatewayRuntime(config: {
    supergraph: string;
    logging: boolean | string;
    maskedErrors: boolean;
    propagateHeaders: {
      fromClientToSubgraphs(payload: {
        request: Request;
        subgraphName: string;
      }): Record<string, string>;
    };
  }): GatewayRuntime;
}
const HIVE_GATEWAY_RUNTIME: string = '@graphql-hive/gateway-runtime';

/** Options of {@link startRouter}. */
export interface RouterOptions {
  /** The supergraph SDL (`composeSupergraph`). */
  readonly supergraphSdl: string;
  /** Subgraph names (as composed) that receive the caller's `Authorization` header. */
  readonly forwardAuthorizationTo: readonly string[];
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Log at debug level and show subgraph errors unmasked. Default false. */
  readonly debug?: boolean;
}

/** A listening router. */
export interface RunningRouter {
  /** `http://HOST:PORT/graphql`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the router; resolves once it listens. */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const forwardTo = new Set(options.forwardAuthorizationTo);
  const { createGatewayRuntime } = (await import(HIVE_GATEWAY_RUNTIME)) as HiveGatewayRuntime;
  const gateway = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    logging: options.debug === true ? 'debug' : false,
    maskedErrors: options.debug !== true,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, subgraphName }): Record<string, string> => {
        const authorization = request.headers.get('authorization');
        return forwardTo.has(subgraphName) && authorization !== null ? { authorization } : {};
      },
    },
  });
  const server: Server = createServer(gateway);
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host}:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
