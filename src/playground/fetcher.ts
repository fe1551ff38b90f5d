import type { GraphiQLProps } from 'graphiql';
import type { ExecutionResult } from 'graphql';

type Fetcher = GraphiQLProps['fetcher'];

/**
 * GraphiQL's fetcher: GraphQL over HTTP POST to the gateway on this origin with exactly the
 * headers of GraphiQL's header editor (where sign-in puts the token). JSON bodies are passed on
 * whatever the status (a 401 carries an `UNAUTHENTICATED` error); anything else becomes an error.
 */
export function createFetcher(graphqlPath: string): Fetcher {
  return async (params, options) => {
    const response = await fetch(graphqlPath, {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...(options?.headers as Record<string, string> | undefined),
      },
      body: JSON.stringify(params),
      credentials: 'omit',
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as ExecutionResult;
    } catch {
      return {
        errors: [{ message: `HTTP ${response.status}: the gateway did not answer with JSON.` }],
      } as unknown as ExecutionResult;
    }
  };
}
