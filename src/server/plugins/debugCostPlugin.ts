import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestTally } from '../../types/RequestTally.js';

/** Options of `debugCostPlugin`. */
export interface DebugCostPluginOptions {
  /** Request header that asks for the cost; it must carry exactly `1`. Default `x-gateway-debug`. */
  headerName?: string;
}

/** What `extensions.cost` holds. */
export interface DebugCost {
  upstreamCalls: number;
  cacheHits: number;
  coalesced: number;
}

/**
 * Reports what a request cost upstream in `extensions.cost` — never by default, only when the
 * caller sends `x-gateway-debug: 1` and the context carries a `tally`:
 *
 * ```json
 * { "data": { … }, "extensions": { "cost": { "upstreamCalls": 2, "cacheHits": 3, "coalesced": 0 } } }
 * ```
 *
 * Wiring: the context function creates `tally: createRequestTally()` per request and puts it in
 * the `CallContext`, where the cache and counting layers of the upstream stack
 * (src/createUpstreams.ts) count into it; this plugin goes into `ApolloServer({ plugins })`. The counts are the
 * caller's own (every cache entry is per token), so they reveal nothing about other users.
 * For an incremental (`@defer`) response the figures are those at the initial payload.
 */
export function debugCostPlugin<TContext extends BaseContext & { tally?: RequestTally }>(
  options: DebugCostPluginOptions = {},
): ApolloServerPlugin<TContext> {
  const headerName = (options.headerName ?? 'x-gateway-debug').toLowerCase();
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart(requestContext) {
      if (requestContext.request.http?.headers.get(headerName) !== '1') return;
      return {
        async willSendResponse({ contextValue, response }) {
          const tally = contextValue.tally;
          if (!tally) return;
          const cost: DebugCost = {
            upstreamCalls: tally.upstreamCalls,
            cacheHits: tally.cacheHits,
            coalesced: tally.coalesced,
          };
          const result =
            response.body.kind === 'single'
              ? response.body.singleResult
              : response.body.initialResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
  if (headerName === 'x-gateway-debug') DEFAULT_HEADER_PLUGINS.add(plugin);
  return plugin;
}

/** The plugins built by `debugCostPlugin` with the default header. */
const DEFAULT_HEADER_PLUGINS = new WeakSet<object>();

/**
 * Whether `plugin` is a `debugCostPlugin` that reads `x-gateway-debug`: it does nothing for a
 * request without that header, so such a request may skip Apollo Server's pipeline.
 */
export function isDebugCostPlugin(plugin: object): boolean {
  return DEFAULT_HEADER_PLUGINS.has(plugin);
}
