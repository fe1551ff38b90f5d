/**
 * Every field and mutation through the whole stack (HTTP → gateway → simulator), for a supervisor
 * (sam), an agent (alex) and a user not provisioned in WFM (nina).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const RANGE = { from: '2026-03-09T00:00:00-05:00', to: '2026-03-10T00:00:00-05:00' };
const SCHEDULE = 'from to agent { id } items { type name start end fullDay paid }';

const VIEWER = `query ($from: DateTime!, $to: DateTime!) { me {
  user { username loginName cmeUserName dbid contactCenterId environmentId properties authorities { name privileges } }
  authorities { name privileges }
  openId { subject audience userName givenName familyName email dbid contactCenterId environmentId properties authorities { name } }
  wfmUser { id type name userName firstName lastName timeZone agent { id } site { id } }
  mySchedule(from: $from, to: $to) { ${SCHEDULE} }
} }`;

const WFM = `query ($from: DateTime!, $to: DateTime!) {
  sites { id name timeZone teams { id name site { id } agents { id } } team(id: "11") { id } agents { id } }
  chicago: site(id: "1") { id team(id: "21") { id } }
  berlin: site(id: "2") { id }
  sydney: site(id: "3") { id }
  team(id: "11") { id name site { id } agents { id } }
  agent(id: "1003") { id firstName lastName site { id } team { id } schedule(from: $from, to: $to) { ${SCHEDULE} } }
  schedules(siteId: "1", from: $from, to: $to, teamIds: ["11"]) { agent { id team { id } } items { type } }
}`;

type Data = Record<string, unknown>;

let h: TestGateway;
beforeAll(async () => {
  // A token check per request (no remembered checks), so a signed-out token is refused at once.
  h = await startTestGateway({
    simulator: { agents: 30, today: SEEDED_TODAY },
    env: { TOKEN_CHECK_TTL_MS: '0' },
    responseCache: false,
  });
});
afterAll(async () => h?.close());

describe('sam.supervisor (US and EU sites)', () => {
  let token: string;
  beforeAll(async () => {
    token = await h.token('sam.supervisor');
  });

  it('sees every viewer field; no own schedule', async () => {
    const { status, body } = await h.gql(VIEWER, token, RANGE);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const me = body.data?.['me'] as Data;
    expect(me['user']).toMatchObject({ dbid: 1001, username: expect.any(String) });
    expect((me['authorities'] as unknown[]).length).toBeGreaterThan(0);
    expect(me['openId']).toMatchObject({ email: 'sam.supervisor@demo.example.com', dbid: 1001 });
    expect(me['wfmUser']).toMatchObject({
      id: '1001',
      type: 'SUPERVISOR',
      name: 'Sam Supervisor',
      agent: null,
    });
    expect(me['mySchedule']).toBeNull();
  });

  it('sees sites 1 and 2 with their teams and agents, not site 3', async () => {
    const { body } = await h.gql(WFM, token, RANGE);
    expect(body.errors).toBeUndefined();
    const data = body.data as Data;
    const sites = data['sites'] as {
      id: string;
      teams: { site: { id: string } }[];
      agents: unknown[];
    }[];
    expect(sites.map((s) => s.id).sort()).toEqual(['1', '2']);
    for (const site of sites) {
      expect(site.teams.every((t) => t.site.id === site.id)).toBe(true);
      expect(site.agents.length).toBeGreaterThan(0);
    }
    expect(data['chicago']).toEqual({ id: '1', team: null });
    expect(data['berlin']).toEqual({ id: '2' });
    expect(data['sydney']).toBeNull();
    expect(data['team']).toMatchObject({ id: '11', site: { id: '1' } });
    expect(data['agent']).toMatchObject({
      id: '1003',
      firstName: 'Alex',
      lastName: 'Agent',
      site: { id: '1' },
      team: { id: '11' },
      schedule: { from: RANGE.from, to: RANGE.to, agent: { id: '1003' } },
    });
    const schedules = data['schedules'] as { agent: { id: string; team: { id: string } } }[];
    expect(schedules.length).toBeGreaterThan(1);
    expect(schedules.every((s) => s.agent.team.id === '11')).toBe(true);
  });
});

describe('alex.agent', () => {
  let token: string;
  beforeAll(async () => {
    token = await h.token('alex.agent');
  });

  it('is an agent in WFM with an own schedule', async () => {
    const { body } = await h.gql(VIEWER, token, RANGE);
    expect(body.errors).toBeUndefined();
    const me = body.data?.['me'] as Data;
    expect(me['wfmUser']).toMatchObject({
      id: '1003',
      type: 'AGENT',
      agent: { id: '1003' },
      site: { id: '1' },
    });
    const mine = me['mySchedule'] as {
      agent: { id: string };
      items: { type: string; start: string }[];
    };
    expect(mine.agent.id).toBe('1003');
    expect(mine.items.map((i) => i.type)).toContain('SHIFT');
    expect(mine.items.every((i) => i.start.endsWith('-05:00'))).toBe(true);
  });

  it('sees only the own site, and the own schedule by id', async () => {
    const { body } = await h.gql(
      `query ($from: DateTime!, $to: DateTime!) {
        sites { id }
        berlin: site(id: "2") { id }
        schedules(siteId: "1", from: $from, to: $to, agentIds: ["1003"]) { agent { id } items { type } }
      }`,
      token,
      RANGE,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({
      sites: [{ id: '1' }],
      berlin: null,
      schedules: [{ agent: { id: '1003' } }],
    });
  });

  it("is refused other agents' schedules with FORBIDDEN / INSUFFICIENT_PRIVILEGES, keeping the own", async () => {
    const { body } = await h.gql(
      `query ($from: DateTime!, $to: DateTime!) {
        all: schedules(siteId: "1", from: $from, to: $to) { agent { id } }
      }`,
      token,
      RANGE,
    );
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' }),
    ]);
    const mixed = await h.gql(
      `query ($from: DateTime!, $to: DateTime!) {
        own: agent(id: "1003") { schedule(from: $from, to: $to) { items { type } } }
        other: agent(id: "2001") { schedule(from: $from, to: $to) { items { type } } }
      }`,
      token,
      RANGE,
    );
    expect(mixed.body.data?.['own']).toMatchObject({ schedule: { items: expect.any(Array) } });
    expect(mixed.body.data?.['other']).toBeNull();
    expect(mixed.body.errors?.map((e) => [e.path?.[0], e.extensions?.['reason']])).toEqual([
      ['other', 'INSUFFICIENT_PRIVILEGES'],
    ]);
  });
});

describe('nina.noprov (not provisioned in WFM)', () => {
  let token: string;
  beforeAll(async () => {
    token = await h.token('nina.noprov');
  });

  it('gets the Authentication API fields, and wfmUser null with FORBIDDEN / WFM_NOT_PROVISIONED', async () => {
    const { status, body } = await h.gql(VIEWER, token, RANGE);
    expect(status).toBe(200);
    const me = body.data?.['me'] as Data;
    expect(me['user']).toMatchObject({ dbid: 1004 });
    expect(me['openId']).toMatchObject({ email: 'nina.noprov@demo.example.com' });
    expect(me['wfmUser']).toBeNull();
    expect(me['mySchedule']).toBeNull();
    expect(
      body.errors?.map((e) => [
        e.path?.join('.'),
        e.extensions?.['code'],
        e.extensions?.['reason'],
      ]),
    ).toEqual([
      ['me.wfmUser', 'FORBIDDEN', 'WFM_NOT_PROVISIONED'],
      ['me.mySchedule', 'FORBIDDEN', 'WFM_NOT_PROVISIONED'],
    ]);
  });

  it('is refused WFM data with the same code', async () => {
    const { body } = await h.gql('{ sites { id } }', token);
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.['reason'])).toEqual(['WFM_NOT_PROVISIONED']);
  });
});

describe('mutations', () => {
  const CHANGE = `mutation ($input: ChangePasswordInput!) {
    changePassword(input: $input) { success message error { code reason message } }
  }`;

  it('signOut revokes this token only; the next request with it is 401', async () => {
    const first = await h.token('agent001');
    const second = await h.token('agent001');
    const { body } = await h.gql('mutation { signOut { success global } }', first);
    expect(body).toEqual({ data: { signOut: { success: true, global: false } } });
    const after = await h.gql('{ me { user { username } } }', first);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await h.gql('{ me { user { dbid } } }', second)).status).toBe(200);
  });

  it('signOut(global: true) revokes every token of the user', async () => {
    const first = await h.token('agent002');
    const second = await h.token('agent002');
    const { body } = await h.gql('mutation { signOut(global: true) { success global } }', first);
    expect(body).toEqual({ data: { signOut: { success: true, global: true } } });
    expect((await h.gql('{ me { user { dbid } } }', second)).status).toBe(401);
  });

  it('changePassword refuses a wrong current password as a payload, then changes it', async () => {
    const token = await h.token('agent003');
    const wrong = await h.gql(CHANGE, token, {
      input: { oldPassword: 'nope', newPassword: 'n3w-pass' },
    });
    expect(wrong.body.errors).toBeUndefined();
    expect(wrong.body.data?.['changePassword']).toMatchObject({
      success: false,
      error: { code: 'FORBIDDEN', reason: 'UPSTREAM_FORBIDDEN' },
    });
    const right = await h.gql(CHANGE, token, {
      input: { oldPassword: 'demo-password', newPassword: 'n3w-pass' },
    });
    expect(right.body.data?.['changePassword']).toEqual({
      success: true,
      message: 'Password changed.',
      error: null,
    });
    await expect(h.sim.passwordToken('agent003', 'n3w-pass')).resolves.toMatchObject({
      access_token: expect.any(String),
    });
  });

  it('changePassword answers an empty new password as a BAD_USER_INPUT payload', async () => {
    const token = await h.token('agent004');
    const { body } = await h.gql(CHANGE, token, {
      input: { oldPassword: 'demo-password', newPassword: '' },
    });
    expect(body.data?.['changePassword']).toMatchObject({
      success: false,
      error: { code: 'BAD_USER_INPUT' },
    });
  });
});
