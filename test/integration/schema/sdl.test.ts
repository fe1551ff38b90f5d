import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { loadTypeDefs } from '../../../src/schema/typeDefs.js';

const schema: GraphQLSchema = buildASTSchema(loadTypeDefs());

/** `Type.field(args): Type` lines of one object type, for comparison with CONTRACT §4. */
function signature(typeName: string): Record<string, string> {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.fromEntries(
    Object.values(type.getFields()).map((f) => {
      const args = f.args.map(
        (a) =>
          `${a.name}: ${String(a.type)}${a.defaultValue !== undefined ? ` = ${String(a.defaultValue)}` : ''}`,
      );
      return [f.name, `${args.length ? `(${args.join(', ')})` : ''}: ${String(f.type)}`];
    }),
  );
}

describe('schema files', () => {
  it('contain the CONTRACT §4 core exactly', () => {
    expect(signature('Query')).toMatchObject({
      me: ': Viewer!',
      sites: ': [Site!]!',
      site: '(id: ID!): Site',
      schedules:
        '(siteId: ID!, from: DateTime!, to: DateTime!, agentIds: [ID!], teamIds: [ID!]): [AgentSchedule!]!',
    });
    expect(signature('Mutation')).toMatchObject({
      changePassword: '(input: ChangePasswordInput!): ChangePasswordPayload!',
      signOut: '(global: Boolean = false): SignOutPayload!',
      // The time-off writes (CONTRACT §9 names), each with a payload and an idempotency key.
      submitTimeOffRequest:
        '(input: SubmitTimeOffRequestInput!, idempotencyKey: String): TimeOffRequestPayload!',
      cancelTimeOffRequest: '(id: ID!, idempotencyKey: String): TimeOffRequestPayload!',
      reviewTimeOffRequest:
        '(input: ReviewTimeOffRequestInput!, idempotencyKey: String): TimeOffRequestPayload!',
    });
    expect(signature('Viewer')).toMatchObject({
      user: ': User!',
      authorities: ': [Authority!]!',
      openId: ': OpenIdProfile',
      wfmUser: ': WfmUser',
    });
    expect(signature('User')).toEqual({
      username: ': String!',
      loginName: ': String',
      cmeUserName: ': String',
      dbid: ': Int',
      contactCenterId: ': String',
      environmentId: ': String',
      properties: ': JSONObject',
      authorities: ': [Authority!]!',
    });
    expect(signature('Authority')).toEqual({ name: ': String!', privileges: ': [String!]!' });
    expect(signature('WfmUser')).toMatchObject({
      id: ': ID!',
      type: ': WfmUserType!',
      name: ': String',
      agent: ': Agent',
    });
    expect(signature('Site')).toMatchObject({
      id: ': ID!',
      name: ': String!',
      timeZone: ': String!',
      teams: ': [Team!]!',
      agents: ': [Agent!]!',
    });
    expect(signature('Team')).toMatchObject({
      id: ': ID!',
      name: ': String!',
      site: ': Site!',
      agents: ': [Agent!]!',
    });
    expect(signature('Agent')).toMatchObject({
      id: ': ID!',
      firstName: ': String',
      lastName: ': String',
      site: ': Site',
      team: ': Team',
      schedule: '(from: DateTime!, to: DateTime!): AgentSchedule!',
    });
    expect(signature('AgentSchedule')).toEqual({
      agent: ': Agent!',
      from: ': DateTime!',
      to: ': DateTime!',
      items: ': [ScheduleItem!]!',
    });
    expect(signature('ScheduleItem')).toEqual({
      type: ': ScheduleItemType!',
      name: ': String!',
      start: ': DateTime!',
      end: ': DateTime!',
      fullDay: ': Boolean!',
      paid: ': Boolean!',
    });
    const values = (name: string) => {
      const type = schema.getType(name);
      return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    };
    expect(values('ScheduleItemType')).toEqual([
      'SHIFT',
      'ACTIVITY',
      'ACTIVITY_SET',
      'BREAK',
      'MEAL',
      'EXCEPTION',
      'TIME_OFF',
      'DAY_OFF',
      'MARKED_TIME',
    ]);
    expect(values('WfmUserType')).toEqual(['AGENT', 'SUPERVISOR']);
    expect(values('ErrorCode')).toEqual([...ERROR_CODES]);
    expect(values('ForbiddenReason')).toEqual([
      'WFM_NOT_PROVISIONED',
      'INVALID_API_KEY',
      'INSUFFICIENT_PRIVILEGES',
      // CONTRACT §8: Genesys Cloud's missing.permissions 403s.
      'MISSING_PERMISSIONS',
      'UPSTREAM_FORBIDDEN',
    ]);
  });

  it('reach ErrorCode and ForbiddenReason from an operation (so generated clients get them)', () => {
    const errorInfo = schema.getType('ErrorInfo');
    expect(isObjectType(errorInfo) && String(errorInfo.getFields()['code']?.type)).toBe(
      'ErrorCode!',
    );
    expect(isObjectType(errorInfo) && String(errorInfo.getFields()['reason']?.type)).toBe(
      'ForbiddenReason',
    );
    const payload = schema.getType('ChangePasswordPayload');
    expect(isObjectType(payload) && getNamedType(payload.getFields()['error']?.type)?.name).toBe(
      'ErrorInfo',
    );
  });

  it('describe every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
