import type { CallContext } from '../types/CallContext.js';
import type { WfmSoapApi } from '../types/WfmSoapApi.js';

/**
 * The WFM SOAP client with each call charged to the request's budget (`CallContext.budget`,
 * REQUEST_MAX_UPSTREAM_CALLS) BEFORE it goes out: a request past its budget fails with
 * `BAD_USER_INPUT` (`extensions.limit = UPSTREAM_CALLS`) and sends nothing more. It sits OUTSIDE
 * the response cache (src/createUpstreams.ts): a hit counts too, so whether a request fits does
 * not depend on what other requests cached, and a refusal is never shared with a call that joined
 * another's in flight.
 */
export function budgetedSoap(soap: WfmSoapApi): WfmSoapApi {
  return {
    getSites: (ctx, siteIds) => charge(ctx, () => soap.getSites(ctx, siteIds)),
    getTeams: (ctx, filter) => charge(ctx, () => soap.getTeams(ctx, filter)),
    getAgents: (ctx, filter) => charge(ctx, () => soap.getAgents(ctx, filter)),
    getAgentStates: (ctx, query) => charge(ctx, () => soap.getAgentStates(ctx, query)),
    dropSession: (tokenHash) => soap.dropSession(tokenHash),
  };
}

function charge<T>(ctx: CallContext, call: () => Promise<T>): Promise<T> {
  try {
    ctx.budget?.chargeCall();
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return call();
}
