import { GraphiQL } from 'graphiql';
import { buildClientSchema, type IntrospectionQuery } from 'graphql';
import { useMemo } from 'react';
import type { PlaygroundClientConfig } from './clientConfig.js';
import { EXAMPLE_TABS } from './examples.js';
import { createFetcher } from './fetcher.js';
import { HeaderSync } from './HeaderSync.js';
import { createMemoryStorage } from './memoryStorage.js';
import { SessionControls } from './SessionControls.js';
import { useSession } from './useSession.js';

/**
 * GraphiQL 4 with the example tabs, the header editor open, storage in memory, the session
 * controls in its header, and the signed-in token synchronised into the header editor. With a
 * schema from `/playground/schema` the docs work before sign-in; without one (introspection off)
 * GraphiQL introspects with the editor's headers, again after each sign-in.
 */
export function App({
  config,
  schema,
}: {
  config: PlaygroundClientConfig;
  schema: IntrospectionQuery | null;
}) {
  const state = useSession(config);
  const token = state.session?.token ?? null;
  const clientSchema = useMemo(() => (schema ? buildClientSchema(schema) : null), [schema]);
  // A new fetcher makes GraphiQL introspect again: needed after sign-in only without a schema.
  const introspectAgain = clientSchema ? null : token;
  const fetcher = useMemo(() => {
    void introspectAgain;
    return createFetcher(config.graphqlPath);
  }, [config, introspectAgain]);
  const storage = useMemo(() => createMemoryStorage(), []);
  return (
    <GraphiQL
      fetcher={fetcher}
      {...(clientSchema ? { schema: clientSchema } : {})}
      storage={storage}
      defaultTabs={EXAMPLE_TABS}
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
      showPersistHeadersSettings={false}
      defaultEditorToolsVisibility="headers"
    >
      <GraphiQL.Logo>
        <SessionControls state={state} enabled={config.signIn !== null} />
      </GraphiQL.Logo>
      <HeaderSync token={token} />
    </GraphiQL>
  );
}
