import { GatewayError } from '../../errors/GatewayError.js';
import type { TimeOffApi } from '../../types/TimeOffApi.js';
import { timeOffNotOnEngage } from '../../upstream/engage/timeOffNotOnEngage.js';
import type { GatewayContext } from '../GatewayContext.js';

/** This deployment's time off: the platform's, or NOT_SUPPORTED where it has none. */
export function timeOffApi(ctx: GatewayContext): TimeOffApi {
  return ctx.upstreams.timeOff ?? timeOffNotOnEngage;
}

const ID = /^[A-Za-z0-9-]{1,100}$/;

/**
 * A time-off id argument (a Genesys Cloud GUID: request, agent, site, activity code). Checked
 * by shape only, so on Engage the field still answers NOT_SUPPORTED rather than an id error.
 *
 * @throws GatewayError BAD_USER_INPUT naming the argument.
 */
export function timeOffId(value: string, argument: string): string {
  if (!ID.test(value))
    throw GatewayError.badUserInput(`${argument}: not a Genesys Cloud id.`, { argument });
  return value;
}
