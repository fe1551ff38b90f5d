/**
 * Composes subgraph SDLs into a supergraph with the Guild's Federation v2 composition
 * (`@theguild/federation-composition`, the composition Hive Gateway itself uses), as
 * `rover supergraph compose` would: each subgraph by name, with the URL the router calls.
 */
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

/** One subgraph: its name in the supergraph, where the router reaches it, its SDL. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

/** The composed supergraph: what the router serves, and the API clients of the router see. */
export interface Supergraph {
  /** The supergraph SDL (join__ directives, subgraph URLs) a router loads. */
  readonly supergraphSdl: string;
  /** The public SDL of the composed API. */
  readonly publicSdl: string;
}

/** Composes `subgraphs`; throws one Error listing every composition error. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): Supergraph {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new Error(
      `supergraph composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`,
    );
  }
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}
