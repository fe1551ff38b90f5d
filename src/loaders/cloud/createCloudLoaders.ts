import DataLoader from 'dataloader';
import type { CallContext } from '../../types/CallContext.js';
import type { CloudActivityCodeRecord, CloudApi } from '../../types/CloudApi.js';
import type { Upstreams } from '../../types/Upstreams.js';
import { CLOUD_IDS } from '../ids/cloudIds.js';
import type { KeyedLoader, Loaders } from '../Loaders.js';
import type { ScheduleKey } from '../records.js';
import { SingleLoader } from '../SingleLoader.js';
import { cloudScheduleByAgentRange, cloudScheduleCacheKey } from './cloudScheduleByAgentRange.js';
import { agentsOfUnit, teamsOfAgents } from './cloudPeople.js';
import {
  agentOfUser,
  siteOfUnit,
  wfmUserOf,
  type CloudAgentRecord,
  type CloudSiteRecord,
  type CloudTeamRecord,
  type CloudWfmUserRecord,
} from './cloudRecords.js';

/**
 * The per-request loaders on Genesys Cloud (GENESYS_PLATFORM=cloud), behind the same `Loaders`
 * as Engage's, over the Platform API client of the upstream stack (cached per caller, counted,
 * retried, behind the `cloud` breaker). What each costs, cold (docs/cloud.md):
 *
 * - `sitesAll`, `siteById`: `GET managementunits` once per request (ids answered from that list).
 * - `agentsBySite`: per unit `managementunits/{id}/users` + `users?id=` per 100 members; primes
 *   `agentById`.
 * - `teamsBySite`: the unit's agents' teams, named by `GET teams` once per request;
 *   `teamById` and `agentsByTeam` read every visible unit's agents (teams are not per unit).
 * - `scheduleByAgentRange`: see `cloudScheduleByAgentRange` (one search per unit and range).
 * - `wfmUser`: `users/me` + `agents/me/managementunit`.
 *
 * Ids are GUIDs (`ids`). DataLoader batches share the Engage loaders' per-request caching.
 */
export function createCloudLoaders(
  upstreams: Upstreams & { cloud: CloudApi },
  call: CallContext,
): Loaders {
  const { cloud } = upstreams;
  const strings = { cache: true } as const;

  const units = new SingleLoader(async () => (await cloud.managementUnits(call)).map(siteOfUnit));
  const site = new DataLoader<string, CloudSiteRecord | null>(async (ids) => {
    const byId = new Map((await units.load()).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id) ?? null);
  }, strings);

  const members = new Map<string, ReadonlySet<string>>();
  const agent = new DataLoader<string, CloudAgentRecord | null>((ids) => agentsById(ids), strings);
  const agentsOfSite = new DataLoader<string, CloudAgentRecord[]>(
    (muIds) =>
      Promise.all(
        muIds.map(async (muId) => {
          try {
            const agents = await agentsOfUnit(cloud, call, muId, (id) => site.load(id));
            members.set(muId, new Set(agents.map((a) => a.id)));
            for (const a of agents) agent.prime(a.id, a);
            return agents;
          } catch (error) {
            return toError(error);
          }
        }),
      ),
    strings,
  );
  const everyAgent = new SingleLoader(async () => {
    const lists = await agentsOfSite.loadMany((await units.load()).map((s) => s.id));
    const failed = lists.find((l): l is Error => l instanceof Error);
    if (failed !== undefined) throw failed;
    return (lists as CloudAgentRecord[][]).flat();
  });
  const teamNames = new SingleLoader(
    async () => new Map((await cloud.teams(call)).map((t) => [t.id, t.name])),
  );
  const everyTeam = new SingleLoader(async () => {
    const [agents, names] = await Promise.all([everyAgent.load(), teamNames.load()]);
    return teamsOfAgents(agents, names);
  });
  const caller = new SingleLoader<CloudWfmUserRecord>(async () => {
    const [me, muId] = await Promise.all([cloud.me(call), cloud.myManagementUnitId(call)]);
    return wfmUserOf(me, muId);
  });
  const knownCaller = async () => {
    const pending = caller.peek();
    return pending === undefined ? null : pending.catch(() => null);
  };
  const codes = new DataLoader<string, ReadonlyMap<string, CloudActivityCodeRecord>>(
    (buIds) =>
      Promise.all(
        buIds.map(
          async (buId) => new Map((await cloud.activityCodes(call, buId)).map((c) => [c.id, c])),
        ),
      ),
    strings,
  );

  async function agentsById(ids: readonly string[]): Promise<(CloudAgentRecord | null | Error)[]> {
    // An agent may read their own user record but not list their unit: answer them from it.
    const me = await knownCaller();
    const ownId = me?.userType === 'AGENT' && me.siteId !== undefined ? me.userId : null;
    let everyone: Map<string, CloudAgentRecord> | Error | null = null;
    if (ids.some((id) => id !== ownId)) {
      try {
        everyone = new Map((await everyAgent.load()).map((a) => [a.id, a]));
      } catch (error) {
        everyone = toError(error);
      }
    }
    let own: CloudAgentRecord | null | Error = null;
    if (ownId !== null && ids.includes(ownId)) {
      try {
        const [user] = await cloud.users(call, [ownId]);
        own = user === undefined ? null : agentOfUser(user, me?.siteId ?? '');
      } catch (error) {
        own = toError(error);
      }
    }
    return ids.map((id) =>
      id === ownId ? own : everyone instanceof Error ? everyone : (everyone?.get(id) ?? null),
    );
  }

  const schedule = new DataLoader(
    cloudScheduleByAgentRange({
      cloud,
      call,
      siteOf: (id) => site.load(id),
      codesOf: async (buId) => (buId === null ? new Map() : codes.load(buId)),
      knownCaller,
      caller: () => caller.load().catch(() => null),
      knownMembers: (muId) => members.get(muId),
    }),
    { cache: true, cacheKeyFn: cloudScheduleCacheKey },
  );

  return {
    ids: CLOUD_IDS,
    sitesAll: units,
    siteById: stringKeys(site),
    teamsBySite: stringKeys(
      new DataLoader<string, CloudTeamRecord[]>(async (muIds) => {
        const names = teamNames.load();
        return Promise.all(
          muIds.map(async (muId) => {
            try {
              return teamsOfAgents(await agentsOfSite.load(muId), await names);
            } catch (error) {
              return toError(error);
            }
          }),
        );
      }, strings),
    ),
    teamById: stringKeys(
      new DataLoader<string, CloudTeamRecord | null>(async (ids) => {
        const byId = new Map((await everyTeam.load()).map((t) => [t.id, t]));
        return ids.map((id) => byId.get(id) ?? null);
      }, strings),
    ),
    agentsBySite: stringKeys(agentsOfSite),
    agentsByTeam: stringKeys(
      new DataLoader<string, CloudAgentRecord[]>(async (teamIds) => {
        const agents = await everyAgent.load();
        return teamIds.map((teamId) => agents.filter((a) => a.teamId === teamId));
      }, strings),
    ),
    agentById: stringKeys(agent),
    scheduleByAgentRange: {
      load: (key) => {
        const k = stringScheduleKey(key);
        return k === null ? Promise.reject(notString()) : schedule.load(k);
      },
      loadMany: (keys) =>
        Promise.all(
          keys.map((key) => {
            const k = stringScheduleKey(key);
            return k === null ? notString() : schedule.load(k).catch((e: Error) => e);
          }),
        ),
    },
    wfmUser: caller,
    openId: new SingleLoader(() => upstreams.auth.openIdUserInfo(call)),
  };
}

/** A Cloud loader behind the platform-neutral interface; an integer id is a wiring error. */
function stringKeys<V>(loader: DataLoader<string, V>): KeyedLoader<number | string, V> {
  return {
    load: (key) => (typeof key === 'string' ? loader.load(key) : Promise.reject(notString())),
    loadMany: (keys) =>
      Promise.all(
        keys.map((key) =>
          typeof key === 'string' ? loader.load(key).catch((e: Error) => e) : notString(),
        ),
      ),
  };
}

function stringScheduleKey(key: ScheduleKey<number | string>): ScheduleKey<string> | null {
  const { siteId, agentId } = key;
  return typeof siteId === 'string' && typeof agentId === 'string'
    ? { siteId, agentId, fromMs: key.fromMs, toMs: key.toMs }
    : null;
}

function notString(): Error {
  return new TypeError('Genesys Cloud loaders take GUID ids; a WFM integer id reached them');
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
