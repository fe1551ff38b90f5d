import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../../resolvers/GatewayContext.js';

/**
 * With tracing on (createServer installs it only then), puts the request id — the trace id — into
 * `extensions.requestId` of every error of an executed request, beside
 * `extensions.upstream.correlationId` when an upstream caused it, so a support ticket that quotes
 * an error names the gateway request too: its access-log line, the `x-request-id` sent on each of
 * its upstream calls and its trace. Errors
 * of a failed context creation (the token check) get it through `contextFailure` instead: Apollo
 * runs no plugin hook for them.
 */
export function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const requestId = contextValue.call.requestId;
          if (requestId === undefined) return;
          const result =
            response.body.kind === 'single'
              ? response.body.singleResult
              : response.body.initialResult;
          if (result.errors) result.errors = result.errors.map((e) => withRequestId(e, requestId));
        },
      };
    },
  };
}

function withRequestId(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, requestId } };
}
