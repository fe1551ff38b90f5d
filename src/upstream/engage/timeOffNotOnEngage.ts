import { GatewayError } from '../../errors/GatewayError.js';
import type { TimeOffApi } from '../../types/TimeOffApi.js';

/*
 * Time off on GENESYS_PLATFORM=engage. WFM 8.5 has time-off requests, but the SOAP operations
 * for them are not in any public source the gateway could be built from (its published WSDLs
 * cover ConfigService and ScheduleService only), so every time-off field answers a typed
 * NOT_SUPPORTED naming the platform instead of guessing at a wire format. The inverse of
 * upstream/cloud/notOnCloud.ts.
 */
const cloudOnly = () =>
  Promise.reject(
    GatewayError.notSupported(
      'Time-off requests are served on Genesys Cloud only; this gateway runs on Genesys Engage (WFM 8.5), whose SOAP API publishes no time-off operations.',
    ),
  );

export const timeOffNotOnEngage: TimeOffApi = {
  myTimeOffRequests: cloudOnly,
  unitTimeOffRequests: cloudOnly,
  submitTimeOff: cloudOnly,
  cancelTimeOff: cloudOnly,
  reviewTimeOff: cloudOnly,
};
