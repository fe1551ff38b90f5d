/**
 * The schema as a product: the merged SDL of `schema/*.graphql` printed to `schema.graphql` at the
 * repository root (committed), and a check that the current schema does not break clients of the
 * committed one (@graphql-inspector/core `diff`, breaking changes only).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, buildSchema, printSchema, type GraphQLSchema } from 'graphql';
import { loadTypeDefs } from '../src/schema/typeDefs.js';

/** `<repo>/schema.graphql`, the committed contract. */
export const COMMITTED_SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** The schema the gateway serves now, built from `schema/*.graphql`. */
export function currentSchema(): GraphQLSchema {
  return buildASTSchema(loadTypeDefs());
}

/** The merged SDL as committed: graphql-js `printSchema` (descriptions kept), one trailing newline. */
export function printSdl(schema: GraphQLSchema = currentSchema()): string {
  return `${printSchema(schema)}\n`;
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
  const changes = await diff(buildSchema(previousSdl), next);
  return changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
}

/** One line per change, for the console. */
export function describeChanges(changes: readonly Change[]): string {
  return changes.map((c) => `  ✖ ${c.message}${c.path ? `  (${c.path})` : ''}`).join('\n');
}
