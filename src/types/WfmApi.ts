import type { CallContext } from './CallContext.js';

/**
 * Answer of `GET /wfm/api/v3/system/userinfo`. Genesys documents only "userId, user type, and
 * other details" (genesys-facts §2); these field names are our reconstruction, so every field
 * but `userId` and `userType` is optional.
 */
export interface WfmUserInfo {
  userId: number;
  userType: 'AGENT' | 'SUPERVISOR';
  userName?: string;
  firstName?: string;
  lastName?: string;
  siteId?: number;
  buId?: number;
  timeZone?: string;
}

/** WFM REST as the gateway uses it; 403 → `UpstreamError` FORBIDDEN reason WFM_NOT_PROVISIONED. */
export interface WfmApi {
  userInfo(ctx: CallContext): Promise<WfmUserInfo>;
}
