import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import { AGENT } from '../../helpers/fakeWorld.js';
import { createSchemaHarness } from '../../helpers/schemaHarness.js';

const ME = `{
  me {
    user { username loginName cmeUserName dbid contactCenterId environmentId properties authorities { name privileges } }
    authorities { name privileges }
  }
}`;

const notProvisioned = () =>
  new UpstreamError('FORBIDDEN', 'not provisioned', {
    service: 'wfm',
    operation: 'system/userinfo',
    status: 403,
    reason: 'WFM_NOT_PROVISIONED',
  });

describe('Query.me', () => {
  it('answers from the /userinfo taken at authentication, with no upstream call', async () => {
    const h = createSchemaHarness();
    const result = await h.run(ME);
    expect(result).toEqual({
      data: {
        me: {
          user: {
            username: 'demo\\sam.supervisor',
            loginName: 'sam.supervisor',
            cmeUserName: 'sam.supervisor',
            dbid: 900,
            contactCenterId: 'cc-1',
            environmentId: 'env-1',
            properties: { locale: 'en-US' },
            authorities: [
              { name: 'ROLE_SUPERVISOR', privileges: ['wfm.schedule.view', 'wfm.agent.view'] },
            ],
          },
          authorities: [
            { name: 'ROLE_SUPERVISOR', privileges: ['wfm.schedule.view', 'wfm.agent.view'] },
          ],
        },
      },
    });
    expect(h.fakes.log.calls).toEqual([]);
  });

  it('maps OpenID claims to camel case, asking once however often selected', async () => {
    const h = createSchemaHarness({
      openId: {
        sub: 'sub-1',
        aud: 'demo-client',
        user_name: 'sam',
        given_name: 'Sam',
        family_name: 'Super',
        email: 'sam@example.com',
        dbid: 900,
        contact_center_id: 'cc-1',
        environment_id: 'env-1',
        properties: { a: 'b' },
        authorities: [{ name: 'R', privileges: [] }],
      },
    });
    const result = await h.run(`{ me {
      openId { subject audience userName givenName familyName email dbid contactCenterId environmentId properties authorities { name } }
      again: openId { subject }
    } }`);
    expect(result.data?.['me']).toEqual({
      openId: {
        subject: 'sub-1',
        audience: 'demo-client',
        userName: 'sam',
        givenName: 'Sam',
        familyName: 'Super',
        email: 'sam@example.com',
        dbid: 900,
        contactCenterId: 'cc-1',
        environmentId: 'env-1',
        properties: { a: 'b' },
        authorities: [{ name: 'R' }],
      },
      again: { subject: 'sub-1' },
    });
    expect(h.fakes.log.count('openid/userinfo')).toBe(1);
  });

  it('describes a supervisor in WFM, without agent or own schedule', async () => {
    const h = createSchemaHarness({
      wfmUser: {
        userId: 900,
        userType: 'SUPERVISOR',
        userName: 'sam.supervisor',
        firstName: 'Sam',
        lastName: 'Super',
      },
    });
    const result = await h.run(`{ me {
      wfmUser { id type name userName firstName lastName timeZone agent { id } site { id } }
      mySchedule(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { items { type } }
    } }`);
    expect(result).toEqual({
      data: {
        me: {
          wfmUser: {
            id: '900',
            type: 'SUPERVISOR',
            name: 'Sam Super',
            userName: 'sam.supervisor',
            firstName: 'Sam',
            lastName: 'Super',
            timeZone: null,
            agent: null,
            site: null,
          },
          mySchedule: null,
        },
      },
    });
    expect(h.fakes.log.count('system/userinfo')).toBe(1);
  });

  it('gives an agent their agent record, site and own schedule', async () => {
    const h = createSchemaHarness({
      user: AGENT,
      wfmUser: { userId: 1001, userType: 'AGENT', userName: 'alex.agent' },
    });
    const result = await h.run(`{ me {
      wfmUser { name agent { id lastName } site { name } }
      mySchedule(from: "2026-03-03T00:00:00-06:00", to: "2026-03-04T00:00:00-06:00") {
        agent { id } from to items { type start end }
      }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['me']).toEqual({
      wfmUser: {
        name: 'alex.agent',
        agent: { id: '1001', lastName: 'Last1-1' },
        site: { name: 'Chicago' },
      },
      mySchedule: {
        agent: { id: '1001' },
        from: '2026-03-03T00:00:00-06:00',
        to: '2026-03-04T00:00:00-06:00',
        items: [
          { type: 'SHIFT', start: '2026-03-03T09:00:00-06:00', end: '2026-03-03T17:00:00-06:00' },
          {
            type: 'ACTIVITY',
            start: '2026-03-03T09:00:00-06:00',
            end: '2026-03-03T12:00:00-06:00',
          },
          { type: 'BREAK', start: '2026-03-03T12:00:00-06:00', end: '2026-03-03T12:15:00-06:00' },
        ],
      },
    });
    expect(h.fakes.log.count('GetAgentState')).toBe(1);
  });

  it('answers wfmUser null with FORBIDDEN / WFM_NOT_PROVISIONED, keeping the rest of the data', async () => {
    const h = createSchemaHarness();
    h.fakes.log.failures.push({ operation: 'system/userinfo', error: notProvisioned() });
    const result = await h.run(`{ me {
      user { username }
      wfmUser { id }
      mySchedule(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { items { type } }
    } }`);
    expect(result.data).toEqual({
      me: { user: { username: 'demo\\sam.supervisor' }, wfmUser: null, mySchedule: null },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['me', 'wfmUser'],
        extensions: {
          code: 'FORBIDDEN',
          reason: 'WFM_NOT_PROVISIONED',
          upstream: { service: 'wfm', operation: 'system/userinfo', status: 403 },
        },
      }),
      expect.objectContaining({
        path: ['me', 'mySchedule'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    expect(h.fakes.log.count('system/userinfo')).toBe(1);
  });
});
