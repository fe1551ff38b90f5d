import type { CloudManagementUnitRecord, CloudMe, CloudUserRecord } from '../../types/CloudApi.js';
import type { AgentRecord, SiteRecord, TeamRecord, WfmUserRecord } from '../../types/WfmRecords.js';

/*
 * Genesys Cloud objects as the schema's WFM records (docs/cloud.md has the mapping table): a
 * management unit is a `Site` (with its business unit), a user of one a `Agent`, a team whose
 * members belong to a unit a `Team` of that site.
 */

/** A management unit as a site; `buId` names its business unit (activity codes live there). */
export interface CloudSiteRecord extends SiteRecord {
  id: string;
  buId: string | null;
}

export interface CloudAgentRecord extends AgentRecord {
  id: string;
  siteId: string;
  teamId: string | null;
}

export interface CloudTeamRecord extends TeamRecord {
  id: string;
  siteId: string;
}

export interface CloudWfmUserRecord extends WfmUserRecord {
  userId: string;
  siteId?: string;
}

export function siteOfUnit(unit: CloudManagementUnitRecord): CloudSiteRecord {
  return { id: unit.id, name: unit.name, timeZone: unit.timeZone, buId: unit.businessUnitId };
}

/**
 * A user of a management unit as an agent. Cloud has one display `name`; its first word is the
 * first name and the rest the last name (a one-word name is a first name only).
 */
export function agentOfUser(user: CloudUserRecord, siteId: string): CloudAgentRecord {
  const { firstName, lastName } = splitName(user.name);
  return { id: user.id, firstName, lastName, siteId, teamId: user.teamId };
}

/**
 * The caller as WFM sees them: an agent when the Platform API names their management unit
 * (`agents/me/managementunit`), else a supervisor.
 */
export function wfmUserOf(me: CloudMe, managementUnitId: string | null): CloudWfmUserRecord {
  const { firstName, lastName } = splitName(me.name);
  return {
    userId: me.id,
    userType: managementUnitId === null ? 'SUPERVISOR' : 'AGENT',
    ...(me.username === null ? {} : { userName: me.username }),
    ...(firstName === null ? {} : { firstName }),
    ...(lastName === null ? {} : { lastName }),
    ...(managementUnitId === null ? {} : { siteId: managementUnitId }),
  };
}

function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  return {
    firstName: parts[0] ?? null,
    lastName: parts.length > 1 ? parts.slice(1).join(' ') : null,
  };
}
