/** The schema subset the compared documents need, with the gateway's names and shapes. */
export const typeDefs = /* GraphQL */ `
  scalar DateTime

  type Query {
    me: Viewer!
    site(id: ID!): Site
  }

  type Viewer {
    user: User!
  }

  type User {
    username: String!
    loginName: String
    cmeUserName: String
    dbid: Int
    contactCenterId: String
    environmentId: String
    authorities: [Authority!]!
  }

  type Authority {
    name: String!
    privileges: [String!]!
  }

  type Site {
    id: ID!
    name: String!
    timeZone: String!
    agents: [Agent!]!
  }

  type Agent {
    id: ID!
    firstName: String
    lastName: String
    schedule(from: DateTime!, to: DateTime!): AgentSchedule!
  }

  type AgentSchedule {
    items: [ScheduleItem!]!
  }

  enum ScheduleItemType {
    SHIFT
    ACTIVITY
    ACTIVITY_SET
    BREAK
    MEAL
    EXCEPTION
    TIME_OFF
    DAY_OFF
    MARKED_TIME
  }

  type ScheduleItem {
    type: ScheduleItemType!
    name: String!
    start: DateTime!
    end: DateTime!
    fullDay: Boolean!
    paid: Boolean!
  }
`;
