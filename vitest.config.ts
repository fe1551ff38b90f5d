import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`). Node loads @apollo/server's `graphql` as CJS,
    // Vite would load ours as ESM: two realms, and `instanceof GraphQLError` fails in formatError.
    // Resolve ours to the same CJS entry Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // The gateway's tests and the simulator package's (simulator/test), one run.
    include: ['test/**/*.test.ts', 'simulator/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration suites each start their own simulator on port 0; two workers fit the 2-core machines.
    maxWorkers: 2,
  },
});
