import type { CallContext } from '../../../src/types/CallContext.js';
import type { WfmSoapApi } from '../../../src/types/WfmSoapApi.js';

/**
 * TEST ONLY: plants the node-soap `addHttpHeader` bug (RELIABILITY.md "known traps"): the SOAP
 * client remembers the last caller's token on a shared object and sends it on the next call.
 * Everything else of the call (its request id, its signal) stays the caller's own, as it would.
 */
export function withStickySoapToken(soap: WfmSoapApi): WfmSoapApi {
  let last: CallContext | null = null;
  const sticky = (ctx: CallContext): CallContext => {
    const sent = last ? { ...ctx, token: last.token, tokenHash: last.tokenHash } : ctx;
    last = ctx;
    return sent;
  };
  return {
    getSites: (ctx, ids) => soap.getSites(sticky(ctx), ids),
    getTeams: (ctx, filter) => soap.getTeams(sticky(ctx), filter),
    getAgents: (ctx, filter) => soap.getAgents(sticky(ctx), filter),
    getAgentStates: (ctx, query) => soap.getAgentStates(sticky(ctx), query),
    dropSession: (tokenHash) => soap.dropSession(tokenHash),
  };
}
