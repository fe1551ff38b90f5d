import { instantToOle, oleToInstant } from '../time/ole.js';
import type { SimStateType } from '../data/model.js';
import { intList, optionalEnum, optionalInt, requiredDouble, requiredInt } from './args.js';
import { requireSession, type SoapCall } from './SoapCall.js';
import { SoapFault } from './SoapFault.js';
import { stateTypeNumber } from './stateTypes.js';
import { requireSite } from './visibility.js';
import { worldIndex } from './worldIndex.js';
import { esc } from './xml.js';

/** Longest range one GetAgentState call may ask for, in days (about a quarter). */
export const MAX_AGENT_STATE_RANGE_DAYS = 93;
/** OLE dates of 1900-01-01 and 9999-12-31: the range WFM's OleDateTime handles. */
const MIN_OLE = 2;
const MAX_OLE = 2_958_465;

/**
 * `GetAgentState(source?, scenarioId?, siteId, startDateTime, endDateTime, teamId*, agentId*)
 * → SchAgentStateHolder` (WFMScheduleService852). Times are OLE dates in the site's local time;
 * the answer holds every state overlapping the half-open range, unclipped, ordered by agent id and
 * start, plus the state-info lookup for the states it holds. An agent may ask for their own
 * schedule only: no `agentId` filter, or any other agent, is INSUFFICIENT_PRIVILEGES.
 */
export function getAgentState(call: SoapCall): string {
  const { scope } = requireSession(call);
  const { args, env } = call;
  const source = optionalEnum(args, 'source', [
    'SCH_SOURCE_COMMITTED',
    'SCH_SOURCE_SCENARIO',
  ] as const);
  const scenarioId = optionalInt(args, 'scenarioId') ?? 0;
  const siteId = requiredInt(args, 'siteId');
  const start = requiredDouble(args, 'startDateTime');
  const end = requiredDouble(args, 'endDateTime');
  const teamIds = new Set(intList(args, 'teamId'));
  const agentIds = new Set(intList(args, 'agentId'));
  if (source === 'SCH_SOURCE_SCENARIO')
    throw new SoapFault('NOT_FOUND', `Scenario ${scenarioId} does not exist`);
  if (scenarioId !== 0)
    throw new SoapFault('INVALID_ARGUMENT', 'scenarioId must be 0 for the committed schedule');
  if (start < MIN_OLE || end > MAX_OLE)
    throw new SoapFault('INVALID_ARGUMENT', 'Dates out of range');
  if (!(end > start))
    throw new SoapFault('INVALID_ARGUMENT', 'endDateTime must be after startDateTime');
  if (end - start > MAX_AGENT_STATE_RANGE_DAYS) {
    throw new SoapFault('INVALID_ARGUMENT', `Range longer than ${MAX_AGENT_STATE_RANGE_DAYS} days`);
  }
  const site = requireSite(scope, env.world, siteId);
  if (scope.ownAgentId !== null) {
    const onlyOwn = agentIds.size > 0 && [...agentIds].every((id) => id === scope.ownAgentId);
    if (!onlyOwn)
      throw new SoapFault('INSUFFICIENT_PRIVILEGES', 'Agents may read only their own schedule');
  }

  const zone = site.timeZone;
  const fromMs = oleToInstant(start, zone);
  const toMs = oleToInstant(end, zone);
  const index = worldIndex(env.world);
  const usedInfos = new Map<string, { type: SimStateType; stateId: number }>();
  const states: string[] = [];
  let agents = 0;
  for (const agent of index.agentsBySite.get(site.id) ?? []) {
    if (teamIds.size > 0 && !teamIds.has(agent.teamId)) continue;
    if (agentIds.size > 0 && !agentIds.has(agent.id)) continue;
    agents++;
    const own = env.world
      .statesFor(agent.id, fromMs, toMs)
      .filter((s) => s.endMs > fromMs && s.startMs < toMs)
      .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    for (const s of own) {
      const key = `${s.type}:${s.stateId}`;
      if (!usedInfos.has(key)) usedInfos.set(key, { type: s.type, stateId: s.stateId });
      states.push(
        `<schAgentState><gswAgentId>${agent.id}</gswAgentId>` +
          `<wmStateType>${stateTypeNumber(s.type)}</wmStateType><wmStateId>${s.stateId}</wmStateId>` +
          `<wmStartDateTime>${instantToOle(s.startMs, zone)}</wmStartDateTime>` +
          `<wmEndDateTime>${instantToOle(s.endMs, zone)}</wmEndDateTime>` +
          `<wmFullDay>${s.fullDay}</wmFullDay><wmPaid>${s.paid}</wmPaid></schAgentState>`,
      );
    }
  }

  const infos = [...usedInfos.entries()]
    .map(([key, info]) => ({
      ...info,
      number: stateTypeNumber(info.type),
      name: index.stateInfoByKey.get(key)?.name,
    }))
    .sort((a, b) => a.number - b.number || a.stateId - b.stateId)
    .map(
      (i) =>
        `<schStateInfo><wmStateType>${i.number}</wmStateType><wmStateId>${i.stateId}</wmStateId>` +
        `<wmName>${esc(i.name ?? `${i.type} ${i.stateId}`)}</wmName></schStateInfo>`,
    );
  env.note({
    siteId,
    agents,
    states: states.length,
    agentIds: agentIds.size,
    teamIds: teamIds.size,
  });
  return (
    `<GetAgentStateResult>${infos.join('')}<schStateInfoNSizeIs>${infos.length}</schStateInfoNSizeIs>` +
    `${states.join('')}<schAgentStateNSizeIs>${states.length}</schAgentStateNSizeIs></GetAgentStateResult>`
  );
}
