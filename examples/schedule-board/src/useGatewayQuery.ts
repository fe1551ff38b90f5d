import type { Client } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useState } from 'react';
import { problemOf, type Problem } from './problems.js';

/** A query's state: the data (possibly partial), the problem to show, and a way to run it again. */
export interface QueryState<Data> {
  data: Data | null;
  problem: Problem | null;
  fetching: boolean;
  reload(): void;
}

/**
 * Runs a typed document whenever its variables change (skipped while `variables` is null): the
 * result type comes from the generated document, so `data` is typed by the schema.
 */
export function useGatewayQuery<Data, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables | null,
): QueryState<Data> {
  const [state, setState] = useState<Omit<QueryState<Data>, 'reload'>>({
    data: null,
    problem: null,
    fetching: false,
  });
  const [generation, setGeneration] = useState(0);
  const key = variables === null ? null : JSON.stringify(variables);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, fetching: true }));
    client
      .query(document, JSON.parse(key) as Variables)
      .toPromise()
      .then(
        (result) => {
          if (current)
            setState({
              data: result.data ?? null,
              problem: problemOf(result.error),
              fetching: false,
            });
        },
        (error: unknown) => {
          if (current)
            setState({
              data: null,
              problem: { kind: 'OTHER', code: 'NETWORK', message: String(error) },
              fetching: false,
            });
        },
      );
    return () => {
      current = false;
    };
  }, [client, document, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
