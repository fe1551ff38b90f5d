/**
 * Answer of `GET /wfm/api/v3/system/userinfo` as the simulator writes it. Genesys documents only
 * "userId, user type, and other details" (genesys-facts §2); these field names are a
 * reconstruction. The simulator's own copy, independent of the gateway's src/types/WfmApi.ts.
 */
export interface WireWfmUserInfo {
  userId: number;
  userType: 'AGENT' | 'SUPERVISOR';
  userName?: string;
  firstName?: string;
  lastName?: string;
  siteId?: number;
  buId?: number;
  timeZone?: string;
}
