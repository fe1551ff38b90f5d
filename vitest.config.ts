import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration suites each start their own simulator on port 0; two workers fit the 2-core machines.
    maxWorkers: 2,
  },
});
