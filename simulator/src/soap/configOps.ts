import type { SimSite } from '../data/model.js';
import { intList, optionalEnum, optionalObject, optionalString } from './args.js';
import type { XmlObject } from './parseEnvelope.js';
import { requireSession, type SoapCall } from './SoapCall.js';
import { requireSite, type WfmScope } from './visibility.js';
import { worldIndex } from './worldIndex.js';
import { el } from './xml.js';

/**
 * WFMConfigService850: `GetSite`, `GetTeam`, `GetAgent` over what the caller's scope covers.
 * Filters are lists of ids, ANDed; an empty list does not restrict. Site ids named in a team or
 * agent filter must exist (NOT_FOUND) and be visible (INSUFFICIENT_PRIVILEGES); team and agent ids
 * only narrow the answer.
 */

/** `GetSite(filter?, sortMode?, infoType?) → CfgSiteHolder`. */
export function getSite(call: SoapCall): string {
  const { scope } = requireSession(call);
  const filter = optionalObject(call.args, 'filter') ?? {};
  const buIds = intList(filter, 'wmBUId');
  const siteIds = intList(filter, 'wmSiteId');
  optionalString(filter, 'cfgSnapshotID');
  const sortMode = optionalEnum(call.args, 'sortMode', [
    'CFG_SITE_SORT_NONE',
    'CFG_SITE_SORT_NAME',
  ] as const);
  const infoType = optionalEnum(call.args, 'infoType', [
    'CFG_INFO_OBJECT',
    'CFG_INFO_OBJECT_SHORT',
  ] as const);
  const index = worldIndex(call.env.world);
  const sites = scope.siteIds
    .map((id) => index.siteById.get(id))
    .filter((s): s is SimSite => s !== undefined)
    .filter(
      (s) =>
        (buIds.length === 0 || buIds.includes(s.buId)) &&
        (siteIds.length === 0 || siteIds.includes(s.id)),
    );
  if (sortMode === 'CFG_SITE_SORT_NAME')
    sites.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  call.env.note({ sites: sites.length });
  let full = '';
  let short = '';
  if (infoType === 'CFG_INFO_OBJECT_SHORT') {
    for (const s of sites)
      short += `<objectShortArray>${el('wmSiteId', s.id)}${el('wmName', s.name)}</objectShortArray>`;
  } else {
    for (const s of sites) {
      full +=
        `<objectArray>${el('wmSiteId', s.id)}${el('wmBUId', s.buId)}` +
        `${el('wmName', s.name)}${el('wmTimeZone', s.timeZone)}</objectArray>`;
    }
  }
  const fullCount = infoType === 'CFG_INFO_OBJECT_SHORT' ? 0 : sites.length;
  const shortCount = sites.length - fullCount;
  return (
    `<GetSiteResult>${full}${el('objectArrayNSizeIs', fullCount)}` +
    `${short}${el('objectShortArrayNSizeIs', shortCount)}</GetSiteResult>`
  );
}

/** `GetTeam(filter{wmSiteId*, wmTeamId*}) → CfgTeamHolder`. */
export function getTeam(call: SoapCall): string {
  const { scope } = requireSession(call);
  const filter = optionalObject(call.args, 'filter') ?? {};
  const sites = filterSites(call, scope, filter);
  const teamIds = intList(filter, 'wmTeamId');
  const index = worldIndex(call.env.world);
  let out = '';
  let count = 0;
  for (const siteId of sites) {
    for (const t of index.teamsBySite.get(siteId) ?? []) {
      if (teamIds.length > 0 && !teamIds.includes(t.id)) continue;
      out += `<objectArray>${el('wmTeamId', t.id)}${el('wmSiteId', t.siteId)}${el('wmName', t.name)}</objectArray>`;
      count++;
    }
  }
  call.env.note({ siteIds: sites, teams: count });
  return `<GetTeamResult>${out}${el('objectArrayNSizeIs', count)}</GetTeamResult>`;
}

/** `GetAgent(filter{wmSiteId*, wmTeamId*, gswAgentId*}) → CfgAgentHolder`. */
export function getAgent(call: SoapCall): string {
  const { scope } = requireSession(call);
  const filter = optionalObject(call.args, 'filter') ?? {};
  const sites = filterSites(call, scope, filter);
  const teamIds = new Set(intList(filter, 'wmTeamId'));
  const agentIds = new Set(intList(filter, 'gswAgentId'));
  const index = worldIndex(call.env.world);
  const parts: string[] = [];
  for (const siteId of sites) {
    for (const a of index.agentsBySite.get(siteId) ?? []) {
      if (teamIds.size > 0 && !teamIds.has(a.teamId)) continue;
      if (agentIds.size > 0 && !agentIds.has(a.id)) continue;
      parts.push(
        `<objectArray>${el('gswAgentId', a.id)}${el('gswFirstName', a.firstName)}${el('gswLastName', a.lastName)}` +
          `${el('wmSiteId', a.siteId)}${el('wmTeamId', a.teamId)}</objectArray>`,
      );
    }
  }
  call.env.note({ siteIds: sites, agents: parts.length });
  return `<GetAgentResult>${parts.join('')}${el('objectArrayNSizeIs', parts.length)}</GetAgentResult>`;
}

/** Site ids of a team/agent filter, each checked; none given: every site of the scope. */
function filterSites(call: SoapCall, scope: WfmScope, filter: XmlObject): number[] {
  const siteIds = intList(filter, 'wmSiteId');
  if (siteIds.length === 0) return scope.siteIds;
  for (const id of siteIds) requireSite(scope, call.env.world, id);
  return [...new Set(siteIds)].sort((a, b) => a - b);
}
