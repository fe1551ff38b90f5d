/**
 * The WFM objects as the resolvers receive them, whichever platform answered: Genesys Engage
 * (WFM 8.5, integer ids, `WfmSoapApi` records fit as they are) or Genesys Cloud (GUIDs: a
 * management unit is a site, a user an agent). Resolvers only pass ids back to the loaders and
 * print them, so an id is opaque to them.
 */

/** A WFM object id: WFM 8.5's positive integers on Engage, GUID strings on Genesys Cloud. */
export type WfmId = number | string;

/** A site (Engage) or management unit (Cloud). */
export interface SiteRecord {
  id: WfmId;
  name: string;
  /** IANA zone; schedule times of the site are emitted with its offset. */
  timeZone: string;
}

export interface TeamRecord {
  id: WfmId;
  siteId: WfmId;
  name: string;
}

export interface AgentRecord {
  id: WfmId;
  firstName: string | null;
  lastName: string | null;
  siteId: WfmId;
  teamId: WfmId | null;
}

/** How WFM knows the caller (Engage `/system/userinfo`; Cloud `users/me` + `agents/me/managementunit`). */
export interface WfmUserRecord {
  userId: WfmId;
  userType: 'AGENT' | 'SUPERVISOR';
  userName?: string;
  firstName?: string;
  lastName?: string;
  /** The agent's own site (Engage when WFM reports it; Cloud: the agent's management unit). */
  siteId?: WfmId;
  timeZone?: string;
}
