/**
 * Issue 11 item 3: a plain query is executed without Apollo Server's request pipeline
 * (src/server/directExecution.ts), and its answer must be the one Apollo Server gives, byte for
 * byte, with the same status and content type. Apollo Server's path is taken by the same gateway
 * for an `accept` the direct path leaves to Apollo's negotiation (`application/json;q=1`, which
 * Apollo answers as application/json too), so each pair is compared within one gateway.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const FROM = '2026-03-09T00:00:00-05:00';
const TO = '2026-03-16T00:00:00-05:00';
const DASHBOARD = `{
  me { user { username } wfmUser { id name } openId { userName } }
  sites { id name agents { id } }
  schedules(siteId: "1", teamIds: ["11"], from: "${FROM}", to: "${TO}") {
    agent { id } items { type start end }
  }
}`;
const WEEK = `{ site(id: "1") { agents { id schedule(from: "${FROM}", to: "${TO}") { items { type name start end } } } } }`;
/** Apollo Server's negotiation answers application/json for it; the direct path declines it. */
const VIA_APOLLO = { accept: 'application/json;q=1' };

let h: TestGateway;
let token: string;
beforeAll(async () => {
  // 600 agents: site 1 holds 200, a week of about 9,000 items (≈ 1 MB of JSON).
  h = await startTestGateway({
    simulator: { agents: 600, today: SEEDED_TODAY },
    wholeAnswerCache: false,
  });
  token = await h.token('sam.supervisor');
});
afterAll(async () => h?.close());

/** The same request through the direct path and through Apollo Server, each path asserted. */
async function bothPaths(
  query: string,
  variables?: Record<string, unknown>,
  caller: string | null = token,
) {
  const execute = vi.spyOn(h.server.apollo, 'executeHTTPGraphQLRequest');
  try {
    const direct = await h.gql(query, caller, variables);
    const directCalls = execute.mock.calls.length;
    const apollo = await h.gql(query, caller, variables, VIA_APOLLO);
    expect(execute.mock.calls.length).toBe(directCalls + 1);
    return { direct, apollo, directTookApollo: directCalls > 0 };
  } finally {
    execute.mockRestore();
  }
}

function expectSameAnswer(pair: Awaited<ReturnType<typeof bothPaths>>): void {
  expect(pair.direct.status).toBe(pair.apollo.status);
  expect(pair.direct.headers['content-type']).toBe(pair.apollo.headers['content-type']);
  expect(pair.direct.headers['content-length']).toBe(pair.apollo.headers['content-length']);
  expect(pair.direct.text).toBe(pair.apollo.text);
}

describe('direct execution of plain queries', () => {
  it('answers the dashboard with the bytes Apollo Server gives, without its pipeline', async () => {
    const pair = await bothPaths(DASHBOARD);
    expect(pair.directTookApollo).toBe(false);
    expect(pair.direct.body.errors).toBeUndefined();
    expectSameAnswer(pair);
  });

  it('answers a big week with the same bytes', async () => {
    const pair = await bothPaths(WEEK);
    expect(pair.directTookApollo).toBe(false);
    expect(pair.direct.text.length).toBeGreaterThan(500_000);
    expectSameAnswer(pair);
  });

  it('answers partial data with errors exactly as Apollo Server formats them', async () => {
    const query = `query ($from: DateTime!, $to: DateTime!) {
      me { user { username } }
      site(id: "1") { agents { id schedule(from: $from, to: $to) { items { start } } } }
    }`;
    // A range past MAX_SCHEDULE_RANGE_DAYS: a coded error at each schedule, the rest answered.
    const pair = await bothPaths(query, {
      from: '2026-01-01T00:00:00Z',
      to: '2026-12-31T00:00:00Z',
    });
    expect(pair.directTookApollo).toBe(false);
    expect(pair.direct.body.errors?.length).toBeGreaterThan(0);
    expect(pair.direct.body.data).toBeDefined();
    expectSameAnswer(pair);
  });

  it('leaves requests that execute nothing to Apollo Server, with the same answers', async () => {
    const twoOperations = 'query A { me { user { username } } } query B { sites { id } }';
    for (const [query, variables] of [
      [twoOperations, undefined],
      ['query ($id: ID!) { site(id: $id) { id } }', { id: { not: 'an id' } }],
      ['query ($id: ID!) { site(id: $id) { id } }', undefined],
      ['{ sites { id nope } }', undefined],
    ] as const) {
      const pair = await bothPaths(query, variables);
      expect(pair.directTookApollo).toBe(true);
      expect(pair.direct.status).toBeGreaterThanOrEqual(400);
      expectSameAnswer(pair);
    }
  });

  it('answers a refused token as Apollo Server does (401 and WWW-Authenticate)', async () => {
    const pair = await bothPaths('{ me { user { username } } }', undefined, 'not-a-valid-token');
    expect(pair.direct.status).toBe(401);
    expect(pair.direct.headers['www-authenticate']).toBe(pair.apollo.headers['www-authenticate']);
    expectSameAnswer(pair);
  });
});
