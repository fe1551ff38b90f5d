import type { QueryResolvers } from '../../__generated__/resolvers-types.js';
import type { GatewayContext } from '../GatewayContext.js';
import type { AgentRecord, WfmId } from '../../types/WfmRecords.js';
import { GatewayError } from '../../errors/GatewayError.js';
import { isUpstreamError } from '../../errors/UpstreamError.js';
import { parseRange } from '../input/parseRange.js';
import { charged } from '../../shared/RequestBudget.js';

/** `Query` fields of the schedule domain. */
export const scheduleQuery: QueryResolvers = {
  schedules: async (_root, args, ctx) => {
    const { ids } = ctx.loaders;
    const siteId = ids.parse(args.siteId, 'siteId');
    const { fromMs, toMs } = parseRange(args.from, args.to, ctx.limits.maxScheduleRangeDays);
    const max = ctx.limits.maxListArgument;
    const agentIds = args.agentIds ? ids.parseList(args.agentIds, 'agentIds', max) : null;
    const teamIds = args.teamIds ? ids.parseList(args.teamIds, 'teamIds', max) : null;
    const agents = charged(ctx.call.budget, await selectAgents(ctx, siteId, agentIds, teamIds));
    return Promise.all(
      agents.map((agent) =>
        ctx.loaders.scheduleByAgentRange.load({ siteId, agentId: agent.id, fromMs, toMs }),
      ),
    );
  },
};

/**
 * The agents whose schedules `schedules` returns (see its SDL description). Agent and team
 * lookups go through the batching loaders: one GetAgent whatever the number of ids.
 */
async function selectAgents(
  ctx: GatewayContext,
  siteId: WfmId,
  agentIds: readonly WfmId[] | null,
  teamIds: readonly WfmId[] | null,
): Promise<AgentRecord[]> {
  const { loaders } = ctx;
  let agents: AgentRecord[];
  if (agentIds !== null) {
    const found = await loaders.agentById.loadMany(agentIds);
    agents = found.filter(
      (agent): agent is AgentRecord => agent !== null && !(agent instanceof Error),
    );
    const failure = found.find((agent): agent is Error => agent instanceof Error);
    if (failure !== undefined) throw failure;
  } else if (teamIds !== null) {
    agents = (await Promise.all(teamIds.map((teamId) => loaders.agentsByTeam.load(teamId)))).flat();
  } else {
    return loaders.agentsBySite.load(siteId).catch((error: unknown) => {
      throw unknownSite(error, siteId);
    });
  }
  const teams = teamIds === null ? null : new Set(teamIds);
  return agents.filter(
    (agent) =>
      agent.siteId === siteId &&
      (teams === null || (agent.teamId !== null && teams.has(agent.teamId))),
  );
}

/**
 * WFM answers an unknown or invisible site with a fault that names the SOAP operation only; the
 * caller sent a site id, so the error names that (the two cases stay indistinguishable, as WFM
 * keeps them). Any other failure passes unchanged.
 */
function unknownSite(error: unknown, siteId: WfmId): unknown {
  if (!isUpstreamError(error) || error.kind !== 'NOT_FOUND') return error;
  return GatewayError.notFound(`siteId: no site ${siteId} that you may see.`, {
    argument: 'siteId',
  });
}
