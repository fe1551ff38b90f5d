import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildASTSchema, concatAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';

/** A resolver map as `@graphql-tools/schema` takes it (the generated `Resolvers` is one). */
type ResolverMap = NonNullable<Parameters<typeof makeExecutableSchema>[0]['resolvers']>;

/** What {@link buildSchema} builds from. */
export interface SchemaSources {
  /** The public SDL (`loadTypeDefs()`, or a test's own), as a document or text. */
  typeDefs: DocumentNode | string;
  /** The resolver map (src/resolvers/index.ts), `__resolveReference` included. */
  resolvers: ResolverMap;
  /**
   * The federation layer (`loadFederationTypeDefs()`: `@link`, `@key`). Given: the executable
   * schema is an Apollo Federation v2 subgraph. Absent or null: a plain schema (tests of the
   * server alone).
   */
  federation?: DocumentNode | null;
}

/** The two views of one schema. */
export interface BuiltSchema {
  /**
   * What Apollo Server executes, the front door prices and the document store validates against:
   * with a federation layer, the subgraph (`_service`, `_entities`, `_Entity`, `_Any`, the
   * `@link`/`@key` definitions) built by `@apollo/subgraph`.
   */
  readonly executable: GraphQLSchema;
  /**
   * The schema clients code against: the public SDL alone, without the federation machinery (a
   * router, not a client, asks `_entities`), as `GET /schema.graphql` and schema.graphql print it.
   */
  readonly public: GraphQLSchema;
}

/**
 * Builds the gateway's schema. With `federation`, `@apollo/subgraph`'s `buildSubgraphSchema`
 * (the maintained reference implementation of the subgraph spec) adds the federation types and
 * root fields and wires each entity's `__resolveReference`; without, `@graphql-tools/schema`.
 */
export function buildSchema(sources: SchemaSources): BuiltSchema {
  const typeDefs =
    typeof sources.typeDefs === 'string' ? parse(sources.typeDefs) : sources.typeDefs;
  if (!sources.federation) {
    const executable = makeExecutableSchema({ typeDefs, resolvers: sources.resolvers });
    return { executable, public: executable };
  }
  const executable = buildSubgraphSchema([
    {
      typeDefs: concatAST([typeDefs, sources.federation]),
      // The generated `Resolvers` type and @graphql-tools' `IResolvers` describe the same map
      // `buildSubgraphSchema` reads (field resolvers, scalars, `__resolveReference`).
      resolvers: sources.resolvers as GraphQLResolverMap<unknown>,
    },
  ]);
  return { executable, public: buildASTSchema(typeDefs) };
}
