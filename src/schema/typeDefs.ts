import { readdirSync, readFileSync } from 'node:fs';
import { concatAST, parse, type DocumentNode } from 'graphql';

/** The SDL directory, `schema/` at the repository root (the same files `npm run codegen` reads). */
export const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

/**
 * The Apollo Federation v2 layer, `schema/federation/` (`@link`, `@key` on the entities): added
 * to the public schema only where the gateway is built as a subgraph (src/schema/buildSchema.ts).
 */
export const FEDERATION_DIR = new URL('federation/', SCHEMA_DIR);

/**
 * The schema's type definitions: every `schema/*.graphql` file parsed into one document
 * (`base.graphql` first, then the others by name; the domain files `extend type Query`).
 * Read once at start-up, synchronously; pass it with `resolvers` to Apollo Server.
 */
export function loadTypeDefs(dir: URL = SCHEMA_DIR): DocumentNode {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  if (files.length === 0) throw new Error(`No .graphql files in ${dir.pathname}`);
  return concatAST(
    files.map((name) => parse(readFileSync(new URL(name, dir), 'utf8'), { noLocation: false })),
  );
}

/** The federation layer's type definitions: every `schema/federation/*.graphql` file, by name. */
export function loadFederationTypeDefs(dir: URL = FEDERATION_DIR): DocumentNode {
  return loadTypeDefs(dir);
}
