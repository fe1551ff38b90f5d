import type { SimAgent, SimSite, SimStateInfo, SimTeam, SimWorld } from '../data/model.js';

/** Lookups over a seeded world, built once per world (the world does not change after seeding). */
export interface WorldIndex {
  siteById: Map<number, SimSite>;
  teamsBySite: Map<number, SimTeam[]>;
  agentsBySite: Map<number, SimAgent[]>;
  agentById: Map<number, SimAgent>;
  /** `${type}:${stateId}` → state info. */
  stateInfoByKey: Map<string, SimStateInfo>;
}

const indexes = new WeakMap<SimWorld, WorldIndex>();

/** The index of `world`, built on first use; lists are in id order. */
export function worldIndex(world: SimWorld): WorldIndex {
  let index = indexes.get(world);
  if (index === undefined) {
    index = {
      siteById: new Map(world.sites.map((s) => [s.id, s])),
      teamsBySite: groupBy(
        [...world.teams].sort((a, b) => a.id - b.id),
        (t) => t.siteId,
      ),
      agentsBySite: groupBy(
        [...world.agents].sort((a, b) => a.id - b.id),
        (a) => a.siteId,
      ),
      agentById: new Map(world.agents.map((a) => [a.id, a])),
      stateInfoByKey: new Map(world.stateInfos.map((i) => [`${i.type}:${i.stateId}`, i])),
    };
    indexes.set(world, index);
  }
  return index;
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
