import type { UpstreamService } from '../../errors/UpstreamError.js';
import type { PreparedRequest } from '../http/types.js';

/**
 * The upstream operations that only read and may therefore be sent twice, per back end. Anything
 * not listed is never retried: `sign-out`, `change-password` and the `oauth/token` exchange
 * change state (or spend a one-time code), and an unknown operation is assumed to.
 * LocateServer and OpenSession are part of the read-only session handshake: a repeated
 * OpenSession only opens a session that is never used.
 */
export const RETRYABLE_READS: Readonly<Record<UpstreamService, ReadonlySet<string>>> = {
  auth: new Set(['userinfo', 'openid/userinfo']),
  wfm: new Set(['system/userinfo']),
  'wfm-soap': new Set([
    'LocateServer',
    'OpenSession',
    'GetSite',
    'GetTeam',
    'GetAgent',
    'GetAgentState',
  ]),
  // Genesys Cloud reads; the schedule searches are POSTs that only read (see isReadRequest).
  cloud: new Set([
    'users/me',
    'users',
    'teams',
    'businessunits',
    'managementunits',
    'managementunits/users',
    'agents/me/managementunit',
    'activitycodes',
    'agentschedules/search',
    'agentschedules/mine',
    'download',
    // Time-off reads; the writes (timeoffrequests/submit, /cancel, /review) are never retried.
    'timeoffrequests',
    'managementunits/timeoffrequests/query',
    'managementunits/users/timeoffrequests',
  ]),
};

/** Whether `request` to `service` is a listed read (REST reads must also be GETs). */
export function isReadRequest(service: UpstreamService, request: PreparedRequest): boolean {
  if (!RETRYABLE_READS[service].has(request.operation)) return false;
  if (service === 'wfm-soap') return true;
  if (service === 'cloud' && request.operation.startsWith('agentschedules/')) return true;
  if (service === 'cloud' && request.operation === 'managementunits/timeoffrequests/query')
    return true;
  return request.method === 'GET' && request.idempotent;
}
