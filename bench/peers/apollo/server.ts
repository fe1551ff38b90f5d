/**
 * Peer A of `npm run bench:peers`: a typical hand-written first version of the gateway's read
 * path — Apollo Server 5 (standalone, default plugins), `RESTDataSource` for the REST back ends,
 * node-soap for WFM SOAP, a DataLoader per request batching schedules by site and range, the
 * caller's Bearer forwarded on every call, no cross-request cache.
 *
 * Environment: PEER_UPSTREAM_URL (the simulator's base URL), PORT (0 = any free port). Prints
 * `Apollo peer listening on <url>` when ready.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { AuthApi, WfmRestApi, type CloudUserDetails } from './restApis.js';
import { typeDefs } from './schema.js';
import { toItems, type AgentState, type Item } from '../scheduleItems.js';
import { msToOle } from '../time.js';
import { loadWfmSoap, type WfmSoap } from './wfmSoap.js';

const upstream = process.env.PEER_UPSTREAM_URL;
if (!upstream) throw new Error('PEER_UPSTREAM_URL must name the simulator');

interface Site {
  id: number;
  name: string;
  timeZone: string;
}
interface Agent {
  id: number;
  firstName?: string;
  lastName?: string;
  siteId: number;
}
interface ScheduleKey {
  agent: Agent;
  from: string;
  to: string;
}
interface Context {
  auth: AuthApi;
  soap: WfmSoap;
  sites: DataLoader<number, Site | null>;
  schedules: DataLoader<ScheduleKey, { items: Item[] }, string>;
}

const newSoap = await loadWfmSoap(upstream);

const resolvers = {
  Query: {
    me: () => ({}),
    site: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.sites.load(Number(id)),
  },
  Viewer: {
    user: (_: unknown, __: unknown, ctx: Context): Promise<CloudUserDetails> => ctx.auth.userInfo(),
  },
  Site: {
    agents: (site: Site, _: unknown, ctx: Context) => ctx.soap.getAgents(site.id),
  },
  Agent: {
    schedule: (agent: Agent, range: { from: string; to: string }, ctx: Context) =>
      ctx.schedules.load({ agent, ...range }),
  },
};

/** One GetAgentState per (site, range) group of the batch, items converted and sorted. */
function scheduleLoader(soap: WfmSoap, sites: Context['sites']) {
  return async (keys: readonly ScheduleKey[]) => {
    const groups = new Map<string, ScheduleKey[]>();
    for (const key of keys) {
      const id = `${key.agent.siteId}|${key.from}|${key.to}`;
      groups.set(id, [...(groups.get(id) ?? []), key]);
    }
    const answers = new Map<string, { items: Item[] }>();
    for (const group of groups.values()) {
      const { siteId } = (group[0] as ScheduleKey).agent;
      const { from, to } = group[0] as ScheduleKey;
      const site = await sites.load(siteId);
      if (!site) throw new GraphQLError(`Site ${siteId} was not found.`);
      const states = await soap.getAgentStates({
        siteId,
        startOle: msToOle(Date.parse(from), site.timeZone),
        endOle: msToOle(Date.parse(to), site.timeZone),
        agentIds: group.map((k) => k.agent.id),
      });
      const byAgent = new Map<number, AgentState[]>();
      for (const s of states) byAgent.set(s.agentId, [...(byAgent.get(s.agentId) ?? []), s]);
      for (const key of group) {
        answers.set(scheduleKey(key), {
          items: toItems(byAgent.get(key.agent.id) ?? [], site.timeZone),
        });
      }
    }
    return keys.map((k) => answers.get(scheduleKey(k)) ?? { items: [] });
  };
}

function scheduleKey(key: ScheduleKey): string {
  return `${key.agent.siteId}|${key.agent.id}|${key.from}|${key.to}`;
}

const server = new ApolloServer<Context>({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT ?? 0) },
  context: async ({ req }) => {
    const authorization = req.headers.authorization ?? '';
    if (!/^Bearer \S+$/.test(authorization)) {
      throw new GraphQLError('A Bearer token is required.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    const auth = new AuthApi(`${upstream}/auth/v3/`, authorization);
    const wfm = new WfmRestApi(`${upstream}/wfm/api/v3/`, authorization);
    const soap = newSoap(authorization, async () => (await wfm.userInfo()).userId);
    const sites = new DataLoader<number, Site | null>((ids) =>
      Promise.all(ids.map((id) => soap.getSite(id))),
    );
    const schedules = new DataLoader(scheduleLoader(soap, sites), { cacheKeyFn: scheduleKey });
    return { auth, soap, sites, schedules };
  },
});
console.log(`Apollo peer listening on ${url}`);
