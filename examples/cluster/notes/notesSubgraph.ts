/**
 * The second subgraph of examples/cluster: a team lead's coaching notes about agents, kept by a
 * service of the company's own (not by Genesys). It extends the gateway's `Agent` entity with a
 * field of its own (`notes`), and hands the router `Agent` references (`notedAgents`) that the
 * gateway resolves through `_entities`. Apollo Server with `@apollo/subgraph`, on loopback.
 *
 * It never needs, and must never receive, the caller's Genesys token: the router forwards
 * `Authorization` to the gateway's subgraph only (../router/router.ts). `requests` counts what
 * arrived, so the tests can say so.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** The subgraph's SDL: what it adds to the supergraph. */
export const NOTES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "A WFM agent (owned by the Genesys gateway's subgraph), with the notes kept about them here."
  type Agent @key(fields: "id") {
    "The agent's id, the key the gateway's subgraph resolves."
    id: ID!
    "Coaching notes about the agent, newest first; empty when there are none."
    notes: [Note!]!
  }

  "One coaching note."
  type Note {
    "What was noted."
    text: String!
    "Who wrote it."
    author: String!
  }

  type Query {
    "Agents that have notes, as references the router completes from the Genesys subgraph."
    notedAgents: [Agent!]!
  }
`;

/** A note as the subgraph stores it. */
export interface NoteRecord {
  readonly text: string;
  readonly author: string;
}

/** Notes by agent id (the gateway's `Agent.id`). */
export type NotesByAgent = ReadonlyMap<string, readonly NoteRecord[]>;

/** Notes about the simulator's demo agents (alex.agent and the first numbered ones). */
export const DEMO_NOTES: NotesByAgent = new Map([
  [
    '1003',
    [{ text: 'Handled the Monday peak calmly; ready to mentor.', author: 'sam.supervisor' }],
  ],
  ['2001', [{ text: 'Asked for more evening shifts.', author: 'sam.supervisor' }]],
  ['2002', [{ text: 'Completed the billing training.', author: 'sam.supervisor' }]],
]);

/** The executable subgraph schema over `notes`. */
export function notesSchema(notes: NotesByAgent = DEMO_NOTES) {
  return buildSubgraphSchema([
    {
      typeDefs: parse(NOTES_SDL),
      resolvers: {
        Query: {
          notedAgents: () => [...notes.keys()].map((id) => ({ id })),
        },
        Agent: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
          notes: (agent: { id: string }) => notes.get(agent.id) ?? [],
        },
      },
    },
  ]);
}

/** A running notes subgraph. */
export interface NotesServer {
  /** `http://127.0.0.1:PORT/` (Apollo Server answers GraphQL at every path). */
  readonly url: string;
  /** Requests it received, and how many of them carried an `Authorization` header. */
  readonly requests: { total: number; withAuthorization: number };
  close(): Promise<void>;
}

/** Starts the notes subgraph on `host:port` (port 0: a free one). */
export async function startNotesServer(
  options: { port?: number; host?: string; notes?: NotesByAgent } = {},
): Promise<NotesServer> {
  // No inline traces: they are for Apollo's hosted studio, which this example does not use.
  const server = new ApolloServer({
    schema: notesSchema(options.notes),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const requests = { total: 0, withAuthorization: 0 };
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    context: async ({ req }) => {
      requests.total += 1;
      if (req.headers.authorization !== undefined) requests.withAuthorization += 1;
      return {};
    },
  });
  return { url, requests, close: () => server.stop() };
}
