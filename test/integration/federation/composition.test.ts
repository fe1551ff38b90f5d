/**
 * The gateway's subgraph composes into a supergraph with a real composition library
 * (`@theguild/federation-composition`), together with a second subgraph that extends `Agent`
 * with a field of its own (examples/cluster/notes). No network.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NOTES_SDL } from '../../../examples/cluster/notes/notesSubgraph.js';
import { composeSupergraph } from '../../../examples/cluster/router/composeSupergraph.js';
import { printSubgraphSdl, SUBGRAPH_SCHEMA_PATH } from '../../../scripts/schemaCheck.js';

const genesys = (sdl: string) => ({ name: 'genesys', url: 'http://127.0.0.1:1/graphql', sdl });
const notes = (sdl = NOTES_SDL) => ({ name: 'notes', url: 'http://127.0.0.1:2/graphql', sdl });

function fieldsOf(publicSdl: string, type: string): string[] {
  const named = buildSchema(publicSdl).getType(type);
  if (!isObjectType(named)) throw new Error(`${type} is not an object type`);
  return Object.keys(named.getFields());
}

describe('supergraph composition', () => {
  it("composes the gateway's subgraph with a second one that extends Agent", () => {
    const { supergraphSdl, publicSdl } = composeSupergraph([genesys(printSubgraphSdl()), notes()]);
    expect(fieldsOf(publicSdl, 'Agent')).toEqual(
      expect.arrayContaining(['id', 'firstName', 'lastName', 'site', 'team', 'schedule', 'notes']),
    );
    expect(fieldsOf(publicSdl, 'Query')).toEqual(
      expect.arrayContaining(['me', 'sites', 'agent', 'schedules', 'notedAgents']),
    );
    // The router's API has no federation machinery; the supergraph knows both subgraphs' keys.
    expect(publicSdl).not.toMatch(/_entities|_service|_Any/);
    expect(supergraphSdl).toMatch(
      /GENESYS @join__graph\(name: "genesys", url: "http:\/\/127\.0\.0\.1:1\/graphql"\)/,
    );
    expect(supergraphSdl).toMatch(/type Agent[^{]*@join__type\(graph: GENESYS, key: "id"\)/);
    expect(supergraphSdl).toMatch(/type Agent[^{]*@join__type\(graph: NOTES, key: "id"\)/);
    for (const type of ['Site', 'Team'])
      expect(supergraphSdl).toMatch(new RegExp(`type ${type}[^{]*key: "id"`));
    expect(supergraphSdl).toMatch(/type User[^{]*key: "username"/);
  });

  it('composes the committed schema.subgraph.graphql as well', () => {
    const committed = readFileSync(SUBGRAPH_SCHEMA_PATH, 'utf8');
    expect(() => composeSupergraph([genesys(committed), notes()])).not.toThrow();
  });

  it('fails on a subgraph that contradicts ours (negative control)', () => {
    const clash = NOTES_SDL.replace('notes: [Note!]!', 'notes: [Note!]!\n    firstName: Int');
    expect(() => composeSupergraph([genesys(printSubgraphSdl()), notes(clash)])).toThrow(
      /composition failed[\s\S]*firstName/,
    );
  });
});
