import type { Resolvers } from '../__generated__/resolvers-types.js';
import { accountMutation } from './account/Mutation.js';
import { DateTimeScalar } from './base/DateTime.js';
import { JSONObjectScalar } from './base/JSONObject.js';
import { AgentSchedule } from './schedule/AgentSchedule.js';
import { scheduleQuery } from './schedule/Query.js';
import { OpenIdProfile } from './viewer/OpenIdProfile.js';
import { viewerQuery } from './viewer/Query.js';
import { User } from './viewer/User.js';
import { Viewer } from './viewer/Viewer.js';
import { WfmUser } from './viewer/WfmUser.js';
import { Agent } from './wfm/Agent.js';
import { wfmQuery } from './wfm/Query.js';
import { Site } from './wfm/Site.js';
import { Team } from './wfm/Team.js';
import { timeOffMutation } from './timeoff/Mutation.js';
import { timeOffQuery } from './timeoff/Query.js';
import { TimeOffRequest } from './timeoff/TimeOffRequest.js';

/**
 * Every resolver of the schema, typed only through the generated `Resolvers`. Types whose
 * fields equal their parent record's (Authority, ScheduleItem, payloads, ErrorInfo) use the
 * default resolvers.
 */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSONObject: JSONObjectScalar,
  Query: { ...viewerQuery, ...wfmQuery, ...scheduleQuery, ...timeOffQuery },
  Mutation: { ...accountMutation, ...timeOffMutation },
  Viewer,
  User,
  OpenIdProfile,
  WfmUser,
  Site,
  Team,
  Agent,
  AgentSchedule,
  TimeOffRequest,
};
