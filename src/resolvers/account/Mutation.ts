import type {
  ChangePasswordPayload,
  MutationResolvers,
} from '../../__generated__/resolvers-types.js';
import type { GatewayContext } from '../GatewayContext.js';
import { isUpstreamError } from '../../errors/UpstreamError.js';

const REFUSED_MESSAGE =
  'The Authentication API refused the password change (wrong current password, or the new one breaks the password policy).';

/** `Mutation` fields of the account domain; they call the Authentication API directly (no loader). */
export const accountMutation: MutationResolvers = {
  changePassword: async (_root, { input }, ctx) => {
    try {
      await ctx.upstreams.auth.changePassword(ctx.call, {
        oldPassword: input.oldPassword,
        newPassword: input.newPassword,
        ...(input.userName != null ? { userName: input.userName } : {}),
      });
    } catch (error) {
      const refused = refusal(error);
      if (refused !== null) return refused;
      throw error;
    }
    forgetCaller(ctx);
    return { success: true, message: 'Password changed.', error: null };
  },
  signOut: async (_root, args, ctx) => {
    const global = args.global ?? false;
    await ctx.upstreams.auth.signOut(ctx.call, global);
    forgetCaller(ctx);
    return { success: true, global };
  },
};

/**
 * The payload for the refusals a change-password form must handle: Genesys documents
 * `403 "Unable to update password"` for them (and a 400 is the same kind of answer). A 403 that
 * is the gateway's API key, and every other failure, stays an entry in `errors`.
 */
function refusal(error: unknown): ChangePasswordPayload | null {
  if (!isUpstreamError(error) || error.service !== 'auth') return null;
  if (error.kind === 'FORBIDDEN' && error.reason !== 'INVALID_API_KEY') {
    return {
      success: false,
      message: REFUSED_MESSAGE,
      error: {
        code: 'FORBIDDEN',
        reason: error.reason ?? 'UPSTREAM_FORBIDDEN',
        message: REFUSED_MESSAGE,
      },
    };
  }
  if (error.kind === 'BAD_REQUEST') {
    return {
      success: false,
      message: REFUSED_MESSAGE,
      error: { code: 'BAD_USER_INPUT', message: REFUSED_MESSAGE },
    };
  }
  return null;
}

/**
 * The caller's credentials changed: drop their SOAP session. (The upstream decorators also drop the
 * token's cached answers, SOAP session and remembered token check once the call settles; see
 * `cache/cachedUpstreams.ts` and `cache/tokenCheckEviction.ts`. This keeps the session drop even
 * for a gateway composed without them.)
 */
function forgetCaller(ctx: GatewayContext): void {
  ctx.upstreams.soap.dropSession(ctx.call.tokenHash);
}
