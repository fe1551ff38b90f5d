import { isUpstreamError, type UpstreamService } from '../errors/UpstreamError.js';
import type { AuthApi } from '../types/AuthApi.js';
import type { CallContext } from '../types/CallContext.js';
import type { CloudApi } from '../types/CloudApi.js';
import type { WfmApi } from '../types/WfmApi.js';
import type { WfmSoapApi } from '../types/WfmSoapApi.js';
import type { UpstreamCounters, UpstreamOutcome } from './UpstreamCounters.js';

/*
 * The counting layer of the upstream stack (src/createUpstreams.ts), one decorator per client:
 * every call that reaches the client is counted by service, method and outcome (one logical call
 * each: retries inside the HTTP client are not seen here), into `counters` and the request's
 * `CallContext.tally`. Operations are the client method names (`getAgentStates`), never data;
 * `dropSession` is local and not counted. Put it inside the response cache, so only calls that
 * reach Genesys count.
 */

/** The Authentication API client, counted. */
export function countedAuth(auth: AuthApi, counters: UpstreamCounters): AuthApi {
  const count = counting(counters, 'auth');
  return {
    userInfo: (ctx) => count('userInfo', ctx, auth.userInfo(ctx)),
    openIdUserInfo: (ctx) => count('openIdUserInfo', ctx, auth.openIdUserInfo(ctx)),
    ping: (ctx) => count('ping', ctx, auth.ping(ctx)),
    signOut: (ctx, global) => count('signOut', ctx, auth.signOut(ctx, global)),
    changePassword: (ctx, input) => count('changePassword', ctx, auth.changePassword(ctx, input)),
    exchangeCode: (input) => count('exchangeCode', undefined, auth.exchangeCode(input)),
  };
}

/** The WFM REST client, counted. */
export function countedWfm(wfm: WfmApi, counters: UpstreamCounters): WfmApi {
  const count = counting(counters, 'wfm');
  return { userInfo: (ctx) => count('userInfo', ctx, wfm.userInfo(ctx)) };
}

/** The WFM SOAP client, counted. */
export function countedSoap(soap: WfmSoapApi, counters: UpstreamCounters): WfmSoapApi {
  const count = counting(counters, 'wfm-soap');
  return {
    getSites: (ctx, siteIds) => count('getSites', ctx, soap.getSites(ctx, siteIds)),
    getTeams: (ctx, filter) => count('getTeams', ctx, soap.getTeams(ctx, filter)),
    getAgents: (ctx, filter) => count('getAgents', ctx, soap.getAgents(ctx, filter)),
    getAgentStates: (ctx, query) => count('getAgentStates', ctx, soap.getAgentStates(ctx, query)),
    dropSession: (tokenHash) => soap.dropSession(tokenHash),
  };
}

/** The Genesys Cloud Platform API client, counted (service `cloud`). */
export function countedCloud(cloud: CloudApi, counters: UpstreamCounters): CloudApi {
  const count = counting(counters, 'cloud');
  return {
    me: (ctx) => count('me', ctx, cloud.me(ctx)),
    myManagementUnitId: (ctx) => count('myManagementUnitId', ctx, cloud.myManagementUnitId(ctx)),
    managementUnits: (ctx) => count('managementUnits', ctx, cloud.managementUnits(ctx)),
    managementUnitUserIds: (ctx, muId) =>
      count('managementUnitUserIds', ctx, cloud.managementUnitUserIds(ctx, muId)),
    users: (ctx, ids) => count('users', ctx, cloud.users(ctx, ids)),
    teams: (ctx) => count('teams', ctx, cloud.teams(ctx)),
    activityCodes: (ctx, buId) => count('activityCodes', ctx, cloud.activityCodes(ctx, buId)),
    searchSchedules: (ctx, query) =>
      count('searchSchedules', ctx, cloud.searchSchedules(ctx, query)),
    mySchedule: (ctx, range) => count('mySchedule', ctx, cloud.mySchedule(ctx, range)),
    myTimeOffRequests: (ctx) => count('myTimeOffRequests', ctx, cloud.myTimeOffRequests(ctx)),
    unitTimeOffRequests: (ctx, query) =>
      count('unitTimeOffRequests', ctx, cloud.unitTimeOffRequests(ctx, query)),
    submitTimeOff: (ctx, input) => count('submitTimeOff', ctx, cloud.submitTimeOff(ctx, input)),
    cancelTimeOff: (ctx, id) => count('cancelTimeOff', ctx, cloud.cancelTimeOff(ctx, id)),
    reviewTimeOff: (ctx, review) => count('reviewTimeOff', ctx, cloud.reviewTimeOff(ctx, review)),
  };
}

/** Records one call of `service` when it settles, and passes its outcome on unchanged. */
function counting(counters: UpstreamCounters, service: UpstreamService) {
  return <T>(operation: string, ctx: CallContext | undefined, call: Promise<T>): Promise<T> =>
    call.then(
      (value) => {
        counters.recordUpstreamCall({ service, operation, outcome: 'ok' }, ctx?.tally);
        return value;
      },
      (error: unknown) => {
        counters.recordUpstreamCall(
          { service, operation, ...upstreamOutcomeOf(error) },
          ctx?.tally,
        );
        throw error;
      },
    );
}

/**
 * The outcome label of a failed call: the `UpstreamError` kind and status, `ABORTED` for an
 * abort or timeout signal's reason, `ERROR` otherwise.
 */
export function upstreamOutcomeOf(error: unknown): { outcome: UpstreamOutcome; status?: number } {
  if (isUpstreamError(error))
    return error.status === undefined
      ? { outcome: error.kind }
      : { outcome: error.kind, status: error.status };
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return { outcome: 'ABORTED' };
  return { outcome: 'ERROR' };
}
