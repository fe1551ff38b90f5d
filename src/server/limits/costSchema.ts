import {
  buildASTSchema,
  concatAST,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/**
 * A schema built from the server's SDL, used only by the front door's cost model (to know which
 * fields are lists). Accepts what `loadTypeDefs` returns (a document), SDL strings, or arrays of
 * either; returns undefined for anything else or SDL that does not build — the cost model then
 * counts every field as 1, and Apollo Server reports the SDL problem itself.
 */
export function costSchemaOf(typeDefs: unknown): GraphQLSchema | undefined {
  try {
    const documents = (Array.isArray(typeDefs) ? typeDefs : [typeDefs]).map(toDocument);
    if (documents.length === 0 || documents.some((d) => d === undefined)) return undefined;
    return buildASTSchema(concatAST(documents as DocumentNode[]), { assumeValidSDL: true });
  } catch {
    return undefined;
  }
}

function toDocument(value: unknown): DocumentNode | undefined {
  if (typeof value === 'string') return parse(value);
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === Kind.DOCUMENT
  )
    return value as DocumentNode;
  return undefined;
}
