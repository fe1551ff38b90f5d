/**
 * The gateway as an Apollo Federation v2 subgraph, through the whole stack over HTTP: `_service`
 * publishes the subgraph SDL with `@key` on Site, Team, Agent and User; `_entities` answers a
 * router's references through the request's DataLoaders, so 1,000 agent references cost
 * ceil(1,000 / LOADER_MAX_BATCH_SIZE) GetAgent calls (counted in the simulator's request log),
 * and only what the caller's token may see; the public SDL stays free of federation types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@genesys-gateway/simulator';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const REFERENCES = 1_000;
const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Agent { id firstName lastName site { id } }
    ... on Team { id name }
    ... on Site { id name timeZone }
    ... on User { username loginName }
  }
}`;

type Entity = Record<string, unknown> | null;

let sim: Simulator;
let oneBatch: TestGateway;
let byDefault: TestGateway;
let sam: string;
beforeAll(async () => {
  // 1,000 numbered agents (ids 2001–3000) round-robin over three sites, plus alex.agent.
  sim = await startSimulator({
    port: 0,
    rateLimitPerMinute: 0,
    agents: REFERENCES,
    today: SEEDED_TODAY,
  });
  [oneBatch, byDefault] = await Promise.all([
    startTestGateway({ sharedSimulator: sim, env: { LOADER_MAX_BATCH_SIZE: String(REFERENCES) } }),
    startTestGateway({ sharedSimulator: sim }),
  ]);
  sam = await oneBatch.token('sam.supervisor');
});
afterAll(async () => {
  await Promise.all([oneBatch?.close(), byDefault?.close()]);
  await sim?.close();
});

const numbered = () => sim.world.agents.filter((a) => a.id > 2000);
const soapCalls = (operation: string) => sim.log.count({ service: 'wfm-soap', operation });

async function entities(
  h: TestGateway,
  representations: Record<string, unknown>[],
  token = sam,
): Promise<Entity[]> {
  const response = await h.gql(ENTITIES, token, { representations });
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.['_entities'] as Entity[];
}

describe('_entities', () => {
  it('answers 1,000 agent references with one GetAgent call, aligned with the references', async () => {
    const agents = numbered();
    expect(agents).toHaveLength(REFERENCES);
    sim.log.clear();
    const answered = await entities(
      oneBatch,
      agents.map((a) => ({ __typename: 'Agent', id: String(a.id) })),
    );
    expect(soapCalls('GetAgent')).toBe(1);
    // sam.supervisor sees sites 1 and 2: the Sydney agents are null, in their places.
    expect(answered).toHaveLength(REFERENCES);
    answered.forEach((entity, i) => {
      const agent = agents[i]!;
      if (agent.siteId === 3) expect(entity).toBeNull();
      else
        expect(entity).toEqual({
          __typename: 'Agent',
          id: String(agent.id),
          firstName: agent.firstName,
          lastName: agent.lastName,
          site: { id: String(agent.siteId) },
        });
    });
    // The agents' sites came from the same request's siteById loader: one GetSite.
    expect(soapCalls('GetSite')).toBe(1);
    console.log(
      `federation: ${REFERENCES} agent references → ${soapCalls('GetAgent')} GetAgent call (LOADER_MAX_BATCH_SIZE=${REFERENCES})`,
    );
  });

  it('splits them by LOADER_MAX_BATCH_SIZE by default, never one call per reference', async () => {
    sim.log.clear();
    const answered = await entities(
      byDefault,
      numbered().map((a) => ({ __typename: 'Agent', id: String(a.id) })),
    );
    expect(answered.filter((e) => e !== null).length).toBeGreaterThan(600);
    const expected = Math.ceil(REFERENCES / byDefault.config.loaders.maxBatchSize);
    expect(soapCalls('GetAgent')).toBe(expected);
    console.log(
      `federation: ${REFERENCES} agent references → ${expected} GetAgent calls (default LOADER_MAX_BATCH_SIZE=${byDefault.config.loaders.maxBatchSize})`,
    );
  });

  it('resolves sites, teams and agents of one request in one batch per type', async () => {
    sim.log.clear();
    const answered = await entities(oneBatch, [
      { __typename: 'Site', id: '1' },
      { __typename: 'Team', id: '21' },
      { __typename: 'Agent', id: '1003' },
      { __typename: 'Site', id: '2' },
      { __typename: 'Team', id: '11' },
      { __typename: 'Agent', id: '2002' },
      { __typename: 'Site', id: '999' },
    ]);
    expect(answered.map((e) => e && [e['__typename'], e['id']])).toEqual([
      ['Site', '1'],
      ['Team', '21'],
      ['Agent', '1003'],
      ['Site', '2'],
      ['Team', '11'],
      ['Agent', '2002'],
      null,
    ]);
    expect(answered[0]).toMatchObject({ timeZone: 'America/Chicago' });
    expect(soapCalls('GetTeam')).toBe(1);
    expect(soapCalls('GetAgent')).toBe(1);
  });

  it("answers with what the caller's token may see: another caller gets other entities", async () => {
    const alex = await oneBatch.token('alex.agent');
    const refs = [
      { __typename: 'Site', id: '1' },
      { __typename: 'Site', id: '2' },
    ];
    const asAlex = await entities(oneBatch, refs, alex);
    const asSam = await entities(oneBatch, refs);
    // An agent sees their own site only; sam sees both.
    expect(asAlex.map((e) => e?.['id'] ?? null)).toEqual(['1', null]);
    expect(asSam.map((e) => e?.['id'] ?? null)).toEqual(['1', '2']);
  });

  it('resolves the caller as a User entity and nobody else', async () => {
    const me = await oneBatch.gql('{ me { user { username loginName } } }', sam);
    const user = (me.body.data?.['me'] as { user: { username: string; loginName: string } }).user;
    const pat = await oneBatch.gql(
      '{ me { user { username } } }',
      await oneBatch.token('pat.supervisor'),
    );
    const other = (pat.body.data?.['me'] as { user: { username: string } }).user.username;
    const answered = await entities(oneBatch, [
      { __typename: 'User', username: user.username },
      { __typename: 'User', username: other },
    ]);
    expect(answered).toEqual([{ __typename: 'User', ...user }, null]);
  });

  it('refuses a caller without a token before anything is resolved', async () => {
    sim.log.clear();
    const response = await oneBatch.gql(ENTITIES, null, {
      representations: [{ __typename: 'Agent', id: '2001' }],
    });
    expect(response.status).toBe(401);
    expect(soapCalls('GetAgent')).toBe(0);
  });
});

describe('_service', () => {
  it('publishes the subgraph SDL with @key on Site, Team, Agent and User', async () => {
    const response = await oneBatch.gql('{ _service { sdl } }', sam);
    expect(response.body.errors).toBeUndefined();
    const sdl = (response.body.data?.['_service'] as { sdl: string }).sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    for (const [type, key] of [
      ['Site', 'id'],
      ['Team', 'id'],
      ['Agent', 'id'],
      ['User', 'username'],
    ])
      expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "${key}"\\)`));
  });

  it('answers with introspection off too (production), so a router can compose', async () => {
    const production = await startTestGateway({ sharedSimulator: sim, profile: 'production' });
    try {
      const token = await production.token('sam.supervisor');
      expect((await production.gql('{ __schema { types { name } } }', token)).status).toBe(400);
      const response = await production.gql('{ _service { sdl } }', token);
      expect(response.body.errors).toBeUndefined();
      expect((response.body.data?.['_service'] as { sdl: string }).sdl).toContain('@key');
    } finally {
      await production.close();
    }
  });

  it('leaves the public SDL at GET /schema.graphql without federation types', async () => {
    const response = await oneBatch.send({ method: 'GET', path: '/schema.graphql' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('type Agent {');
    expect(response.text).not.toMatch(/_entities|_service|_Any|_Entity|@key|@link/);
  });
});
