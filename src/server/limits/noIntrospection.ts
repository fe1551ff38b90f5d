import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses `__schema` and `__type` (GRAPHQL_INTROSPECTION off). The gateway passes it to Apollo
 * Server as a validation rule of its own rather than through `introspection: false`, so that the
 * document store that validates front-door documents (`apolloDocumentStore`) runs exactly the
 * rules Apollo Server runs. `__typename` stays allowed.
 */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') {
      context.reportError(
        new GraphQLError('Introspection is turned off on this server.', { nodes: [node] }),
      );
    }
  },
});
