import type { WfmApi } from '../types/WfmApi.js';
import type { UpstreamError } from '../errors/UpstreamError.js';
import type { CallContext } from '../types/CallContext.js';
import { callerLeft } from '../errors/callerLeft.js';

/**
 * The per-request memo layer of the upstream stack (src/createUpstreams.ts): shares WFM REST
 * `/system/userinfo` within one request (`CallContext.memo`). The `wfmUser` loader and the WFM
 * SOAP session handshake both need it, and without this a request that touches SOAP on a cold
 * cache asked for it twice. Calls without a memo pass straight through. Put it outermost (outside
 * the response cache), so even with caching off a request asks once.
 */
export function withRequestMemo(wfm: WfmApi): WfmApi {
  return {
    userInfo: (ctx) =>
      ctx.memo
        ? ctx.memo.once('wfm.userInfo', () => wfm.userInfo(unsignalled(ctx)), ctx.signal, ended)
        : wfm.userInfo(ctx),
  };
}

/**
 * The call without the caller's signal and deadline: like every call shared between callers
 * (see `RequestMemo`), it is bounded by the upstream deadline instead.
 */
function unsignalled(ctx: CallContext): CallContext {
  return {
    token: ctx.token,
    tokenHash: ctx.tokenHash,
    requestId: ctx.requestId,
    tally: ctx.tally,
    memo: ctx.memo,
  };
}

function ended(signal: AbortSignal): UpstreamError {
  return callerLeft(signal, 'wfm', 'system/userinfo');
}
