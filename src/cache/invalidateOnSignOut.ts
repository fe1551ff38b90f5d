import type { Invalidation } from './Invalidation.js';
import type { CallContext } from '../types/CallContext.js';
import type { Upstreams } from '../types/Upstreams.js';

/**
 * Sign-out and password change through the gateway, followed by the invalidation they call for
 * once the call has settled (success or not: dropping is always safe): `signOut(global: false)`
 * drops the token; `signOut(global: true)` and `changePassword` drop every token of the user
 * (`CallContext.userKey`), so the user's other tokens are checked upstream again at once instead
 * of riding on cached answers and token checks (issue 10 item 3).
 */
export function withSignOutInvalidation(
  upstreams: Upstreams,
  invalidation: Pick<Invalidation, 'dropToken' | 'dropUser'>,
): Upstreams {
  const { auth } = upstreams;
  const forget = (ctx: CallContext, wholeUser: boolean): void => {
    invalidation.dropToken(ctx.tokenHash);
    if (wholeUser && ctx.userKey !== undefined) invalidation.dropUser(ctx.userKey);
  };
  return {
    ...upstreams,
    auth: {
      userInfo: (ctx) => auth.userInfo(ctx),
      openIdUserInfo: (ctx) => auth.openIdUserInfo(ctx),
      ping: (ctx) => auth.ping(ctx),
      signOut: (ctx, global) => auth.signOut(ctx, global).finally(() => forget(ctx, global)),
      changePassword: (ctx, input) =>
        auth.changePassword(ctx, input).finally(() => forget(ctx, true)),
      exchangeCode: (input) => auth.exchangeCode(input),
    },
  };
}
