import { readdirSync, readFileSync } from 'node:fs';
import { concatAST, parse, type DocumentNode } from 'graphql';

/** The SDL directory, `schema/` at the repository root (the same files `npm run codegen` reads). */
export const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

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
