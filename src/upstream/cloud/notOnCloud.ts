import { GatewayError } from '../../errors/GatewayError.js';
import type { WfmApi } from '../../types/WfmApi.js';
import type { WfmSoapApi } from '../../types/WfmSoapApi.js';

/*
 * The WFM reads on GENESYS_PLATFORM=cloud until the Cloud loaders land (issue 13 item 2): every
 * field that needs them (`me.wfmUser`, `me.mySchedule`, `sites`, `site`, `team`, `agent`,
 * `schedules`) answers a typed NOT_SUPPORTED error naming the platform, never Engage's data and
 * never a call to an Engage back end the deployment does not have.
 */
const notYet = () =>
  Promise.reject(
    GatewayError.notSupported(
      'The WFM fields (sites, teams, agents, schedules, me.wfmUser) are not served on Genesys Cloud yet.',
    ),
  );

export const wfmNotOnCloud: WfmApi = { userInfo: notYet };

export const soapNotOnCloud: WfmSoapApi = {
  getSites: notYet,
  getTeams: notYet,
  getAgents: notYet,
  getAgentStates: notYet,
  dropSession: () => undefined,
};
