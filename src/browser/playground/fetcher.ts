import type { GraphiQLProps } from 'graphiql';
import { Kind, parse, type ExecutionResult } from 'graphql';

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
      body: JSON.stringify(withOwnOperationName(params)),
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

type FetcherParams = Parameters<Fetcher>[0];

/**
 * GraphiQL derives `operationName` from a debounced parse of the editor, so right after a tab
 * switch it can still name the previous tab's operation, which the gateway rightly refuses
 * ("Unknown operation named …"). A name the sent document does not define is dropped when the
 * document has a single operation (which then runs unambiguously); otherwise it is sent as is.
 */
export function withOwnOperationName(params: FetcherParams): FetcherParams {
  const name = params.operationName;
  if (!name || typeof params.query !== 'string') return params;
  let names: (string | undefined)[];
  try {
    names = parse(params.query)
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => (d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : undefined));
  } catch {
    return params; // the gateway reports the syntax error itself
  }
  if (names.includes(name) || names.length !== 1) return params;
  const rest = { ...params };
  delete rest.operationName;
  return rest;
}
