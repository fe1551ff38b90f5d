/**
 * The schema as a product: the merged SDL of `schema/*.graphql` printed to `schema.graphql` at the
 * repository root (committed), and a check that the current schema does not break clients of the
 * committed one (@graphql-inspector/core `diff`, breaking changes only). Beside it the Apollo
 * Federation v2 subgraph SDL, `schema.subgraph.graphql`: what `_service { sdl }` answers a router,
 * for composing a supergraph without asking a running gateway.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildASTSchema,
  buildSchema as buildSdlSchema,
  graphqlSync,
  printSchema,
  type GraphQLSchema,
} from 'graphql';
import { resolvers } from '../src/resolvers/index.js';
import { buildSchema } from '../src/schema/buildSchema.js';
import { loadFederationTypeDefs, loadTypeDefs } from '../src/schema/typeDefs.js';

/** `<repo>/schema.graphql`, the committed contract. */
export const COMMITTED_SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** `<repo>/schema.subgraph.graphql`, the subgraph SDL a router composes. */
export const SUBGRAPH_SCHEMA_PATH = fileURLToPath(
  new URL('../schema.subgraph.graphql', import.meta.url),
);

/** The schema the gateway serves now, built from `schema/*.graphql`. */
export function currentSchema(): GraphQLSchema {
  return buildASTSchema(loadTypeDefs());
}

/** The merged SDL as committed: graphql-js `printSchema` (descriptions kept), one trailing newline. */
export function printSdl(schema: GraphQLSchema = currentSchema()): string {
  return `${printSchema(schema)}\n`;
}

/**
 * The subgraph SDL exactly as the gateway's `_service { sdl }` answers it (the public schema with
 * schema/federation/, built as the gateway builds it), one trailing newline.
 */
export function printSubgraphSdl(): string {
  const { executable } = buildSchema({
    typeDefs: loadTypeDefs(),
    resolvers,
    federation: loadFederationTypeDefs(),
  });
  const result = graphqlSync({ schema: executable, source: '{ _service { sdl } }' });
  const sdl = (result.data?.['_service'] as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error('_service { sdl } answered no SDL');
  return `${sdl}\n`;
}

/** The committed schema, or null when `schema.graphql` does not exist yet. */
export function committedSdl(path: string = COMMITTED_SCHEMA_PATH): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Every change from `previousSdl` to `next` that would break an existing client. */
export async function breakingChanges(
  previousSdl: string,
  next: GraphQLSchema = currentSchema(),
): Promise<Change[]> {
  const changes = await diff(buildSdlSchema(previousSdl), next);
  return changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
}

/** One line per change, for the console. */
export function describeChanges(changes: readonly Change[]): string {
  return changes.map((c) => `  ✖ ${c.message}${c.path ? `  (${c.path})` : ''}`).join('\n');
}
