import { ApolloServer, HeaderMap } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { debugCostPlugin } from '../../../../src/server/plugins/debugCostPlugin.js';
import { createRequestTally, type RequestTally } from '../../../../src/types/RequestTally.js';

interface TestContext {
  tally?: RequestTally;
}

function makeServer() {
  return new ApolloServer<TestContext>({
    typeDefs: 'type Query { hello: String }',
    resolvers: {
      Query: {
        hello: (_parent: unknown, _args: unknown, ctx: TestContext) => {
          if (ctx.tally) ctx.tally.upstreamCalls += 2;
          return 'world';
        },
      },
    },
    plugins: [debugCostPlugin<TestContext>()],
  });
}

async function run(headers: Record<string, string>, contextValue: TestContext) {
  const server = makeServer();
  await server.start();
  try {
    const headerMap = new HeaderMap();
    for (const [k, v] of Object.entries(headers)) headerMap.set(k, v);
    const response = await server.executeOperation(
      { query: '{ hello }', http: { method: 'POST', headers: headerMap, search: '', body: {} } },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  } finally {
    await server.stop();
  }
}

describe('debugCostPlugin', () => {
  it('reports the tally in extensions.cost when x-gateway-debug: 1 is sent', async () => {
    const tally = createRequestTally();
    tally.cacheHits = 3;
    const result = await run({ 'x-gateway-debug': '1' }, { tally });
    expect(result.data).toEqual({ hello: 'world' });
    expect(result.extensions).toEqual({ cost: { upstreamCalls: 2, cacheHits: 3, coalesced: 0 } });
  });

  it.each<Record<string, string>>([{}, { 'x-gateway-debug': '0' }, { 'x-gateway-debug': 'true' }])(
    'says nothing without the header (%j)',
    async (headers) => {
      const result = await run(headers, { tally: createRequestTally() });
      expect(result.extensions).toBeUndefined();
    },
  );

  it('says nothing when the context carries no tally', async () => {
    const result = await run({ 'x-gateway-debug': '1' }, {});
    expect(result.extensions).toBeUndefined();
  });
});
