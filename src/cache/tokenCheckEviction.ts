import type { TokenCheckCache } from './TokenCheckCache.js';
import type { Upstreams } from '../types/Upstreams.js';

/**
 * Forgets a token's remembered check once `signOut` or `changePassword` through the gateway has
 * settled (success or not: dropping is always safe), so the next request with that token is
 * checked upstream again instead of riding on the short-lived cache entry.
 */
export function withTokenCheckEviction(
  upstreams: Upstreams,
  tokenChecks: Pick<TokenCheckCache<object>, 'delete'>,
): Upstreams {
  const { auth } = upstreams;
  return {
    ...upstreams,
    auth: {
      userInfo: (ctx) => auth.userInfo(ctx),
      openIdUserInfo: (ctx) => auth.openIdUserInfo(ctx),
      ping: (ctx) => auth.ping(ctx),
      signOut: (ctx, global) =>
        auth.signOut(ctx, global).finally(() => tokenChecks.delete(ctx.tokenHash)),
      changePassword: (ctx, input) =>
        auth.changePassword(ctx, input).finally(() => tokenChecks.delete(ctx.tokenHash)),
      exchangeCode: (input) => auth.exchangeCode(input),
    },
  };
}
