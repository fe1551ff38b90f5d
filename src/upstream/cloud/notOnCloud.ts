import { GatewayError } from '../../errors/GatewayError.js';
import type { WfmApi } from '../../types/WfmApi.js';
import type { WfmSoapApi } from '../../types/WfmSoapApi.js';

/*
 * The Engage WFM clients on GENESYS_PLATFORM=cloud. The Cloud loaders (src/loaders/cloud) read
 * the WFM data from the Platform API, so nothing should call these; should anything do, it gets
 * a typed NOT_SUPPORTED error naming the platform, never Engage's data and never a call to an
 * Engage back end the deployment does not have.
 */
const engageOnly = () =>
  Promise.reject(
    GatewayError.notSupported(
      'WFM 8.5 REST and SOAP are Genesys Engage back ends; this gateway runs on Genesys Cloud.',
    ),
  );

export const wfmNotOnCloud: WfmApi = { userInfo: engageOnly };

export const soapNotOnCloud: WfmSoapApi = {
  getSites: engageOnly,
  getTeams: engageOnly,
  getAgents: engageOnly,
  getAgentStates: engageOnly,
  dropSession: () => undefined,
};
