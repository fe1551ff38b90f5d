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

  it('a client-credentials token is a SERVICE caller: me says so, organisation reads work', async () => {
    const grant = await fetch(`${gw.sim.cloudLoginUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(grant.status).toBe(200);
    const token = ((await grant.json()) as { access_token: string }).access_token;
    gw.sim.log.clear();
    const res = await gw.gql(
      /* GraphQL */ `
        query ($from: DateTime!, $to: DateTime!) {
          me {
            kind
            client {
              id
              name
            }
            user {
              username
              loginName
              properties
            }
            authorities {
              name
            }
            wfmUser {
              id
            }
            mySchedule(from: $from, to: $to) {
              from
            }
          }
          sites {
            id
            teams {
              id
            }
            agents {
              schedule(from: $from, to: $to) {
                items {
                  type
                }
              }
            }
          }
        }
      `,
      token,
      { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as {
      me: Record<string, unknown>;
      sites: { teams: unknown[]; agents: { schedule: { items: unknown[] } }[] }[];
    };
    expect(data.me).toEqual({
      kind: 'SERVICE',
      client: { id: 'demo-client', name: expect.any(String) },
      user: {
        username: 'demo-client',
        loginName: null,
        properties: expect.objectContaining({ clientId: 'demo-client' }),
      },
      authorities: [],
      wfmUser: null,
      mySchedule: null,
    });
    expect(data.sites.length).toBe(3);
    expect(data.sites.every((s) => s.teams.length > 0 && s.agents.length > 0)).toBe(true);
    const ops = gw.sim.log.entries({ service: 'cloud' }).map((c) => c.operation);
    // The token check: users/me answers 400 (no user context), tokens/me names the client.
    expect(ops.filter((o) => o === 'GET users/me' || o === 'GET tokens/me')).toEqual([
      'GET users/me',
      'GET tokens/me',
    ]);
    expect(ops).not.toContain('GET agents/me/managementunit');

    const user = await gw.gql('{ me { kind client { id } } }', gw.cloudToken('sam.supervisor'));
    expect(user.body.data).toEqual({ me: { kind: 'USER', client: null } });
  });
});
