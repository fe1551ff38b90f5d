/**
 * A real router in front of the gateway: Hive Gateway's runtime serving the supergraph of the
 * gateway's subgraph and the notes subgraph (examples/cluster), everything on loopback port 0.
 * One query spans both subgraphs; the caller's Bearer token reaches the gateway (which refuses
 * to answer without it) and never the notes subgraph; entities the router asks for are batched.
 */
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NOTES_SDL,
  startNotesServer,
  type NotesServer,
} from '../../../examples/cluster/notes/notesSubgraph.js';
import { composeSupergraph } from '../../../examples/cluster/router/composeSupergraph.js';
import { startRouter, type RunningRouter } from '../../../examples/cluster/router/router.js';
import { printSubgraphSdl } from '../../../scripts/schemaCheck.js';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

let gateway: TestGateway;
let notes: NotesServer;
let router: RunningRouter;
const client = new Agent();
beforeAll(async () => {
  [gateway, notes] = await Promise.all([
    startTestGateway({ simulator: { agents: 60, today: SEEDED_TODAY } }),
    startNotesServer(),
  ]);
  const { supergraphSdl } = composeSupergraph([
    { name: 'genesys', url: gateway.url, sdl: printSubgraphSdl() },
    { name: 'notes', url: notes.url, sdl: NOTES_SDL },
  ]);
  router = await startRouter({ supergraphSdl, forwardAuthorizationTo: ['genesys'] });
});
afterAll(async () => {
  await router?.close();
  await Promise.all([notes?.close(), gateway?.close()]);
  await client.close();
});

interface RouterAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function viaRouter(query: string, token?: string): Promise<RouterAnswer> {
  const res = await request(router.url, {
    dispatcher: client,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
  });
  return (await res.body.json()) as RouterAnswer;
}

const soapCalls = (operation: string) => gateway.sim.log.count({ service: 'wfm-soap', operation });

describe('through the router', () => {
  it("answers one query with the gateway's fields and the notes subgraph's", async () => {
    const sam = await gateway.token('sam.supervisor');
    const before = notes.requests.total;
    const answer = await viaRouter(
      '{ agent(id: "1003") { id firstName lastName site { name } notes { text author } } }',
      sam,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      agent: {
        id: '1003',
        firstName: 'Alex',
        lastName: 'Agent',
        site: { name: 'Chicago Contact Center' },
        notes: [
          { text: 'Handled the Monday peak calmly; ready to mentor.', author: 'sam.supervisor' },
        ],
      },
    });
    expect(notes.requests.total).toBeGreaterThan(before);
  });

  it("resolves the notes subgraph's agent references through the gateway's _entities, batched", async () => {
    const sam = await gateway.token('sam.supervisor');
    gateway.sim.log.clear();
    const answer = await viaRouter(
      '{ notedAgents { id firstName team { name } notes { text } } }',
      sam,
    );
    expect(answer.errors).toBeUndefined();
    const agents = answer.data?.['notedAgents'] as { id: string; firstName: string }[];
    expect(agents.map((a) => a.id)).toEqual(['1003', '2001', '2002']);
    const world = new Map(gateway.sim.world.agents.map((a) => [String(a.id), a]));
    for (const a of agents) expect(a.firstName).toBe(world.get(a.id)?.firstName);
    // Three references, one GetAgent; their teams, one GetTeam.
    expect(soapCalls('GetAgent')).toBe(1);
    expect(soapCalls('GetTeam')).toBe(1);
  });

  it("forwards the caller's token to the gateway only, and answers with what it may see", async () => {
    const before = notes.requests.withAuthorization;
    const pat = await gateway.token('pat.supervisor');
    // pat.supervisor sees Sydney only: Chicago's alex.agent is null for pat.
    const asPat = await viaRouter('{ agent(id: "1003") { firstName } sites { name } }', pat);
    expect(asPat.errors).toBeUndefined();
    expect(asPat.data).toEqual({ agent: null, sites: [{ name: 'Sydney Contact Center' }] });
    expect(notes.requests.withAuthorization).toBe(before);
    expect(notes.requests.total).toBeGreaterThan(0);
  });

  it('gets no Genesys data for a caller without a token', async () => {
    gateway.sim.log.clear();
    const answer = await viaRouter('{ agent(id: "1003") { firstName } }');
    expect(answer.data?.['agent'] ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(soapCalls('GetAgent')).toBe(0);
  });
});
