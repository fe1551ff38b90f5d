import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const ME = /* GraphQL */ `
  query Me {
    me {
      user {
        username
        loginName
        properties
      }
      authorities {
        name
        privileges
      }
    }
  }
`;

describe('GENESYS_PLATFORM=cloud: me through the Genesys Cloud client', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GENESYS_PLATFORM: 'cloud' } });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('answers me from users/me with roles and permissions, with the caller token only', async () => {
    gw.sim.log.clear();
    const res = await gw.gql(ME, gw.cloudToken('sam.supervisor'));
    expect(res.body.errors).toBeUndefined();
    const me = res.body.data?.['me'] as {
      user: { username: string; loginName: string | null; properties: Record<string, string> };
      authorities: { name: string; privileges: string[] }[];
    };
    expect(me.user.username).toBe(me.user.loginName);
    expect(me.user.properties['userId']).toMatch(/\S/);
    const names = me.authorities.map((a) => a.name);
    expect(names).toContain('WFM Supervisor');
    const permissions = me.authorities.find((a) => a.name === 'permissions')?.privileges;
    expect(permissions).toContain('wfm:schedule:view');

    const calls = gw.sim.log.entries();
    expect(calls.map((c) => `${c.service} ${c.operation}`)).toEqual(['cloud GET users/me']);
    expect(calls[0]?.identity).toBe('sam.supervisor');
    expect(gw.counters.snapshot().upstreamCalls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: 'cloud', operation: 'me', outcome: 'ok' }),
      ]),
    );
  });

  it('an agent sees only its own permissions; the token check is remembered per token', async () => {
    const token = gw.cloudToken('alex.agent');
    gw.sim.log.clear();
    const first = await gw.gql(ME, token);
    const again = await gw.gql(ME, token);
    expect(again.body).toEqual(first.body);
    const perms = (
      first.body.data?.['me'] as { authorities: { name: string; privileges: string[] }[] }
    ).authorities.find((a) => a.name === 'permissions')?.privileges;
    expect(perms).toContain('wfm:agentSchedule:view');
    expect(perms).not.toContain('wfm:schedule:view');
    expect(gw.sim.log.entries()).toHaveLength(1);
  });

  it('Cloud calls run behind the resilience policies: a 503 on users/me is retried', async () => {
    gw.sim.log.clear();
    gw.sim.faults.add({
      service: 'cloud',
      operation: 'GET users/me',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const res = await gw.gql(ME, gw.cloudToken('pat.supervisor'));
    expect(res.body.errors).toBeUndefined();
    expect(gw.sim.log.entries().map((e) => e.operation)).toEqual(['GET users/me', 'GET users/me']);
    const retries = gw.resilience?.snapshot().retries.find((r) => r.service === 'cloud');
    expect(retries).toBeDefined();
  });

  it('refuses an unknown or Engage token with 401; what only Engage has answers NOT_SUPPORTED', async () => {
    const engageToken = await gw.token();
    gw.sim.log.clear();
    const bad = await gw.gql(ME, 'not-a-cloud-token');
    expect(bad.status).toBe(401);
    expect(bad.body.errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    const engage = await gw.gql(ME, engageToken);
    expect(engage.status).toBe(401);

    const res = await gw.gql('{ me { wfmUser { id } openId { subject } } }', gw.cloudToken());
    const codes = (res.body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions['code']]);
    expect(codes).toEqual([['me.openId', 'NOT_SUPPORTED']]);
    expect(res.body.data?.['me']).toMatchObject({ wfmUser: { id: expect.any(String) } });
    expect(gw.sim.log.entries().some((e) => e.service !== 'cloud' && e.service !== 'admin')).toBe(
      false,
    );
  });
});
