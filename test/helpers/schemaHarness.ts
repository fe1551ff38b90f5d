/**
 * Runs operations against the real schema and resolvers in process (Apollo Server
 * `executeOperation`), with fake upstreams in the context and the real `formatError` boundary.
 * No network.
 */
import { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from '../../src/resolvers/GatewayContext.js';
import { createFormatError } from '../../src/errors/formatError.js';
import { createLoaders } from '../../src/loaders/createLoaders.js';
import { resolvers } from '../../src/resolvers/index.js';
import { buildSchema } from '../../src/schema/buildSchema.js';
import { loadFederationTypeDefs, loadTypeDefs } from '../../src/schema/typeDefs.js';
import type { CloudUserDetails, OpenIdUserInfo } from '../../src/types/AuthApi.js';
import type { WfmUserInfo } from '../../src/types/WfmApi.js';
import { createFakes, testCall, type Fakes, type FakeWorld } from './fakeUpstreams.js';
import { buildWorld, SUPERVISOR, withStates } from './fakeWorld.js';

export interface SchemaHarnessOptions {
  world?: FakeWorld;
  user?: CloudUserDetails;
  openId?: OpenIdUserInfo;
  wfmUser?: WfmUserInfo;
  maxScheduleRangeDays?: number;
  maxBatchSize?: number;
}

export interface SchemaHarness {
  fakes: Fakes;
  /** Executes one operation as the harness user, with fresh per-request loaders. */
  run(query: string, variables?: Record<string, unknown>): Promise<FormattedExecutionResult>;
}

let server: ApolloServer<GatewayContext> | undefined;

function sharedServer(): ApolloServer<GatewayContext> {
  // The schema the gateway serves: the public SDL built as a federation subgraph.
  server ??= new ApolloServer<GatewayContext>({
    schema: buildSchema({
      typeDefs: loadTypeDefs(),
      resolvers,
      federation: loadFederationTypeDefs(),
    }).executable,
    formatError: createFormatError(),
  });
  return server;
}

/** One harness per test: a fake world (3 agents per site, a week of states by default) and a caller. */
export function createSchemaHarness(options: SchemaHarnessOptions = {}): SchemaHarness {
  const user = options.user ?? SUPERVISOR;
  const fakes = createFakes({
    world: options.world ?? withStates(buildWorld(3)),
    user,
    ...(options.openId ? { openId: options.openId } : {}),
    ...(options.wfmUser ? { wfmUser: options.wfmUser } : {}),
  });
  return {
    fakes,
    async run(query, variables) {
      const call = testCall();
      const contextValue: GatewayContext = {
        call,
        user,
        upstreams: fakes.upstreams,
        loaders: createLoaders(fakes.upstreams, call, {
          maxBatchSize: options.maxBatchSize ?? 500,
        }),
        limits: {
          maxScheduleRangeDays: options.maxScheduleRangeDays ?? 31,
          maxListArgument: 1_000,
        },
      };
      const response = await sharedServer().executeOperation(
        { query, variables },
        { contextValue },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult;
    },
  };
}
