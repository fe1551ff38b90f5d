import type { ApolloServerOptions } from '@apollo/server';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { DocumentCache } from './DocumentCache.js';

/** Apollo Server's `documentStore` option: parsed AND validated documents by `queryHash`. */
export type ApolloDocumentStore = NonNullable<ApolloServerOptions<object>['documentStore']>;

/**
 * Apollo Server's document store over the front door's {@link DocumentCache}, so a document is
 * parsed once: Apollo Server looks a request's document up by the SHA-256 of its text before it
 * parses, and skips both parsing and validation for a document it finds. The front door has
 * already parsed it but not validated it (validation runs after authentication, so anonymous
 * callers cannot probe the schema); this store validates it on Apollo Server's first look — the
 * request is authenticated by then — with the same rules Apollo Server would use, remembers the
 * outcome, and answers only documents that passed. A document that fails is not answered, so
 * Apollo Server parses and validates it itself and reports its errors exactly as without this
 * store. `set` and `delete` do nothing: every document reaches Apollo Server through the front
 * door, which already remembers it.
 *
 * @param validate graphql's `validate` with the server's schema and rules (see createServer).
 */
export function apolloDocumentStore(
  documents: DocumentCache,
  validate: (document: DocumentNode) => readonly GraphQLError[],
): ApolloDocumentStore {
  return {
    // Apollo Server prefixes the hash with the schema's hash and a colon.
    get: (key) =>
      Promise.resolve(validDocument(documents, key.slice(key.lastIndexOf(':') + 1), validate)),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(true),
  };
}

/**
 * The parsed document of `hash` if it passed validation, validating it on first use and
 * remembering the outcome; undefined when it is unknown, did not parse or is invalid.
 */
export function validDocument(
  documents: DocumentCache,
  hash: string,
  validate: (document: DocumentNode) => readonly GraphQLError[],
): DocumentNode | undefined {
  const entry = documents.get(hash);
  const document = entry?.document;
  if (!entry || !document) return undefined;
  if (entry.validity === 'unchecked')
    entry.validity = validate(document).length === 0 ? 'valid' : 'invalid';
  return entry.validity === 'valid' ? document : undefined;
}
